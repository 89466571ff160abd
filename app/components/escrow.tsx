import { useRevalidator } from '@remix-run/react'
import { useEffect, useState, type ReactNode } from 'react'
import type { MessageKey } from '~/i18n'
import { formatDateTime, formatDay, formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'

export interface EscrowMilestone {
  seq: number
  amountFen: number
  fundBy: string
  /** its day to fund passed with nothing in escrow */
  late: boolean
  /** nothing more is due: the contract was terminated */
  void: boolean
  declined: number
  payment: {
    status: 'creating' | 'pending' | 'held' | 'declined' | 'settled'
    releasedFen: number
    refundedFen: number
    declineCode: string | null
    createdAt: string
    heldAt: string | null
    settledAt: string | null
    /** on its way out of escrow: to the agency, or settled after a termination (services/payments `escrowMotion`) */
    motion: 'releasing' | 'settling' | null
  } | null
}

type Payment = NonNullable<EscrowMilestone['payment']>

type StateWords = { key: MessageKey; tone: 'ok' | 'warn' | 'error' | 'muted' }

/** Where one payment's money stands, in words: the parties' milestones and the office's list say it alike. */
export function paymentState(p: Pick<Payment, 'status' | 'releasedFen' | 'refundedFen' | 'motion'>): StateWords {
  if (p.status === 'declined') return { key: 'pay.state.declined', tone: 'error' }
  if (p.status === 'settled') return p.refundedFen ? { key: p.releasedFen ? 'pay.state.split' : 'pay.state.refunded', tone: 'warn' } : { key: 'pay.state.released', tone: 'ok' }
  if (p.status === 'held') return p.motion === 'settling' ? { key: 'pay.state.settling', tone: 'warn' } : p.motion === 'releasing' ? { key: 'pay.state.releasing', tone: 'ok' } : { key: 'pay.state.held', tone: 'ok' }
  return { key: p.status === 'creating' ? 'pay.state.creating' : 'pay.state.pending', tone: 'warn' }
}

/** Where a milestone's money stands, in words. */
function stateOf(m: EscrowMilestone): StateWords {
  const p = m.payment
  if (m.void) return { key: 'pay.state.void', tone: 'muted' }
  if (!p) return m.late ? { key: 'pay.state.late', tone: 'error' } : { key: 'pay.state.unfunded', tone: 'muted' }
  return paymentState(p)
}

const TONE = { ok: 'ok', warn: 'warn', error: 'status-rejected', muted: '' } as const

const inEscrow = (p: Payment | null, amountFen: number) => (p && (p.status === 'held' || p.status === 'settled') ? amountFen - p.releasedFen - p.refundedFen : 0)

/**
 * Escrow: the payment plan's milestones and where each one's money stands, for both parties
 * (and, from the owner's page, its button to fund one: `fund`). The bar shows the contract's money: released to the
 * agency, in escrow, and not yet funded.
 */
export function Escrow({ milestones, fund }: { milestones: EscrowMilestone[]; fund?: (m: EscrowMilestone) => ReactNode }) {
  const t = useT()
  const locale = useLocale()
  const waiting = milestones.some((m) => m.payment && (m.payment.status === 'creating' || m.payment.status === 'pending' || m.payment.motion !== null))
  const patience = useWhileWaiting(waiting)
  if (!milestones.length) return null
  const total = milestones.reduce((s, m) => s + m.amountFen, 0)
  const released = milestones.reduce((s, m) => s + (m.payment?.releasedFen ?? 0), 0)
  const held = milestones.reduce((s, m) => s + inEscrow(m.payment, m.amountFen), 0)
  const refunded = milestones.reduce((s, m) => s + (m.payment?.refundedFen ?? 0), 0)
  const pct = (fen: number) => `${total ? (fen * 100) / total : 0}%`
  return (
    <section className="card" aria-labelledby="escrow-title">
      <h2 id="escrow-title">{t('pay.title')}</h2>
      <p className="hint">{t('pay.hint')}</p>
      <p>
        {t('pay.totals', { total: formatYuan(total, locale), held: formatYuan(held, locale), released: formatYuan(released, locale) })}
        {refunded ? t('pay.totalsRefunded', { refunded: formatYuan(refunded, locale) }) : null}
      </p>
      {waiting ? (
        <p className="alert info" role="status">
          {t(patience ? 'pay.waiting' : 'pay.waitingLong')}
        </p>
      ) : null}
      <div className="escrow-bar" role="img" aria-label={t('pay.totals', { total: formatYuan(total, locale), held: formatYuan(held, locale), released: formatYuan(released, locale) })}>
        <span className="released" style={{ width: pct(released) }} />
        <span className="held" style={{ width: pct(held) }} />
      </div>
      <ul className="records escrow-list">
        {milestones.map((m) => {
          const state = stateOf(m)
          const p = m.payment
          const fundable = fund && !m.void && (!p || p.status === 'declined')
          return (
            <li key={m.seq} data-milestone={m.seq}>
              <div className="escrow-row">
                <strong>{milestones.length > 1 ? t('pay.milestone', { n: m.seq }) : t('pay.whole')}</strong>
                <span className="mono">{formatYuan(m.amountFen, locale)}</span>
                <span className={`badge wraps ${TONE[state.tone]}`}>{t(state.key, { code: p?.declineCode ?? '', refunded: formatYuan(p?.refundedFen ?? 0, locale), released: formatYuan(p?.releasedFen ?? 0, locale) })}</span>
              </div>
              <p className="muted">
                {t('pay.fundBy', { day: formatDay(m.fundBy, locale) })}
                {p?.heldAt ? ` · ${t('pay.heldAt', { at: formatDateTime(p.heldAt, locale) })}` : ''}
                {p?.settledAt ? ` · ${t('pay.settledAt', { at: formatDateTime(p.settledAt, locale) })}` : ''}
              </p>
              {fundable ? fund(m) : null}
            </li>
          )
        })}
      </ul>
    </section>
  )
}

/** Every 2 seconds while the provider has not answered, for a minute: the page reloads its data. Then it stops (the reconcile job takes over). */
const POLL_MS = 2000
const POLLS = 30

function useWhileWaiting(waiting: boolean): boolean {
  const { revalidate, state } = useRevalidator()
  const [polls, setPolls] = useState(0)
  useEffect(() => {
    if (!waiting || polls >= POLLS || state !== 'idle') return
    const timer = setTimeout(() => {
      setPolls((n) => n + 1)
      if (document.visibilityState === 'visible') revalidate()
    }, POLL_MS)
    return () => clearTimeout(timer)
  }, [waiting, polls, state, revalidate])
  return polls < POLLS
}
