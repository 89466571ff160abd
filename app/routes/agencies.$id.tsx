import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { DefinitionList, TableWrap } from '~/components/field'
import { PriceTable } from '~/components/price-table'
import { getApp } from '~/utils/app.server'
import { formatDay, placeName } from '~/utils/format'
import { AgencyRecord } from '~/components/agency-record'
import { useLocale, useT } from '~/utils/i18n'
import { getSession } from '~/utils/auth.server'
import { agencyRecord, can, creditExplained, measuresInForce, publicAgency, shanghaiDate } from '~/utils/services.server'
import { CreditExplanation, GradeBadge } from '~/components/credit'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['after', 'agency', 'credit', 'dash', 'dir', 'history', 'level', 'prac', 'qual', 'qualification', 'svc', 'time'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, clock } = await getApp()
  const viewer = await getSession(request)
  const today = shanghaiDate(clock.now())
  const agency = await publicAgency(db, params.id ?? '', today)
  if (!agency) throw new Response('Not found', { status: 404 })
  const [record, credit, measures] = await Promise.all([agencyRecord(db, agency.org.id, today), creditExplained(db, agency.org.id, clock.now()), measuresInForce(db, agency.org.id, today)])
  return { ...agency, record, credit: credit!, measures: measures.map((m) => ({ id: m.id, kind: m.kind, decisionNo: m.decisionNo, endsOn: m.endsOn })), canSeeHistory: can(viewer ? { kind: viewer.org.kind, role: viewer.user.role } : null, 'read:agency:any'), priceList: agency.priceList ? { ...agency.priceList, date: shanghaiDate(agency.priceList.publishedAt) } : null }
}

export default function AgencyPage() {
  const { org, qualifications, offered, practitioners, priceList, canSeeHistory, record, credit, measures } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const items = Object.fromEntries(offered.map((o) => [o.itemId, o]))
  return (
    <div className="page">
      <p className="eyebrow"><Link to="/agencies">{t('dir.title')}</Link></p>
      <h1>{en ? org.nameEn : org.nameZh}</h1>
      <section className="card" aria-label={t('dash.org')}>
        <DefinitionList
          items={[
            [t('dash.uscc'), <span className="mono" key="u">{org.uscc}</span>],
            [t('dash.region'), placeName(org, locale)],
            [t('agency.legalRep'), org.legalRepresentative ?? '—'],
            [t('agency.address'), org.address ?? '—'],
            [t('agency.contact'), org.contactPhone],
            [t('credit.title'), <a key="c" href="#credit-title"><GradeBadge grade={credit.grade} score={credit.score} /></a>],
            ...(measures.length
              ? [[t('credit.measures'), (
                  <span key="m">
                    {measures.map((m) => (
                      <Link key={m.id} to="/blacklist" className="badge warn wraps">
                        {t('credit.measureUntil', { measure: t(`credit.measure.${m.kind}`), decisionNo: m.decisionNo, until: m.endsOn ? formatDay(m.endsOn, locale) : '—' })}
                      </Link>
                    ))}
                  </span>
                )] as [string, React.ReactNode]]
              : []),
          ]}
        />
      </section>
      <section className="card" aria-labelledby="q-title">
        <h2 id="q-title">{t('agency.qualifications')}</h2>
        <TableWrap label={t('agency.qualifications')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('dash.specialty')}</th>
                <th scope="col">{t('dash.level')}</th>
                <th scope="col">{t('dash.certificate')}</th>
                <th scope="col">{t('qual.issuer')}</th>
                <th scope="col">{t('dash.validity')}</th>
              </tr>
            </thead>
            <tbody>
              {qualifications.map((q) => (
                <tr key={q.id}>
                  <td>{en ? q.specialtyEn : q.specialtyZh}</td>
                  <td>{t(`level.${q.level as 1 | 2 | 3}`)}</td>
                  <td className="mono">{q.certificateNo}</td>
                  <td>{q.issuer}</td>
                  <td>
                    {formatDay(q.validFrom, locale)} – {formatDay(q.validTo, locale)}
                    {q.current ? null : <span className="badge status-expired">{t('qualification.expired')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
      <section className="card" aria-labelledby="o-title">
        <h2 id="o-title">{t('agency.offered')}</h2>
        <ul className="plain">
          {offered.map((o) => (
            <li key={o.itemId}>
              <span className="mono">{o.code}</span> {en ? o.nameEn : o.nameZh} · <strong>{t('time.days', { n: o.committedDays })}</strong>{' '}
              <span className="muted">({t('svc.standard')} {t('time.days', { n: o.standardDays })})</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="p-title">
        <h2 id="p-title">{priceList ? t('agency.prices', { version: priceList.version, date: formatDay(priceList.date, locale) }) : t('agency.noPrices')}</h2>
        {priceList ? <PriceTable rows={priceList.items} items={items} label={t('agency.prices', { version: priceList.version, date: formatDay(priceList.date, locale) })} /> : null}
        {priceList && canSeeHistory ? (
          <p>
            <Link to={`/agencies/${org.id}/prices`}>{t('history.link')}</Link>
          </p>
        ) : null}
      </section>
      <section className="card" aria-labelledby="people-title">
        <h2 id="people-title">{t('prac.public', { n: practitioners.length })}</h2>
        {practitioners.length ? (
          <TableWrap label={t('prac.public', { n: practitioners.length })}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('prac.name')}</th>
                  <th scope="col">{t('qual.specialty')}</th>
                  <th scope="col">{t('prac.certificateNo')}</th>
                  <th scope="col">{t('prac.idNumber')}</th>
                  <th scope="col">{t('prac.validTo')}</th>
                </tr>
              </thead>
              <tbody>
                {practitioners.map((p) => (
                  <tr key={p.id}>
                    <td>{p.name}</td>
                    <td>{en ? p.specialtyEn : p.specialtyZh}</td>
                    <td className="mono">{p.certificateNo}</td>
                    <td className="mono">{p.idNumber}</td>
                    <td>{formatDay(p.validTo, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p className="muted">{t('prac.none')}</p>
        )}
      </section>
      <AgencyRecord record={record} />
      <CreditExplanation data={credit} />
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
