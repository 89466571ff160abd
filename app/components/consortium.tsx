import { joinForm } from '~/forms/agency'
import type { ActionReply } from '~/utils/action-reply'
import type { FieldErrors } from '~/utils/forms'
import { formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { reasonText } from './standing-reasons'
import { CheckedForm } from './checked-form'
import { Check, DefinitionList, Field, TableWrap, TextArea } from './field'

type Item = { itemId: string; code: string; nameZh: string; nameEn: string }
export interface Party {
  role: 'lead' | 'member'
  status: 'invited' | 'accepted' | 'declined' | 'released'
  itemIds: string[]
  nameZh: string
  nameEn: string
  uscc: string
  declineReason: string | null
}
/** A problem of a consortium as the service explains it (see ConsortiumProblem). */
export interface PartyProblem {
  uscc: string | null
  nameZh: string | null
  nameEn: string | null
  reason: { code: string; specialty?: string; itemId?: string }
}

function ItemChoices({ items, name, chosen, legend }: { items: Item[]; name: string; chosen: string[]; legend: string }) {
  const en = useLocale() === 'en'
  return (
    <fieldset className="choices">
      <legend>{legend}</legend>
      {items.map((i) => (
        <label key={i.itemId} className="choice block">
          <input type="checkbox" name={name} value={i.itemId} defaultChecked={chosen.includes(i.itemId)} /> {i.code} {en ? i.nameEn : i.nameZh}
        </label>
      ))}
    </fieldset>
  )
}

/**
 * The consortium part of the bid form: members by their USCC and, when the procurement has several
 * items, the division of the work. Closed unless a consortium is being made or changed.
 */
export function ConsortiumFields({ items, max, current, values, errors }: { items: Item[]; max: number; current: { leadItemIds: string[]; members: Array<{ uscc: string; itemIds: string[] }> }; values: Record<string, string> | null; errors: FieldErrors }) {
  const t = useT()
  const several = items.length > 1
  const member = (i: number) => current.members[i]
  const open = current.members.length > 0 || Object.keys(errors).some((k) => k.startsWith('member')) || !!(values && Object.keys(values).some((k) => /^member\dUscc$/.test(k) && values[k]))
  return (
    <details className="card-inset" open={open}>
      <summary>{t('cons.optional')}</summary>
      <p className="hint">{t('cons.hint', { max })}</p>
      {several ? <p className="hint">{t('cons.divisionHint')}</p> : null}
      {several ? <ItemChoices items={items} name="leadItemIds" chosen={current.leadItemIds} legend={t('cons.leadShare')} /> : null}
      {Array.from({ length: max }, (_, i) => (
        <fieldset key={i} className="consortium-member">
          <legend>{t('cons.member', { n: i + 1 })}</legend>
          <Field label="cons.memberUscc" name={`member${i + 1}Uscc`} maxLength={18} autoComplete="off" className="mono" defaultValue={values?.[`member${i + 1}Uscc`] ?? member(i)?.uscc} error={errors[`member${i + 1}Uscc`]} />
          {several ? <ItemChoices items={items} name={`member${i + 1}Items`} chosen={member(i)?.itemIds ?? []} legend={t('cons.memberShare')} /> : null}
        </fieldset>
      ))}
    </details>
  )
}

/** Who is in the consortium, what each undertakes, and who has answered. */
export function ConsortiumParties({ parties, items }: { parties: Party[]; items: Item[] }) {
  const t = useT()
  const en = useLocale() === 'en'
  const share = (ids: string[]) => items.filter((i) => ids.includes(i.itemId)).map((i) => (en ? i.nameEn : i.nameZh)).join(en ? '; ' : '；')
  return (
    <TableWrap label={t('cons.parties')}>
      <table className="stack-on-phone">
        <caption className="sr-only">{t('cons.parties')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cons.agency')}</th>
            <th scope="col">{t('cons.role')}</th>
            <th scope="col">{t('cons.share')}</th>
            <th scope="col">{t('cons.answer')}</th>
          </tr>
        </thead>
        <tbody>
          {parties.map((p) => (
            <tr key={p.uscc}>
              <td data-label={t('cons.agency')}>
                {en ? p.nameEn : p.nameZh}
                <div className="mono sub muted">{p.uscc}</div>
              </td>
              <td data-label={t('cons.role')}>{t(`cons.role.${p.role}`)}</td>
              <td data-label={t('cons.share')}>{share(p.itemIds)}</td>
              <td data-label={t('cons.answer')}>
                <span className={`badge${p.status === 'accepted' ? ' ok' : p.status === 'declined' ? ' cand-declined' : ' warn'}`}>{t(`cons.status.${p.status === 'released' ? 'declined' : p.status}`)}</span>
                {p.declineReason ? <div className="sub muted">{p.declineReason}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  )
}

/** A member's view of the bid it is invited to: the terms it would commit to, and its answer. */
/** One invitation into another's consortium (an agency may have several): its terms, and the answers. */
export function ConsortiumInvitation({ bidId, bid, parties, items, status, open, busy, reply }: { bidId: string; bid: { priceFen: number; committedDays: number }; parties: Party[]; items: Item[]; status: Party['status']; open: boolean; busy: boolean; /** the page's last action reply */ reply: ActionReply | undefined }) {
  const t = useT()
  const locale = useLocale()
  const lead = parties.find((p) => p.role === 'lead')
  return (
    <section className="card attention" aria-labelledby={`invite-title-${bidId}`}>
      <h2 id={`invite-title-${bidId}`}>{t('cons.invitedTitle')}</h2>
      <p>{t('cons.invitedLead', { lead: lead ? (locale === 'en' ? lead.nameEn : lead.nameZh) : '' })}</p>
      <DefinitionList
        items={[
          [t('bid.price'), formatYuan(bid.priceFen, locale)],
          [t('proc.committedDays'), t('time.days', { n: bid.committedDays })],
        ]}
      />
      <ConsortiumParties parties={parties} items={items} />
      {status === 'accepted' ? <p className="alert ok">{t('cons.youAccepted')}</p> : null}
      {status === 'declined' ? <p className="alert info">{t('cons.youDeclined')}</p> : null}
      {open && status === 'invited' ? (
        <CheckedForm spec={joinForm('accept')} id={`join-${bidId}`} intent="joinAccept" reply={reply} owns={(r) => r.values.bidId === bidId}>
          {(errors) => (
            <>
              <input type="hidden" name="bidId" value={bidId} />
              <Check name="accept" label="cons.acceptCommit" error={errors.accept} />
              <button type="submit" className="button" disabled={busy}>
                {t('cons.accept')}
              </button>
            </>
          )}
        </CheckedForm>
      ) : null}
      {open && status !== 'declined' ? (
        <CheckedForm spec={joinForm('decline')} id={`leave-${bidId}`} intent="joinDecline" reply={reply} owns={(r) => r.values.bidId === bidId}>
          {(errors, values) => (
            <>
              <input type="hidden" name="bidId" value={bidId} />
              <TextArea label="cons.declineReason" name="reason" required maxLength={500} rows={2} defaultValue={values.reason} error={errors.reason} />
              <button type="submit" className="button secondary" disabled={busy}>
                {t(status === 'accepted' ? 'cons.leave' : 'cons.decline')}
              </button>
            </>
          )}
        </CheckedForm>
      ) : null}
    </section>
  )
}

/** Why a consortium does not qualify: each party's problems under its name, and the consortium's own. */
export function ConsortiumProblems({ problems, items, specialtyName }: { problems: PartyProblem[]; items: Item[]; specialtyName: (code: string) => string }) {
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const itemName = (id?: string) => {
    const item = items.find((i) => i.itemId === id)
    return item ? (en ? item.nameEn : item.nameZh) : ''
  }
  return (
    <div className="alert error" role="alert">
      <p>
        <strong>{t('cons.reasonsTitle')}</strong>
      </p>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            {p.uscc ? (en ? p.nameEn : p.nameZh) : t('cons.whole')}: {reasonText(t, locale, p.reason, { specialties: specialtyName, items: itemName })}
          </li>
        ))}
      </ul>
    </div>
  )
}
