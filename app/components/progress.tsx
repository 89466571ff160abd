import { useEffect, useState } from 'react'
import type { MessageKey } from '~/i18n'
import { useT } from '~/utils/i18n'
import { DateTime } from './date-time'

/** The stages of a procurement, in order, as its page shows where it stands. */
const STAGES = ['published', 'deadline', 'opening', 'notice', 'contract', 'delivery', 'acceptance', 'evaluation'] as const
type Stage = (typeof STAGES)[number]

/** How many stages a status has passed: its next stage is the current one. */
const PASSED: Record<string, number> = {
  draft: 0, published: 1, closed: 2, selecting: 2, awarded: 4, contracted: 5, in_service: 5, delivered: 6, accepted: 7, evaluated: 8,
}

/**
 * Where a procurement stands: publication → deadline → opening → notice → contract → delivery →
 * acceptance → evaluation, the stages passed ticked with their dates where known, the current one
 * marked; a failed, cancelled or terminated procurement shows where it stopped.
 */
export function ProcurementProgress({ status, dates, stoppedAt }: { status: string; dates: Partial<Record<Stage, string | null>>; /** how many stages a failed or cancelled one passed */ stoppedAt?: number }) {
  const t = useT()
  const ended = status === 'failed' || status === 'cancelled' || status === 'terminated'
  const passed = ended ? (stoppedAt ?? 0) : (PASSED[status] ?? 0)
  return (
    <nav className="progress" aria-label={t('progress.label')}>
      <ol>
        {STAGES.map((stage, i) => {
          const state = i < passed ? 'done' : i === passed && !ended ? 'current' : ended && i === passed ? 'stopped' : 'todo'
          const at = dates[stage]
          return (
            <li key={stage} className={state} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="progress-name">{t(`progress.${stage}` as MessageKey)}</span>
              {state === 'stopped' ? <span className="progress-when">{t(`proc.status.${status}` as MessageKey)}</span> : null}
              {at && (state === 'done' || (stage === 'deadline' && state === 'current')) ? (
                <span className="progress-when">
                  <DateTime at={at} />
                </span>
              ) : null}
              <span className="sr-only">{t(`progress.state.${state}` as MessageKey)}</span>
            </li>
          )
        })}
      </ol>
    </nav>
  )
}

/** d, h and min left until `to`, from the server's clock (`serverNow`), ticking each half minute once hydrated. */
export function Countdown({ to, serverNow }: { to: string; serverNow: string }) {
  const t = useT()
  const [offset] = useState(() => Date.parse(serverNow) - Date.now())
  const [tick, setTick] = useState(0)
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 30_000)
    return () => clearInterval(timer)
  }, [])
  // Until the first tick, the server's own time, so the server and the browser render the same words.
  const now = tick ? Date.now() + offset : Date.parse(serverNow)
  const left = Date.parse(to) - now
  if (left <= 0) return <span className="countdown-text">{t('progress.closed')}</span>
  const minutes = Math.floor(left / 60_000)
  const [d, h, m] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60]
  return <span className="countdown-text">{t('progress.left', { d, h, m })}</span>
}
