import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { BarChart } from '~/components/charts'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Select, TableWrap } from '~/components/field'
import type { MessageKey } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { formatInstantDay } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { complaintStatistics, complaintsQuerySchema, publishedDecisions, shanghaiDate } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['cmp', 'obj', 'time', 'viol'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'cmp.publicTitle')

const OUTCOMES = ['upheld', 'dismissed', 'invalid', 'withdrawn', 'accepted', 'pending'] as const

/** Complaint decisions: each year's complaints by outcome, and the decisions of a year as published (the latest 50). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { db, clock } = await getApp()
  const query = complaintsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const thisYear = Number(shanghaiDate(clock.now()).slice(0, 4))
  const years = await complaintStatistics(db)
  const year = query.year ?? years[0]?.year ?? thisYear
  return { years, year, decisions: await publishedDecisions(db, year) }
}

export default function PublicComplaints() {
  const { years, year, decisions } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const choices = years.some((y) => y.year === year) ? years.map((y) => y.year) : [year, ...years.map((y) => y.year)]
  return (
    <div className="page">
      <h1>{t('cmp.publicTitle')}</h1>
      <p className="lead">{t('cmp.publicIntro')}</p>
      <p>
        <Link to="/monitoring">{t('cmp.monitoringResults')}</Link>
      </p>
      <section className="card" aria-labelledby="yearly-title">
        <h2 id="yearly-title">{t('cmp.yearly')}</h2>
        {years.length ? (
          <>
            <BarChart title={t('cmp.yearlyChart')} parts={OUTCOMES.map((o) => t(`obj.complaint.${o}`))} bars={years.map((y) => ({ label: String(y.year), values: OUTCOMES.map((o) => y.byStatus[o]) }))} format={(v) => String(v)} />
            <TableWrap label={t('cmp.yearly')}>
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('cmp.year')}</th>
                    <th scope="col" className="num">
                      {t('cmp.total')}
                    </th>
                    {OUTCOMES.map((o) => (
                      <th key={o} scope="col" className="num">
                        {t(`obj.complaint.${o}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {years.map((y) => (
                    <tr key={y.year}>
                      <th scope="row">{y.year}</th>
                      <td className="num">{y.total}</td>
                      {OUTCOMES.map((o) => (
                        <td key={o} className="num">
                          {y.byStatus[o]}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </>
        ) : (
          <p className="muted">{t('cmp.noneYet')}</p>
        )}
      </section>
      <section className="card" aria-labelledby="decisions-title">
        <h2 id="decisions-title">{t('cmp.decisions', { year })}</h2>
        <Form method="get" className="filters">
          <Select label="cmp.year" name="year" defaultValue={String(year)}>
            {choices.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </Select>
          <button type="submit" className="button secondary">
            {t('cmp.show')}
          </button>
        </Form>
        {decisions.length ? (
          <ul className="records">
            {decisions.map((d) => (
              <li key={d.id}>
                <strong>
                  <Link to={`/procurements/${d.procurementId}`}>{d.title}</Link>
                </strong>{' '}
                <span className={`badge${d.status === 'upheld' ? ' ok' : ''}`}>{t(`obj.complaint.${d.status}`)}</span>
                <div className="sub">
                  {d.number} · {locale === 'en' ? d.agencyEn : d.agencyZh} · {t(`obj.matter.${d.matter}`)} · {t(`viol.${d.violation}` as MessageKey)} · {d.decidedAt ? formatInstantDay(d.decidedAt, locale) : ''}
                </div>
                <p>{d.decision}</p>
                {d.remedyApplied ? <p className="sub">{t('cmp.remedyApplied', { remedy: t(`cmp.remedy.${d.remedyApplied}` as MessageKey) })}</p> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('cmp.noDecisions', { year })}</p>
        )}
      </section>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
