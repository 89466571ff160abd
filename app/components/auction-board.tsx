import { useNavigation } from '@remix-run/react'
import { useEffect, useMemo, useState } from 'react'
import { auctionBidForm } from '~/forms/agency'
import type { MessageKey } from '~/i18n'
import type { ActionReply } from '~/utils/action-reply'
import { formatDateTime, formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { CheckedForm } from './checked-form'
import { LineChart, type LineSeries } from './charts'
import { Field, TableWrap } from './field'
import type { AuctionBoard as Board } from '../../services/selection/auction/auction'

type BoardData = Omit<Board, never>

/** The board as the server last sent it, kept current over SSE; the server's time drives the countdown. */
export function useLiveBoard(procurementId: string, initial: BoardData) {
  const [board, setBoard] = useState(initial)
  const [offsetMs, setOffsetMs] = useState(() => Date.parse(initial.serverTime) - Date.now())
  const [connected, setConnected] = useState(false)
  useEffect(() => setBoard((b) => (initial.lastEventId >= b.lastEventId || initial.serverTime > b.serverTime ? initial : b)), [initial])
  useEffect(() => {
    const source = new EventSource(`/procurements/${procurementId}/auction/stream`)
    source.addEventListener('open', () => setConnected(true))
    source.addEventListener('error', () => setConnected(false))
    source.addEventListener('board', (event) => {
      const next = JSON.parse((event as MessageEvent<string>).data) as BoardData
      setOffsetMs(Date.parse(next.serverTime) - Date.now())
      setBoard(next)
    })
    return () => source.close()
  }, [procurementId])
  // Re-render four times a second; the time itself is read at render, so a new offset applies at
  // once. Until hydrated, the board's own time is used, so server and browser render the same text.
  const [tick, setTick] = useState(0)
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 250)
    return () => clearInterval(timer)
  }, [])
  return { board, now: tick ? Date.now() + offsetMs : Date.parse(board.serverTime), connected }
}

/** A countdown as a clock reads: m:ss within the hour, h:mm:ss beyond it (a start hours away is not "259:10"). */
export const clockText = (ms: number) => {
  const s = Math.max(0, Math.ceil(ms / 1000))
  const two = (n: number) => String(n).padStart(2, '0')
  return s < 3600 ? `${Math.floor(s / 60)}:${two(s % 60)}` : `${Math.floor(s / 3600)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`
}

/**
 * The live reverse auction's board: anonymous labels and current prices, whose turn it is with a countdown from the
 * server's clock, the moves so far, and, in its own turn, the bidder's form.
 */
