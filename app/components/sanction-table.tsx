import { Form } from '@remix-run/react'
import type { MessageKey } from '~/i18n'
import { approveForm, liftForm, refuseForm } from '~/forms/office'
import type { ActionReply } from '~/utils/action-reply'
import type { $ZodType } from 'zod/v4/core'
import type { FormSpec } from '~/utils/form-spec'
import { formatDay } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { useCheckedForm } from './checked-form'
import { TableWrap } from './field'

export type SanctionStateName = 'proposed' | 'refused' | 'pending' | 'inForce' | 'ended' | 'lifted'
export type SanctionKindName = 'blacklist' | 'suspension' | 'yellow_card'

export interface SanctionRow {
  id: string
  kind: SanctionKindName
  nameZh: string
  nameEn: string
  uscc: string
  decisionNo: string
  reason: string
  legalBasis: string
  startsOn: string
  endsOn: string | null
  state: SanctionStateName
  liftReason: string | null
  refuseReason: string | null
  /** whether the signed-in office user proposed it (then another must approve it) */
  mine?: boolean
}

export const toSanctionRows = (
  rows: Array<{ sanction: { id: string; kind: SanctionKindName; decisionNo: string; reason: string; legalBasis: string; startsOn: string; endsOn: string | null; liftReason: string | null; refuseReason: string | null; proposedBy: string | null }; nameZh: string; nameEn: string; uscc: string; state: SanctionStateName }>,
  me?: string,
): SanctionRow[] =>
  rows.map((r) => ({
    id: r.sanction.id, kind: r.sanction.kind, nameZh: r.nameZh, nameEn: r.nameEn, uscc: r.uscc, decisionNo: r.sanction.decisionNo, reason: r.sanction.reason, legalBasis: r.sanction.legalBasis,
    startsOn: r.sanction.startsOn, endsOn: r.sanction.endsOn, state: r.state, liftReason: r.sanction.liftReason, refuseReason: r.sanction.refuseReason, mine: !!me && r.sanction.proposedBy === me,
  }))

/**
 * Measures as a table (cards on a phone): who, the decision, its reason and basis, its term and
 * state. The office gets, per row, the step it may take: approve or refuse a proposal (only
 * refuse, that is withdraw, one's own), lift a measure still standing.
 */
export function SanctionTable({ rows, label, showKind = false, office }: { rows: SanctionRow[]; label: string; showKind?: boolean; office?: { busy: boolean; /** the page's last action reply */ reply: ActionReply | undefined; /** the user may approve others' proposals */ approver: boolean } }) {
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  if (!rows.length) return <p className="muted">{t('bl.none')}</p>
  return (
    <TableWrap label={label}>
      <table className="stack-on-phone">
        <thead>
          <tr>
            <th scope="col">{t('bl.agency')}</th>
            {showKind ? <th scope="col">{t('bl.kindLabel')}</th> : null}
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
              {showKind ? <td data-label={t('bl.kindLabel')}>{t(`bl.kind.${r.kind}`)}</td> : null}
              <td data-label={t('bl.decisionNo')}>{r.decisionNo || <span className="muted">{t('bl.noNumberYet')}</span>}</td>
              <td data-label={t('bl.reason')}>
                {r.reason}
                {r.legalBasis ? <div className="sub muted">{t('bl.basisIs', { basis: r.legalBasis })}</div> : null}
              </td>
              <td data-label={t('bl.term')}>{r.endsOn ? t('bl.until', { from: formatDay(r.startsOn, locale), until: formatDay(r.endsOn, locale) }) : t('bl.indefinite', { from: formatDay(r.startsOn, locale) })}</td>
              <td data-label={t('bl.stateLabel')}>
                <span className={`badge${r.state === 'inForce' ? ' warn' : ''}`}>{t(`bl.state.${r.state}`)}</span>
                {r.liftReason ? <div className="sub muted">{t('bl.liftedBecause', { reason: r.liftReason })}</div> : null}
                {r.refuseReason ? <div className="sub muted">{t('bl.refusedBecause', { reason: r.refuseReason })}</div> : null}
                {office && r.state === 'proposed' ? (
                  r.mine ? (
                    <>
                      <p className="sub muted">{t('bl.awaitsAnother')}</p>
                      <RowForm spec={refuseForm} intent="withdraw" id={r.id} field="reason" label="bl.withdrawReason" button="bl.withdraw" {...office} />
                    </>
                  ) : office.approver ? (
                    <>
                      <RowForm spec={approveForm} intent="approve" id={r.id} field="decisionNo" label="bl.decisionNo" button="bl.approve" value={r.decisionNo} {...office} />
                      <RowForm spec={refuseForm} intent="refuse" id={r.id} field="reason" label="bl.refuseReason" button="bl.refuse" {...office} />
                    </>
                  ) : (
                    <p className="sub muted">{t('bl.awaitsApprover')}</p>
                  )
                ) : null}
                {office && (r.state === 'inForce' || r.state === 'pending') ? <RowForm spec={liftForm} intent="lift" id={r.id} field="reason" label="bl.liftReason" button="bl.lift" busy={office.busy} reply={office.reply} /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  )
}

/**
 * One step on one row, with its one field: checked in the browser like any form, its error beside
 * it (a summary would only repeat it).
 */
function RowForm({ spec, intent, id, field, label, button, value, busy, reply }: { spec: FormSpec<$ZodType>; intent: string; id: string; field: string; label: MessageKey; button: MessageKey; value?: string; busy: boolean; reply: ActionReply | undefined }) {
  const t = useT()
  const mine = reply && !reply.ok && reply.intent === intent && reply.values.id === id ? reply : undefined
  const formId = `${intent}-${id}`
  const checked = useCheckedForm(spec, { id: formId, reply: mine, intent })
  const error = checked.inBrowser ? checked.errors[field] : mine ? (mine.errors[field] ?? mine.formError) : undefined
  return (
    <Form method="post" className="lift-form" {...checked.props}>
      <input type="hidden" name="id" value={id} />
      <label className="sr-only" htmlFor={`${formId}-${field}`}>
        {t(label)}
      </label>
      <input id={`${formId}-${field}`} name={field} placeholder={t(label)} maxLength={1000} defaultValue={mine?.values[field] ?? value} aria-invalid={error ? true : undefined} aria-describedby={error ? `${formId}-error` : undefined} />
      <button type="submit" name="intent" value={intent} className={`button small${intent === 'approve' ? '' : ' secondary'}`} disabled={busy}>
        {t(button)}
      </button>
      {error ? (
        <p className="error" id={`${formId}-error`}>
          {t(error)}
        </p>
      ) : null}
    </Form>
  )
}
