import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useId } from 'react'
import { Field } from '~/components/field'
import { PriceTable } from '~/components/price-table'
import { replyFor, type ActionReply } from '~/utils/action-reply'
import { useLocale, useT } from '~/utils/i18n'
import type { loader } from './route'

/** The next price list as a draft: its rows, one more row, and publication as a new version. */
export function PriceDraftSection({ itemNames }: { itemNames: Record<string, { code: string; nameZh: string; nameEn: string }> }) {
  const { offerings, draft, published } = useLoaderData<typeof loader>()
  const data = replyFor(useActionData<ActionReply>(), 'addPrice')
  const t = useT()
  const en = useLocale() === 'en'
  const ids = { priceItem: useId() }
  const priceErrors = data?.errors ?? {}
  const priceValues = data && !data.ok ? data.values : {}
  return (
  <section className="card" aria-labelledby="draft-title">
    <h2 id="draft-title">{t('svc.draft', { version: draft?.version ?? (published ? published.version + 1 : 1) })}</h2>
    {draft?.items.length ? (
      <PriceTable
        rows={draft.items}
        items={itemNames}
        label={t('svc.draft', { version: draft.version })}
        remove={(row) => (
          <Form method="post">
            <input type="hidden" name="intent" value="removePrice" />
            <input type="hidden" name="priceItemId" value={row.id} />
            <button type="submit" className="link-button">{t('svc.remove')}</button>
          </Form>
        )}
      />
    ) : null}
    {offerings.length ? (
      <Form method="post" className="form" key={draft?.items.length ?? 0}>
        <input type="hidden" name="intent" value="addPrice" />
        <div className="grid two">
          <div className={`field${priceErrors.itemId ? ' has-error' : ''}`}>
            <label htmlFor={ids.priceItem}>{t('svc.item')}</label>
            <select id={ids.priceItem} name="itemId" defaultValue={priceValues.itemId ?? ''}>
              <option value="">{t('errors.choose')}</option>
              {offerings.map((o) => (
                <option key={o.itemId} value={o.itemId}>{en ? o.nameEn : o.nameZh}</option>
              ))}
            </select>
            {priceErrors.itemId ? <p className="error">{t(priceErrors.itemId)}</p> : null}
          </div>
          <Field label="svc.content" name="content" required defaultValue={priceValues.content} error={priceErrors.content} />
          <Field label="svc.unit" name="unit" required defaultValue={priceValues.unit} error={priceErrors.unit} />
          <Field label="svc.fee" name="fee" inputMode="decimal" required defaultValue={priceValues.fee} error={priceErrors.fee} />
          <Field label="svc.legalBasis" name="legalBasis" required defaultValue={priceValues.legalBasis} error={priceErrors.legalBasis} />
          <Field label="svc.complaintPhone" name="complaintPhone" type="tel" required defaultValue={priceValues.complaintPhone} error={priceErrors.complaintPhone} />
        </div>
        <button type="submit" className="button secondary">{t('svc.addPrice')}</button>
      </Form>
    ) : null}
    {draft?.items.length ? (
      <Form method="post">
        <input type="hidden" name="intent" value="publish" />
        <button type="submit" className="button">{t('svc.publish')}</button>
      </Form>
    ) : null}
  </section>
  )
}
