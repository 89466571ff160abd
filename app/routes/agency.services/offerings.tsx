import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useId } from 'react'
import { TableWrap } from '~/components/field'
import { replyFor, type ActionReply } from '~/utils/action-reply'
import { useLocale, useT } from '~/utils/i18n'
import type { loader } from './route'

/** The items the agency offers, each with its committed working days, and the form to offer one more. */
export function OfferingsSection() {
  const { catalog, offerings } = useLoaderData<typeof loader>()
  const data = replyFor(useActionData<ActionReply>(), 'offer')
  const t = useT()
  const en = useLocale() === 'en'
  const ids = { item: useId() }
  const offerErrors = data?.errors ?? {}
  return (
  <section className="card" aria-labelledby="offer-title">
    <h2 id="offer-title">{t('svc.offerings')}</h2>
    {offerings.length ? (
      <TableWrap label={t('svc.offerings')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('catalog.code')}</th>
              <th scope="col">{t('svc.item')}</th>
              <th scope="col">{t('svc.committedDays')}</th>
              <th scope="col">{t('svc.standard')}</th>
            </tr>
          </thead>
          <tbody>
            {offerings.map((o) => (
              <tr key={o.itemId}>
                <td className="mono">{o.code}</td>
                <td>{en ? o.nameEn : o.nameZh}</td>
                <td className="num">{t('catalog.days', { n: o.committedDays })}</td>
                <td className="num muted">{t('catalog.days', { n: o.standardDays })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    ) : (
      <p className="muted">{t('svc.noOfferings')}</p>
    )}
    <Form method="post" className="form inline">
      <input type="hidden" name="intent" value="offer" />
      <div className={`field${offerErrors.itemId ? ' has-error' : ''}`}>
        <label htmlFor={ids.item}>{t('svc.item')}</label>
        <select id={ids.item} name="itemId" defaultValue="">
          <option value="">{t('errors.choose')}</option>
          {catalog.map((c) => (
            <optgroup key={c.code} label={en ? c.nameEn : c.nameZh}>
              {c.items.map((i) => (
                <option key={i.id} value={i.id}>
                  {`${en ? i.nameEn : i.nameZh} (≤ ${i.standardDays})`}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {offerErrors.itemId ? <p className="error">{t(offerErrors.itemId)}</p> : null}
      </div>
      <div className={`field${offerErrors.committedDays ? ' has-error' : ''}`}>
        <label htmlFor="committedDays">{t('svc.committedDays')}</label>
        <input id="committedDays" name="committedDays" type="number" min={1} max={250} required />
        {offerErrors.committedDays ? <p className="error">{t(offerErrors.committedDays, data?.params)}</p> : null}
      </div>
      <button type="submit" className="button">{t('svc.offer')}</button>
    </Form>
  </section>
  )
}
