import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { ConsortiumFields } from '~/components/consortium'
import { reasonText } from '~/components/standing-reasons'
import { ErrorSummary, FormScope } from '~/components/error-summary'
import { useCheckedForm } from '~/components/checked-form'
import { Check, Field } from '~/components/field'
import { bidForm } from '~/forms/agency'
import type { ActionReply } from '~/utils/action-reply'
import { formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { fenToYuanInput } from '../../../services/shared/money'
import type { loader } from './route'

/** 32 random bytes from the browser's CSPRNG, as the draw's bidder entropy. */
function useNonce() {
  const [nonce, setNonce] = useState('')
  useEffect(() => {
    const bytes = crypto.getRandomValues(new Uint8Array(32))
    setNonce(Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(''))
  }, [])
  return nonce
}

/** Why the agency may not bid alone, each reason a line. */
export function ProblemList() {
  const { problems, specialties, announcement } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const items = Object.fromEntries(announcement.items.map((i) => [i.itemId, i]))
  return (
    <ul>
      {problems.map((r) => (
        <li key={JSON.stringify(r)}>{reasonText(t, locale, r, { specialties, items })}</li>
      ))}
    </ul>
  )
}

/** The sealed bid's form: a new bid, an edit, or a direct commission's confirmation; or why the agency may not bid. */
export function BidFormSection({ failed, summary }: { failed: ActionReply | undefined; /** the bid form's own failure, for its summary */ summary: ActionReply | undefined }) {
  const { announcement, mine, barred, problems, practitioners, consortium, maxMembers } = useLoaderData<typeof loader>()
  const busy = useNavigation().state === 'submitting'
  const nonce = useNonce()
  const t = useT()
  const locale = useLocale()
  const { p } = announcement
  const direct = p.method === 'direct'
  const intent = direct ? 'confirm' : mine && mine.status !== 'withdrawn' ? 'edit' : 'submit'
  const checked = useCheckedForm(bidForm, { id: 'bid', reply: summary, intent })
  // The browser's errors while it has any; else the server's, beside their fields even when the summary is the page's.
  const e = checked.inBrowser ? checked.errors : (failed?.errors ?? {})
  if (barred)
    return (
      <section className="card" aria-labelledby="inel-title">
        <h2 id="inel-title">{t('bid.ineligible')}</h2>
        <ProblemList />
      </section>
    )
  const v = failed?.values ?? (mine ? { price: fenToYuanInput(mine.priceFen), committedDays: String(mine.committedDays) } : {})
  const ledParties = consortium && consortium.parties.length > 1 ? consortium.parties : null
  const mayLead = p.consortiumAllowed && !direct
  return (
    <section className="card" aria-labelledby="form-title">
      <h2 id="form-title">{t(direct ? 'bid.confirmForm' : mine ? 'bid.editForm' : 'bid.newForm')}</h2>
      <p className="hint">
        {p.floorPriceFen === null
          ? t('bid.boundsMax', { max: formatYuan(p.maxPriceFen, locale), days: p.expectedDays })
          : t('bid.bounds', { min: formatYuan(p.floorPriceFen, locale), max: formatYuan(p.maxPriceFen, locale), days: p.expectedDays })}
      </p>
      <ErrorSummary scope="bid" reply={checked.shown} focus={!checked.inBrowser} />
      <FormScope id="bid">
      <Form method="post" className="form" {...checked.props}>
        <input type="hidden" name="nonce" value={nonce} />
        <div className="grid two">
          <Field label="bid.price" name="price" inputMode="decimal" required defaultValue={v.price} error={e.price} errorParams={failed?.params} />
          <Field label="proc.committedDays" name="committedDays" type="number" min={1} max={p.expectedDays} required defaultValue={v.committedDays} error={e.committedDays} errorParams={failed?.params} />
        </div>
        {p.practitionersRequired ? (
          <fieldset id="bid-practitionerIds" tabIndex={-1} data-invalid={e.practitionerIds ? '' : undefined} className={e.practitionerIds ? 'has-error' : undefined}>
            <legend>{t('bid.practitioners')}</legend>
            {practitioners.length ? (
              practitioners.map((x) => (
                <label key={x.id} className="choice block">
                  <input type="checkbox" name="practitionerIds" value={x.id} defaultChecked={mine?.practitionerIds.includes(x.id)} /> {x.name} <span className="muted">{locale === 'en' ? x.specialtyEn : x.specialtyZh}</span>
                </label>
              ))
            ) : (
              <p className="muted">
                {t('prac.none')} <Link to="/agency/practitioners">{t('prac.nav')}</Link>
              </p>
            )}
            {e.practitionerIds ? <p className="error">{t(e.practitionerIds)}</p> : null}
          </fieldset>
        ) : null}
        {mayLead && problems.length ? (
          <div className="alert info">
            <p>{t('cons.aloneIneligible')}</p>
            <ProblemList />
          </div>
        ) : null}
        {mayLead ? (
          <ConsortiumFields
            items={announcement.items}
            max={maxMembers}
            current={{
              leadItemIds: ledParties?.find((x) => x.role === 'lead')?.itemIds ?? [],
              members: (ledParties ?? []).filter((x) => x.role === 'member').map((x) => ({ uscc: x.uscc, itemIds: x.itemIds })),
            }}
            values={failed?.values ?? null}
            errors={e}
          />
        ) : null}
        <Check name="accept" label="bid.accept" error={e.accept} />
        <button type="submit" name="intent" value={intent} className="button" disabled={busy}>
          {t(direct ? 'bid.confirm' : mine ? 'bid.save' : 'bid.submit')}
        </button>
        <p className="hint">{t('bid.sealedHint')}</p>
      </Form>
      </FormScope>
    </section>
  )
}
