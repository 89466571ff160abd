import { Form } from '@remix-run/react'
import { liftForm } from '~/forms/office'
import type { ActionReply } from '~/utils/action-reply'
import { formatDay } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { useCheckedForm } from './checked-form'
import { TableWrap } from './field'

export interface BlacklistRow {
  id: string
  nameZh: string
  nameEn: string
  uscc: string
  decisionNo: string
  reason: string
  startsOn: string
  endsOn: string | null
  state: 'inForce' | 'pending' | 'ended' | 'lifted'
  liftReason: string | null
}

/** The blacklist as a table (cards on a phone); supervisors get a lift form on each decision still standing. */
export function BlacklistTable({ rows, lift }: { rows: BlacklistRow[]; lift?: { busy: boolean; /** the page's last action reply */ reply: ActionReply | undefined } }) {
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  if (!rows.length) return <p className="muted">{t('bl.none')}</p>
  return (
    <TableWrap label={t('bl.title')}>
      <table className="stack-on-phone">
        <thead>
          <tr>
            <th scope="col">{t('bl.agency')}</th>
            <th scope="col">{t('bl.decisionNo')}</th>
            <th scope="col">{t('bl.reason')}</th>
            <th scope="col">{t('bl.term')}</th>
            <th scope="col">{t('bl.stateLabel')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td data-label={t('bl.agency')}>
                {en ? r.nameEn : r.nameZh}
                <div className="mono sub muted">{r.uscc}</div>
              </td>
              <td data-label={t('bl.decisionNo')}>{r.decisionNo}</td>
              <td data-label={t('bl.reason')}>{r.reason}</td>
              <td data-label={t('bl.term')}>{r.endsOn ? t('bl.until', { from: formatDay(r.startsOn, locale), until: formatDay(r.endsOn, locale) }) : t('bl.indefinite', { from: formatDay(r.startsOn, locale) })}</td>
              <td data-label={t('bl.stateLabel')}>
                <span className={`badge${r.state === 'inForce' ? ' warn' : ''}`}>{t(`bl.state.${r.state}`)}</span>
                {r.liftReason ? <div className="sub muted">{t('bl.liftedBecause', { reason: r.liftReason })}</div> : null}
                {lift && (r.state === 'inForce' || r.state === 'pending') ? <LiftForm id={r.id} busy={lift.busy} reply={lift.reply} /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  )
}

export const toBlacklistRows = (rows: Array<{ sanction: { id: string; decisionNo: string; reason: string; startsOn: string; endsOn: string | null; liftReason: string | null }; nameZh: string; nameEn: string; uscc: string; state: BlacklistRow['state'] }>): BlacklistRow[] =>
  rows.map((r) => ({ id: r.sanction.id, nameZh: r.nameZh, nameEn: r.nameEn, uscc: r.uscc, decisionNo: r.sanction.decisionNo, reason: r.sanction.reason, startsOn: r.sanction.startsOn, endsOn: r.sanction.endsOn, state: r.state, liftReason: r.sanction.liftReason }))

/**
 * Lifting one listing early, with its reason: one field in a table cell, checked in the browser
 * like any form, its error beside it (a summary would only repeat it).
 */
function LiftForm({ id, busy, reply }: { id: string; busy: boolean; reply: ActionReply | undefined }) {
  const t = useT()
  const mine = reply && !reply.ok && reply.intent === 'lift' && reply.values.id === id ? reply : undefined
  const checked = useCheckedForm(liftForm, { id: `lift-${id}`, reply: mine, intent: 'lift' })
  const error = checked.inBrowser ? checked.errors.reason : mine ? (mine.errors.reason ?? mine.formError) : undefined
  return (
    <Form method="post" className="lift-form" {...checked.props}>
      <input type="hidden" name="id" value={id} />
      <label className="sr-only" htmlFor={`lift-${id}-reason`}>
        {t('bl.liftReason')}
      </label>
      <input id={`lift-${id}-reason`} name="reason" placeholder={t('bl.liftReason')} maxLength={1000} defaultValue={mine?.values.reason} aria-invalid={error ? true : undefined} aria-describedby={error ? `lift-${id}-error` : undefined} />
      <button type="submit" name="intent" value="lift" className="button secondary small" disabled={busy}>
        {t('bl.lift')}
      </button>
      {error ? (
        <p className="error" id={`lift-${id}-error`}>
          {t(error)}
        </p>
      ) : null}
    </Form>
  )
}
