import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { DefinitionList, TableWrap } from '~/components/field'
import { PriceTable } from '~/components/price-table'
import { getApp } from '~/utils/app.server'
import { formatDay } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { publicAgency, shanghaiDate } from '~/utils/services.server'

export async function loader({ params }: LoaderFunctionArgs) {
  const { db, clock } = await getApp()
  const agency = await publicAgency(db, params.id ?? '', shanghaiDate(clock.now()))
  if (!agency) throw new Response('Not found', { status: 404 })
  return { ...agency, priceList: agency.priceList ? { ...agency.priceList, date: shanghaiDate(agency.priceList.publishedAt) } : null }
}

export default function AgencyPage() {
  const { org, qualifications, offered, priceList } = useLoaderData<typeof loader>()
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
            [t('dash.region'), en ? `${org.regionEn}${org.cityEn ? `, ${org.cityEn}` : ''}` : `${org.cityZh ?? ''}${org.regionZh}`],
            [t('agency.legalRep'), org.legalRepresentative ?? '—'],
            [t('agency.address'), org.address ?? '—'],
            [t('agency.contact'), org.contactPhone],
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
              <span className="mono">{o.code}</span> {en ? o.nameEn : o.nameZh} · <strong>{t('catalog.days', { n: o.committedDays })}</strong>{' '}
              <span className="muted">({t('svc.standard')} {t('catalog.days', { n: o.standardDays })})</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="p-title">
        <h2 id="p-title">{priceList ? t('agency.prices', { version: priceList.version, date: formatDay(priceList.date, locale) }) : t('agency.noPrices')}</h2>
        {priceList ? <PriceTable rows={priceList.items} items={items} label={t('agency.prices', { version: priceList.version, date: formatDay(priceList.date, locale) })} /> : null}
      </section>
      <section className="card" aria-labelledby="r-title">
        <h2 id="r-title">{t('agency.record')}</h2>
        <p className="muted">{t('agency.recordPending')}</p>
      </section>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
