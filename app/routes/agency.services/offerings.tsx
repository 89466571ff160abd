import { useActionData, useLoaderData } from '@remix-run/react'
import { CheckedForm } from '~/components/checked-form'
import { Field, Select, TableWrap } from '~/components/field'
import { offeringForm } from '~/forms/agency'
import type { ActionReply } from '~/utils/action-reply'
import { useLocale, useT } from '~/utils/i18n'
import type { loader } from './route'

/** The items the agency offers, each with its committed working days, and the form to offer one more. */
export function OfferingsSection() {
  const { catalog, offerings } = useLoaderData<typeof loader>()
  const data = useActionData<ActionReply>()
  const t = useT()
  const en = useLocale() === 'en'
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
                <td className="num">{t('time.days', { n: o.committedDays })}</td>
                <td className="num muted">{t('time.days', { n: o.standardDays })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    ) : (
      <p className="muted">{t('svc.noOfferings')}</p>
    )}
    <CheckedForm spec={offeringForm} id="offer" intent="offer" reply={data} className="form inline">
      {(errors, values, params) => (
        <>
          <Select label="svc.item" name="itemId" defaultValue={values.itemId ?? ''} error={errors.itemId}>
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
          </Select>
          <Field label="svc.committedDays" name="committedDays" type="number" min={1} max={250} required defaultValue={values.committedDays} error={errors.committedDays} errorParams={params} />
          <button type="submit" className="button">{t('svc.offer')}</button>
        </>
      )}
    </CheckedForm>
  </section>
  )
}
