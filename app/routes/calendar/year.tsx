import { Link, useLoaderData } from '@remix-run/react'
import { TableWrap } from '~/components/field'
import { formatDay } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { weekday } from '../../../services/calendar/working-days'
import type { loader } from './route'

/** One year's holidays and make-up workdays, with a tab per year and whether each is official or provisional. */
export function YearSection() {
  const { year, years, days, provisional } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  return (
    <section className="card" aria-labelledby="year-title">
      <h2 id="year-title">
        {t('calendar.year')} {year}
      </h2>
      <nav aria-label={t('calendar.year')} className="tabs">
        {years.map((y) => (
          <Link key={y.year} to={`?year=${y.year}`} aria-current={y.year === year ? 'page' : undefined}>
            {y.year} <span className={`badge ${y.provisional ? 'warn' : 'ok'}`}>{t(y.provisional ? 'calendar.provisionalYear' : 'calendar.official')}</span>
          </Link>
        ))}
      </nav>
      {provisional ? <p className="alert warn">{t('calendar.provisionalNote', { year })}</p> : null}
      {days.length ? (
        <TableWrap label={t('calendar.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('calendar.day')}</th>
                <th scope="col">{t('calendar.weekday')}</th>
                <th scope="col">{t('calendar.kind')}</th>
                <th scope="col">{t('calendar.name')}</th>
                <th scope="col">{t('calendar.source')}</th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.day} className={d.kind === 'workday' ? 'row-workday' : undefined}>
                  <td>{formatDay(d.day, locale)}</td>
                  <td>{t(`weekday.${weekday(d.day) as 0}`)}</td>
                  <td><span className={`badge ${d.kind === 'holiday' ? 'ok' : 'warn'}`}>{t(`calendar.kind.${d.kind}`)}</span></td>
                  <td>{en ? d.nameEn : d.nameZh}</td>
                  <td className="muted">{t(`calendar.source.${d.source}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p className="muted">{t('calendar.none')}</p>
      )}
    </section>
  )
}
