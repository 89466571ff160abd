import { Form, Link, useNavigation } from '@remix-run/react'
import type { MessageKey } from '~/i18n'
import type { ActionReply } from '~/utils/action-reply'
import { formatDateTime, formatDay, formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { TableWrap } from './field'
import { RED_FLAG_RULES } from '../../services/supervision/red-flag-rules'

type Names = Record<string, { zh: string; en: string }>
type Flag = { id: string; rule: string; procurementIds: string[]; orgId: string | null; evidence: Record<string, unknown>; raisedAt: Date | string; dismissReason: string | null }
type Procurements = Record<string, { number: string | null; title: string }>

/** A flag's evidence, said in words: the figures the rule found. */
export function Evidence({ flag, names }: { flag: Flag; names: Names }) {
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const e = flag.evidence
  const name = (id: unknown) => (names[String(id)] ? (en ? names[String(id)]!.en : names[String(id)]!.zh) : String(id))
  const agencies = Array.isArray(e.agencies) ? e.agencies.map(name).join(en ? ', ' : '、') : ''
  const yuan = (v: unknown) => formatYuan(Number(v), locale)
  // Only the flag's own rule's figures are read: each rule keeps its own.
  const params: Record<string, () => Record<string, string | number>> = {
    single_bid: () => ({ bids: Number(e.bids) }),
    deep_discount: () => ({ price: yuan(e.priceFen), max: yuan(e.maxPriceFen), pct: Number(e.belowPercent) }),
    winner_gap: () => ({ first: yuan(e.firstFen), second: yuan(e.secondFen), pct: Number(e.gapPercent) }),
    identical_prices: () => ({ bids: Number(e.bids), price: yuan(e.priceFen), agencies }),
    concentration: () => ({ agency: name(flag.orgId), region: name(e.region), category: name(e.category), awards: Number(e.awards), wins: Number(e.wins), pct: Number(e.sharePercent), hhi: Number(e.hhi) }),
    same_bidders: () => ({ agencies, times: Number(e.times) }),
    shared_origin: () => ({ agencies, kind: t(e.kind === 'ip' ? 'flag.kind.ip' : 'flag.kind.device'), value: String(e.value).slice(0, 16) }),
    late_owner: () => ({ due: formatDateTime(String(e.decideBy), locale), decided: e.decidedAt ? t('flag.decidedOn', { at: formatDateTime(String(e.decidedAt), locale) }) : t('flag.notDecided'), days: Number(e.daysLate) }),
    many_amendments: () => ({ n: Number(e.amendments) }),
    short_announcement: () => ({ days: Number(e.workingDays), t: Number(e.threshold) }),
  }
  return <>{params[flag.rule] ? t(`flag.ev.${flag.rule}` as MessageKey, params[flag.rule]!()) : null}</>
}

/** The open flags, each with its evidence, the procurements it concerns, and the two ways to act: dismiss with a reason, or open a monitoring. */
export function FlagList({ flags, names, procurements, reply }: { flags: Flag[]; names: Names; procurements: Procurements; reply: ActionReply | undefined }) {
  const t = useT()
  const locale = useLocale()
  const busy = useNavigation().state === 'submitting'
  return (
    <ul className="records">
      {flags.map((f) => {
        const subject = f.procurementIds.length === 1 ? `procurement=${f.procurementIds[0]}` : f.orgId ? `agency=${f.orgId}` : `procurement=${f.procurementIds[0] ?? ''}`
        const failed = reply && !reply.ok && reply.values.id === f.id ? reply : undefined
        return (
          <li key={f.id} id={`flag-${f.id}`}>
            <strong>{t(`flag.rule.${f.rule}` as MessageKey)}</strong> <span className="sub">{formatDateTime(f.raisedAt, locale)}</span>
            <p>
              <Evidence flag={f} names={names} />
            </p>
            <p className="sub">
              {f.procurementIds.slice(0, 5).map((id, n) => (
                <span key={id}>
                  {n ? ' · ' : ''}
                  <Link to={`/procurements/${id}`}>{procurements[id]?.number ?? procurements[id]?.title ?? id.slice(0, 8)}</Link>
                </span>
              ))}
              {f.procurementIds.length > 5 ? ` … (${f.procurementIds.length})` : ''}
            </p>
            <div className="flag-actions">
              <Link className="button small" to={`/office/monitoring/new?${subject}&reason=red_flag&source=${f.id}`}>
                {t('flag.monitor')}
              </Link>
              <Form method="post" className="flag-form">
                <input type="hidden" name="intent" value="dismiss" />
                <input type="hidden" name="id" value={f.id} />
                <label htmlFor={`reason-${f.id}`} className="sr-only">
                  {t('flag.dismissReason')}
                </label>
                <input id={`reason-${f.id}`} name="reason" required minLength={4} maxLength={1000} placeholder={t('flag.dismissReason')} aria-invalid={failed ? true : undefined} aria-describedby={failed ? `reason-${f.id}-error` : undefined} defaultValue={failed?.values.reason} />
                <button type="submit" className="button small secondary" disabled={busy}>
                  {t('flag.dismiss')}
                </button>
                {failed ? (
                  <p id={`reason-${f.id}-error`} className="error">
                    {t((failed.errors.reason ?? failed.formError) as MessageKey)}
                  </p>
                ) : null}
              </Form>
            </div>
          </li>
        )
      })}
    </ul>
  )
}

type RuleRow = { rule: string; methods: readonly string[]; unit: string | null; perMethod: boolean; min: number; max: number; startsOn: string; values: Record<string, number>; share: { flagged: number; inScope: number; percent: number } }

/** Every rule with its metadata, its thresholds (settable within bounds) and the share of its procurements it flags. */
export function RuleTable({ rules, reply }: { rules: RuleRow[]; reply: ActionReply | undefined }) {
  const t = useT()
  const locale = useLocale()
  const busy = useNavigation().state === 'submitting'
  const methodName = (m: string) => (m === '*' ? t('flag.allMethods') : t(`method.${m}` as MessageKey))
  return (
    <ul className="records">
      {rules.map((r) => {
        const failed = reply && !reply.ok && reply.intent === 'threshold' && reply.values.rule === r.rule ? reply : undefined
        return (
          <li key={r.rule} id={`rule-${r.rule}`}>
            <strong>{t(`flag.rule.${r.rule}` as MessageKey)}</strong>
            <dl className="deflist">
              <div>
                <dt>{t('flag.basis')}</dt>
                <dd>{t(`flag.basis.${r.rule}` as MessageKey)}</dd>
              </div>
              <div>
                <dt>{t('flag.scope')}</dt>
                <dd>{r.methods.map(methodName).join(' · ')}</dd>
              </div>
              <div>
                <dt>{t('flag.threshold')}</dt>
                <dd>{r.unit ? Object.entries(r.values).map(([m, v]) => `${methodName(m)} ${t(`flag.unit.${r.unit}` as MessageKey, { v })}`).join('；') : '—'}</dd>
              </div>
              <div>
                <dt>{t('flag.startsOn')}</dt>
                <dd>{formatDay(r.startsOn, locale)}</dd>
              </div>
              <div>
                <dt>{t('flag.share')}</dt>
                <dd>
                  {t('flag.shareValue', { n: r.share.flagged, of: r.share.inScope, pct: r.share.percent })}
                  <span className="share-bar" aria-hidden="true">
                    <span style={{ width: `${Math.min(100, r.share.percent)}%` }} />
                  </span>
                </dd>
              </div>
            </dl>
            {r.unit ? (
              <Form method="post" className="flag-form">
                <input type="hidden" name="intent" value="threshold" />
                <input type="hidden" name="rule" value={r.rule} />
                <label>
                  {t('flag.method')}{' '}
                  <select name="method" defaultValue={failed?.values.method}>
                    {Object.keys(r.values).map((m) => (
                      <option key={m} value={m}>
                        {methodName(m)}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t('flag.value')} <input name="value" type="number" inputMode="numeric" required min={r.min} max={r.max} defaultValue={failed?.values.value} aria-invalid={failed ? true : undefined} />
                </label>
                <button type="submit" className="button small secondary" disabled={busy}>
                  {t('flag.save')}
                </button>
                {failed ? <p className="error">{t((failed.errors.value ?? failed.errors.method ?? failed.formError) as MessageKey, { min: r.min, max: r.max })}</p> : null}
              </Form>
            ) : null}
          </li>
        )
      })}
    </ul>
  )
}

/** The region × category markets: their HHI and the largest share in each. */
export function ConcentrationTable({ cells, names }: { cells: Array<{ region: string; category: string; org: string; awards: number; sharePercent: number; hhi: number }>; names: Names }) {
  const t = useT()
  const en = useLocale() === 'en'
  const name = (id: string) => (names[id] ? (en ? names[id]!.en : names[id]!.zh) : id)
  return (
    <TableWrap label={t('flag.hhiTitle')}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('flag.region')}</th>
            <th scope="col">{t('flag.category')}</th>
            <th scope="col" className="num">
              {t('flag.awards')}
            </th>
            <th scope="col">{t('flag.topShare')}</th>
            <th scope="col" className="num">
              {t('flag.hhi')}
            </th>
          </tr>
        </thead>
        <tbody>
          {cells.map((c) => (
            <tr key={`${c.region}:${c.category}`}>
              <th scope="row">{name(c.region)}</th>
              <td>{name(c.category)}</td>
              <td className="num">{c.awards}</td>
              <td>
                {name(c.org)} {c.sharePercent}%
              </td>
              <td className={`num${c.hhi > 2500 ? ' late' : ''}`}>{c.hhi}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  )
}

/** The rules as tabs, each with how many of its flags wait; one rule's flags are listed at a time. */
export function RuleTabs({ current, counts }: { current: string; counts: Record<string, number> }) {
  const t = useT()
  return (
    <nav className="tabs wraps" aria-label={t('flag.rules')}>
      {RED_FLAG_RULES.map((r) => (
        <Link key={r} to={`?rule=${r}`} aria-current={r === current ? 'page' : undefined} className={r === current ? 'current' : undefined}>
          {t(`flag.rule.${r}` as MessageKey)} <span className="badge">{counts[r] ?? 0}</span>
        </Link>
      ))}
    </nav>
  )
}
