import { Form, Link } from '@remix-run/react'
import { BarChart, LineChart } from './charts'
import { DataTable } from './data-table'
import type { RegionCity } from './region-select'
import type { MessageKey } from '~/i18n'
import { formatDay, formatMonth, formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import type { Breakdown, Statistics } from '../../services/supervision/statistics'

/* The statistics dashboard, public or an authority's: its filters, headline figures, two charts and four tables, each exportable. */

export const BREAKDOWNS = ['method', 'region', 'category', 'month'] as const
export type BreakdownKind = (typeof BREAKDOWNS)[number]
const LIST: Record<BreakdownKind, 'byMethod' | 'byRegion' | 'byCategory' | 'byMonth'> = { method: 'byMethod', region: 'byRegion', category: 'byCategory', month: 'byMonth' }

/** A rate in basis points as a percentage with two decimals (618 is 6.18%). */
export const percent = (bp: number | null) => (bp === null ? '—' : `${(bp / 100).toFixed(2)}%`)

export function Dashboard({ stats, query, methods, regions, categories, path, exportPath }: { stats: Statistics; query: Record<string, string | undefined>; methods: readonly string[]; regions: RegionCity[]; categories: Array<{ code: string; nameZh: string; nameEn: string }>; path: string; exportPath: string }) {
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const yuan = (fen: number) => formatYuan(fen, locale)
  const days = (n: number | null) => (n === null ? '—' : n === 0 ? t('stats.sameDay') : t('stats.days', { n }))
  const nameOf = (kind: BreakdownKind, b: Breakdown) => (kind === 'method' ? t(`method.${b.key}` as MessageKey) : kind === 'month' ? formatMonth(b.key, locale) : en ? b.nameEn : b.nameZh)
  const params = new URLSearchParams(Object.entries({ from: stats.from, until: stats.until, method: query.method, region: query.region, category: query.category }).filter((e): e is [string, string] => !!e[1]))
  const exportHref = (by: BreakdownKind, format: 'csv' | 'xlsx') => `${exportPath}${exportPath.includes('?') ? '&' : '?'}${new URLSearchParams([...params, ['by', by], ['format', format]])}`
  const headline: Array<[MessageKey, string]> = [
    ['stats.announcements', String(stats.total.announcements)],
    ['stats.selections', String(stats.total.selections)],
    ['stats.failures', String(stats.total.failures)],
    ['stats.budget', yuan(stats.total.budgetFen)],
    ['stats.award', yuan(stats.total.awardFen)],
    ['stats.savings', yuan(stats.total.savingsFen)],
    ['stats.rate', percent(stats.total.savingsBp)],
    ['stats.median', days(stats.total.medianDays)],
  ]
  return (
    <>
      <Form method="get" action={path} className="card form filters" aria-label={t('stats.filters')}>
        <div className="field">
          <label htmlFor="s-from">{t('stats.from')}</label>
          <input id="s-from" name="from" type="date" defaultValue={stats.from} />
        </div>
        <div className="field">
          <label htmlFor="s-until">{t('stats.until')}</label>
          <input id="s-until" name="until" type="date" defaultValue={stats.until} />
        </div>
        <div className="field">
          <label htmlFor="s-method">{t('stats.method')}</label>
          <select id="s-method" name="method" defaultValue={query.method ?? ''}>
            <option value="">{t('stats.any')}</option>
            {methods.map((m) => <option key={m} value={m}>{t(`method.${m}` as MessageKey)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="s-region">{t('stats.region')}</label>
          <select id="s-region" name="region" defaultValue={query.region ?? ''}>
            <option value="">{t('stats.any')}</option>
            {regions.map((city) => (
              <optgroup key={city.code} label={en ? city.nameEn : city.nameZh}>
                <option value={city.code}>{t('stats.wholeCity', { city: en ? city.nameEn : city.nameZh })}</option>
                {city.districts.map((d) => <option key={d.code} value={d.code}>{en ? d.nameEn : d.nameZh}</option>)}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="s-category">{t('stats.category')}</label>
          <select id="s-category" name="category" defaultValue={query.category ?? ''}>
            <option value="">{t('stats.any')}</option>
            {categories.map((c) => <option key={c.code} value={c.code}>{en ? c.nameEn : c.nameZh}</option>)}
          </select>
        </div>
        <div className="actions filter-actions">
          <button type="submit" className="button">{t('stats.show')}</button>
          <Link to={path}>{t('stats.reset')}</Link>
        </div>
      </Form>

      <section className="card" aria-labelledby="stats-headline">
        <h2 id="stats-headline">
          {t('stats.headline')} <span className="muted sub">{t('stats.period', { from: formatDay(stats.from, locale), until: formatDay(stats.until, locale) })}</span>
        </h2>
        {stats.total.announcements ? null : <p className="muted">{t('stats.empty')}</p>}
        <ul className="stats compact">
          {headline.map(([label, value]) => (
            <li key={label}>
              <strong>{value}</strong>
              <span>{t(label)}</span>
            </li>
          ))}
        </ul>
      </section>

      {stats.total.announcements ? (
        <section className="card" aria-label={t('stats.monthChart')}>
          <LineChart
            title={t('stats.monthChart')}
            caption={t('stats.monthChartCaption')}
            xLabels={stats.byMonth.map((m) => formatMonth(m.key, locale))}
            series={[
              { name: t('stats.announcements'), values: stats.byMonth.map((m) => m.announcements) },
              { name: t('stats.selections'), values: stats.byMonth.map((m) => m.selections), strong: true },
            ]}
            format={(v) => String(v)}
          />
          {stats.byMethod.some((m) => m.budgetFen > 0) ? (
            <BarChart
              title={t('stats.methodChart')}
              caption={t('stats.methodChartCaption')}
              parts={[t('stats.award'), t('stats.savings')]}
              bars={stats.byMethod.filter((m) => m.budgetFen > 0).map((m) => ({ label: nameOf('method', m), values: [m.awardFen, m.savingsFen] }))}
              format={yuan}
            />
          ) : null}
        </section>
      ) : null}

      {BREAKDOWNS.map((kind) => {
        // Months without an announcement stay in the chart and the export, not in the table.
        const rows = kind === 'month' ? stats.byMonth.filter((m) => m.announcements > 0) : stats[LIST[kind]]
        const heading = t(`stats.by${kind[0]!.toUpperCase()}${kind.slice(1)}` as MessageKey)
        if (!rows.length) return null
        return (
          <section key={kind} className="card" aria-labelledby={`stats-${kind}`}>
            <h2 id={`stats-${kind}`}>{heading}</h2>
            <DataTable
              label={heading}
              rows={rows}
              rowKey={(r) => r.key}
              columns={[
                { header: t(`stats.${kind}`), cell: (r) => nameOf(kind, r), lead: true },
                { header: t('stats.announcements'), cell: (r) => r.announcements, className: 'num' },
                { header: t('stats.selections'), cell: (r) => r.selections, className: 'num' },
                { header: t('stats.failures'), cell: (r) => r.failures, className: 'num' },
                { header: t('stats.budget'), cell: (r) => yuan(r.budgetFen), className: 'num' },
                { header: t('stats.award'), cell: (r) => yuan(r.awardFen), className: 'num' },
                { header: t('stats.rate'), cell: (r) => percent(r.savingsBp), className: 'num' },
                { header: t('stats.median'), cell: (r) => days(r.medianDays), className: 'num' },
              ]}
            />
            <p className="actions">
              <a href={exportHref(kind, 'csv')} download>{t('stats.export', { format: 'CSV' })}</a>
              <a href={exportHref(kind, 'xlsx')} download>{t('stats.export', { format: 'Excel' })}</a>
            </p>
          </section>
        )
      })}
      <p className="hint">{t('stats.basis')}</p>
    </>
  )
}