export function AuctionBoard({ procurementId, initial, reply, idempotencyKey }: { procurementId: string; initial: BoardData; /** the page's last action reply */ reply: ActionReply | undefined; idempotencyKey: string }) {
  const t = useT()
  const locale = useLocale()
  const busy = useNavigation().state === 'submitting'
  const { board, now, connected } = useLiveBoard(procurementId, initial)
  const label = (n: number) => t('auction.label', { n })
  const left = board.turnEndsAt ? Date.parse(board.turnEndsAt) - now : 0
  const share = board.turnEndsAt ? Math.max(0, Math.min(100, (left / (board.turnSeconds * 1000)) * 100)) : 0
  const myTurn = board.phase === 'running' && board.myLabel !== null && board.myLabel === board.currentLabel
  const mine = board.rows.find((r) => r.label === board.myLabel)
  const ceiling = mine ? mine.priceFen - board.minStepFen : 0
  // Over: no turn is anyone's, nothing more will come over the stream, the prices are final.
  const over = board.phase === 'finished' || board.phase === 'halted'
  const status = useMemo(() => {
    if (board.phase === 'scheduled') return t('auction.startsAt', { at: formatDateTime(board.startsAt, locale), left: clockText(Date.parse(board.startsAt) - now) })
    if (board.phase === 'halted') return t('auction.halted')
    if (board.phase === 'finished') return t(board.finished ? 'auction.finished' : 'auction.finishing')
    return t('auction.turnOf', { round: board.round, rounds: board.rounds, turn: board.turn, label: label(board.currentLabel ?? 0) })
  }, [board, now, locale, t]) // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <>
      <section className="card auction-status" aria-labelledby="auction-status-title">
        <h2 id="auction-status-title">{t(`auction.phase.${board.phase}` as MessageKey)}</h2>
        <p className="big-number" aria-live="polite">
          {status}
        </p>
        {board.phase === 'running' ? (
          <>
            <p className="countdown">
              {t('auction.left')} <strong className="mono">{clockText(left)}</strong>
            </p>
            <p className="turn-bar" aria-hidden="true">
              <span style={{ width: `${share}%` }} />
            </p>
          </>
        ) : null}
        {board.myLabel ? <p className="hint">{t('auction.you', { label: label(board.myLabel) })}</p> : null}
        <p className="hint">
          {t('auction.rules', { step: formatYuan(board.minStepFen, locale), seconds: board.turnSeconds })}{' '}
          {over ? null : <span className={`live-dot${connected ? ' on' : ''}`}>{t(connected ? 'auction.live' : 'auction.reconnecting')}</span>}
        </p>
      </section>

      {myTurn && mine ? (
        <section className="card won" aria-labelledby="my-turn-title">
          <h2 id="my-turn-title">{t('auction.yourTurn')}</h2>
          <CheckedForm spec={auctionBidForm} id="offer" intent="bid" reply={reply}>
            {(errors, _values, params) => (
              <>
                <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
                <Field label="auction.newPrice" name="price" inputMode="decimal" required error={errors.price} errorParams={params} hint="auction.keepHint" />
                <p className="hint">{t('auction.ceiling', { max: formatYuan(ceiling, locale) })}</p>
                <button type="submit" className="button" disabled={busy}>
                  {t('auction.submit')}
                </button>
              </>
            )}
          </CheckedForm>
        </section>
      ) : null}

      <section className="card" aria-labelledby="board-title">
        <h2 id="board-title">{t(over ? 'auction.boardFinal' : 'auction.board')}</h2>
        <TableWrap label={t(over ? 'auction.boardFinal' : 'auction.board')}>
          <table className="auction-board">
            <thead>
              <tr>
                <th scope="col">{t('auction.bidder')}</th>
                <th scope="col" className="num">
                  {t(over ? 'auction.final' : 'auction.current')}
                </th>
                <th scope="col" className="num">
                  {t('auction.initial')}
                </th>
                <th scope="col">{t('auction.thisRound')}</th>
              </tr>
            </thead>
            <tbody>
              {board.rows.map((r) => (
                <tr key={r.label} className={r.label === board.winnerLabel ? 'winner' : r.label === board.currentLabel && board.phase === 'running' ? 'current' : undefined}>
                  <th scope="row">
                    {label(r.label)}
                    {r.label === board.winnerLabel ? <span className="badge ok">{t('auction.winner')}</span> : null}
                    {r.label === board.myLabel ? <span className="badge me">{t('auction.me')}</span> : null}
                  </th>
                  <td className="num">{formatYuan(r.priceFen, locale)}</td>
                  <td className="num muted">{formatYuan(r.initialFen, locale)}</td>
                  <td>{r.label === board.currentLabel && board.phase === 'running' ? t('auction.bidding') : r.movedThisRound ? t('auction.moved') : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>

      {board.log.length ? <PriceChart board={board} /> : null}

      {board.log.length ? (
        <section className="card" aria-labelledby="log-title">
          <h2 id="log-title">{t('auction.log')}</h2>
          <ol className="plain auction-log">
            {[...board.log].reverse().map((m) => (
              <li key={m.id}>
                <span className="mono muted sub">{formatDateTime(m.at, locale)}</span> {t('auction.logLine', { round: m.round, label: label(m.label), price: formatYuan(m.priceFen, locale) })}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  )
}

/** Each bidder's price over the rounds so far: its initial price, then where each round left it. */
function PriceChart({ board }: { board: BoardData }) {
  const t = useT()
  const locale = useLocale()
  const rounds = board.phase === 'finished' || board.phase === 'halted' ? Math.max(...board.log.map((m) => m.round)) : board.round
  const xLabels = [t('auction.start'), ...Array.from({ length: rounds }, (_, i) => t('auction.roundShort', { n: i + 1 }))]
  const series: LineSeries[] = board.rows.map((r) => {
    const values: number[] = [r.initialFen]
    for (let round = 1; round <= rounds; round++) {
      const moved = board.log.filter((m) => m.label === r.label && m.round === round).at(-1)
      values.push(moved ? moved.priceFen : values[round - 1]!)
    }
    const name = t('auction.label', { n: r.label }) + (r.label === board.winnerLabel ? ` · ${t('auction.winner')}` : '') + (r.label === board.myLabel ? ` · ${t('auction.me')}` : '')
    return { name, values, strong: r.label === board.winnerLabel || r.label === board.myLabel }
  })
  return (
    <section className="card" aria-labelledby="chart-title">
      <h2 id="chart-title">{t('auction.chart')}</h2>
      <LineChart title={t('auction.chart')} caption={t('auction.chartCaption')} xLabels={xLabels} series={series} format={(v) => formatYuan(v, locale)} />
      <TableWrap label={t('auction.chart')}>
        <table className="chart-table">
          <thead>
            <tr>
              <th scope="col">{t('auction.bidder')}</th>
              {xLabels.map((l) => (
                <th key={l} scope="col" className="num">
                  {l}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {series.map((s) => (
              <tr key={s.name}>
                <th scope="row">{s.name}</th>
                {s.values.map((v, i) => (
                  <td key={i} className="num">
                    {v === null ? '—' : formatYuan(v, locale)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  )
}
