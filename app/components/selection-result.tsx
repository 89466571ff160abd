import { Link } from '@remix-run/react'
import type { MessageKey } from '~/i18n'
import { formatDateTime, formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { DrawCheck } from './draw-verifier'
import { TableWrap } from './field'

export interface SelectionData {
  method: string
  detail: Record<string, unknown>
  decidedAt: string
  candidates: Array<{
    rank: number
    bidId: string | null
    own: boolean
    agencyZh: string
    agencyEn: string
    uscc: string
    priceFen: number
    committedDays: number
    abnormallyLow: boolean
    state: string
    explanationAccepted: boolean | null
    respondBy: string | null
    explanation: string | null
    decisionReason: string | null
  }>
  draws: Array<{ id: string; purpose: string }>
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0)

/** The purpose of a draw in words: award, optimal-base, tiebreak-N. */
export function usePurpose() {
  const t = useT()
  return (purpose: string) => {
    const tie = /^tiebreak-(\d+)$/.exec(purpose)
    if (tie) return t('sel.purpose.tiebreak', { n: Number(tie[1]) })
    return purpose === 'award' || purpose === 'optimal-base' || purpose === 'longlist' || purpose === 'shortlist' ? t(`sel.purpose.${purpose}`) : purpose
  }
}

/**
 * The selection's record: how the order came about (the method's published figures), every eligible bid in that
 * order with where it stands, and the draw records anyone can recompute. Public after the opening.
 */
export function SelectionResult({ data }: { data: SelectionData }) {
  const t = useT()
  const locale = useLocale()
  const purpose = usePurpose()
  const en = locale === 'en'
  const d = data.detail
  // The method's published figures, said in words (each method has its sentence: sel.detail.<method>).
  const figures: Record<string, Record<string, string | number>> = {
    random_draw: { n: num(d.bids) },
    lowest_price: { n: num(d.bids), mean: formatYuan(num(d.meanFen), locale), pct: num(d.abnormallyLowPercent) },
    reverse_auction: { n: num(d.bids), rounds: num(d.rounds), moves: num(d.moves) },
    optimal_price: { m: num(d.averaged), mean: formatYuan(num(d.meanFen), locale), base: num(d.basePercent), reference: formatYuan(num(d.referenceFen), locale) },
    scoring: { n: num(d.bids), lowest: formatYuan(num(d.lowestFen), locale), fewest: num(d.fewestDays), ...weightsOf(d.weights) },
    credit_shortlist: { n: num(d.bids), longList: Array.isArray(d.long) ? d.long.length : 0, shortList: data.candidates.length },
  }
  const summary =
    typeof d.failed === 'string' ? t('sel.detail.failed', { n: num(d.bids), min: num(d.minimum) }) : figures[data.method] ? t(`sel.detail.${data.method}` as MessageKey, figures[data.method]) : ''
  return (
    <section className="card" aria-labelledby="selection-title">
      <h2 id="selection-title">{t('sel.title')}</h2>
      <p>{summary}</p>
      {data.candidates.length ? (
        <TableWrap label={t('sel.title')}>
          <table className="selection">
            <thead>
              <tr>
                <th scope="col">{t('sel.rank')}</th>
                <th scope="col">{t('sel.agency')}</th>
                <th scope="col" className="num">
                  {t('sel.price')}
                </th>
                <th scope="col" className="num">
                  {t('sel.days')}
                </th>
                <th scope="col">{t('sel.state')}</th>
              </tr>
            </thead>
            <tbody>
              {data.candidates.map((c) => (
                <tr key={c.uscc} className={c.state === 'offered' || c.state === 'confirmed' ? 'winner' : undefined}>
                  <td className="num">{c.rank}</td>
                  <td>
                    {en ? c.agencyEn : c.agencyZh}
                    <br />
                    <span className="mono muted sub">{c.uscc}</span>
                  </td>
                  <td className="num">{formatYuan(c.priceFen, locale)}</td>
                  <td className="num">{t('time.days', { n: c.committedDays })}</td>
                  <td>
                    <span className={`badge cand-${c.state}`}>{t(`sel.state.${c.state}` as MessageKey)}</span>
                    {c.abnormallyLow ? <span className="badge warn">{t(c.explanationAccepted ? 'sel.lowAccepted' : 'sel.abnormallyLow')}</span> : null}
                    {(c.state === 'explaining' || c.state === 'offered') && c.respondBy ? <span className="muted sub block">{t('sel.respondBy', { by: formatDateTime(c.respondBy, locale) })}</span> : null}
                    {c.explanation ? <span className="sub block">{t('sel.explanation', { text: c.explanation })}</span> : null}
                    {c.decisionReason && c.decisionReason !== 'noExplanation' ? <span className="sub block">{t('sel.reason', { text: c.decisionReason })}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {data.method === 'scoring' && Array.isArray(d.table) ? <ScoreTable lines={d.table as ScoreLine[]} candidates={data.candidates} /> : null}
      {data.method === 'credit_shortlist' ? (
        <p className="sub">{typeof d.reason === 'string' ? t('sel.short.chosenBecause', { reason: d.reason }) : t('sel.short.awaiting')}</p>
      ) : null}
      {data.method === 'credit_shortlist' && Array.isArray(d.long) ? (
        <details className="long-list">
          <summary>{t('sel.short.longList', { n: d.long.length })}</summary>
          <ul className="plain">
            {(d.long as Array<{ key: string; credit: number }>).map((l) => (
              <li key={l.key}>
                <span className="mono">{l.key}</span> · {t('sel.short.creditIs', { credit: l.credit })}
                {data.candidates.some((c) => c.uscc === l.key) ? <span className="badge">{t('sel.short.onShortList')}</span> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {data.draws.length ? (
        <>
          <h3>{t('sel.draws')}</h3>
          <ul className="plain">
            {data.draws.map((r) => (
              <li key={r.id}>
                {purpose(r.purpose)} · <Link to={`/draws/${r.id}`}>{t('sel.viewRecord')}</Link> · <a href={`/draws/${r.id}/record.json`}>JSON</a> <DrawCheck id={r.id} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="hint">{t('sel.decidedAt', { at: formatDateTime(data.decidedAt, locale) })}</p>
    </section>
  )
}

interface ScoreLine {
  key: string
  credit: number
  price: number
  creditPoints: number
  days: number
  total: number
}

const weightsOf = (w: unknown) => {
  const v = (w ?? {}) as { price?: number; credit?: number; days?: number }
  return { price: num(v.price), credit: num(v.credit), days: num(v.days) }
}

/** Hundredths of a point as a score: 87.5 → "87.50". */
const points = (hundredths: number) => (hundredths / 100).toFixed(2)

/**
 * scoring's published score table: each bid's points for its price, its agency's credit and its
 * committed days, and the total it ranked by, in the order of the ranking.
 */
function ScoreTable({ lines, candidates }: { lines: ScoreLine[]; candidates: SelectionData['candidates'] }) {
  const t = useT()
  const en = useLocale() === 'en'
  const byKey = new Map(candidates.map((c) => [c.uscc, c]))
  return (
    <>
      <h3 id="score-title">{t('sel.scoreTable')}</h3>
      <TableWrap label={t('sel.scoreTable')}>
        <table className="selection scores">
          <thead>
            <tr>
              <th scope="col">{t('sel.agency')}</th>
              <th scope="col" className="num">{t('sel.creditScore')}</th>
              <th scope="col" className="num">{t('sel.pricePoints')}</th>
              <th scope="col" className="num">{t('sel.creditPoints')}</th>
              <th scope="col" className="num">{t('sel.daysPoints')}</th>
              <th scope="col" className="num">{t('sel.total')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => {
              const c = byKey.get(l.key)
              return (
                <tr key={l.key}>
                  <td>{c ? (en ? c.agencyEn : c.agencyZh) : <span className="mono">{l.key}</span>}</td>
                  <td className="num">{l.credit}</td>
                  <td className="num">{points(l.price)}</td>
                  <td className="num">{points(l.creditPoints)}</td>
                  <td className="num">{points(l.days)}</td>
                  <td className="num"><strong>{points(l.total)}</strong></td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </TableWrap>
    </>
  )
}
