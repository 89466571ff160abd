import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { CheckedForm } from '~/components/checked-form'
import { Field, Select } from '~/components/field'
import { priceItemForm } from '~/forms/agency'
import { PriceTable } from '~/components/price-table'
import type { ActionReply } from '~/utils/action-reply'
import { useLocale, useT } from '~/utils/i18n'
import type { loader } from './route'

/** The next price list as a draft: its rows, one more row, and publication as a new version. */
export function PriceDraftSection({ itemNames }: { itemNames: Record<string, { code: string; nameZh: string; nameEn: string }> }) {
  const { offerings, draft, published } = useLoaderData<typeof loader>()
  const data = useActionData<ActionReply>()
  const t = useT()
  const en = useLocale() === 'en'
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
      <CheckedForm key={draft?.items.length ?? 0} spec={priceItemForm} id="price" intent="addPrice" reply={data}>
        {(errors, values) => (
          <>
            <div className="grid two">
              <Select label="svc.item" name="itemId" defaultValue={values.itemId ?? ''} error={errors.itemId}>
                <option value="">{t('errors.choose')}</option>
                {offerings.map((o) => (
                  <option key={o.itemId} value={o.itemId}>{en ? o.nameEn : o.nameZh}</option>
                ))}
              </Select>
              <Field label="svc.content" name="content" required defaultValue={values.content} error={errors.content} />
              <Field label="svc.unit" name="unit" required defaultValue={values.unit} error={errors.unit} />
              <Field label="svc.fee" name="fee" inputMode="decimal" required defaultValue={values.fee} error={errors.fee} />
              <Field label="svc.legalBasis" name="legalBasis" required defaultValue={values.legalBasis} error={errors.legalBasis} />
              <Field label="svc.complaintPhone" name="complaintPhone" type="tel" required defaultValue={values.complaintPhone} error={errors.complaintPhone} />
            </div>
            <button type="submit" className="button secondary">{t('svc.addPrice')}</button>
          </>
        )}
      </CheckedForm>
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
