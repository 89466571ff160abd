import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useId } from 'react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormError, TableWrap } from '~/components/field'
import { PriceTable } from '~/components/price-table'
import type { MessageKey } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { formatDay } from '~/utils/format'
import { fieldErrors, formValues, type FieldErrors } from '~/utils/forms'
import { useLocale, useT } from '~/utils/i18n'
import { assertSameOrigin, clientIp, readForm } from '~/utils/request.server'
import {
  addPriceItem,
  DomainError,
  draftPriceList,
  listCatalog,
  offeringSchema,
  offeringsOf,
  priceItemSchema,
  publishedPriceList,
  publishPriceList,
  removePriceItem,
  setOffering,
  shanghaiDate,
} from '~/utils/services.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'update:price-list:own')
  const { db } = await getApp()
  const [catalog, offerings, draft, published] = await Promise.all([listCatalog(db), offeringsOf(db, session.org.id), draftPriceList(db, session.org.id), publishedPriceList(db, session.org.id)])
  return {
    catalog: catalog.map((c) => ({ code: c.code, nameZh: c.nameZh, nameEn: c.nameEn, items: c.items.map((i) => ({ id: i.id, code: i.code, nameZh: i.nameZh, nameEn: i.nameEn, standardDays: i.standardDays })) })),
    offerings,
    draft,
    published: published ? { ...published, date: shanghaiDate(published.publishedAt!) } : null,
  }
}

type ActionData = { intent: string; errors: FieldErrors; values?: Record<string, string>; formError?: MessageKey; params?: Record<string, number>; publishedVersion?: number }

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const session = await requirePermission(request, 'update:price-list:own')
  const { db, clock } = await getApp()
  const form = await readForm(request)
  const values = formValues(form)
  const intent = values.intent ?? ''
  const actor = { userId: session.user.id, orgId: session.org.id, ip: clientIp(request) }
  const fail = (errors: FieldErrors, extra: Partial<ActionData> = {}) => Response.json({ intent, errors, values, formError: 'errors.form', ...extra } satisfies ActionData, { status: 400 })
  try {
    if (intent === 'offer') {
      const parsed = offeringSchema.safeParse(values)
      if (!parsed.success) return fail(fieldErrors(parsed.error))
      await setOffering(db, clock, actor, parsed.data)
    } else if (intent === 'addPrice') {
      const parsed = priceItemSchema.safeParse(values)
      if (!parsed.success) return fail(fieldErrors(parsed.error))
      await addPriceItem(db, clock, actor, parsed.data)
    } else if (intent === 'removePrice') {
      await removePriceItem(db, actor, values.priceItemId ?? '')
    } else if (intent === 'publish') {
      return { intent, errors: {}, publishedVersion: await publishPriceList(db, clock, actor) } satisfies ActionData
    } else {
      return fail({})
    }
  } catch (error) {
    if (error instanceof DomainError) return fail(error.field ? { [error.field]: error.code as MessageKey } : {}, { formError: error.code as MessageKey, params: error.params as Record<string, number> })
    throw error
  }
  return { intent, errors: {} } satisfies ActionData
}

export default function Services() {
  const { catalog, offerings, draft, published } = useLoaderData<typeof loader>()
  const data = useActionData<ActionData>()
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const ids = { item: useId(), priceItem: useId() }
  const errorsOf = (intent: string) => (data?.intent === intent ? data.errors : {})
  const valuesOf = (intent: string) => (data?.intent === intent && data.formError ? (data.values ?? {}) : {})
  const itemNames = Object.fromEntries(catalog.flatMap((c) => c.items.map((i) => [i.id, i])))
  const offerErrors = errorsOf('offer')
  const priceErrors = errorsOf('addPrice')
  const priceValues = valuesOf('addPrice')
  return (
    <div className="page">
      <p className="eyebrow">{t('role.agency')}</p>
      <h1>{t('svc.title')}</h1>
      <p className="lead">{t('svc.intro')}</p>
      {data?.publishedVersion ? <p className="alert ok" role="status">{t('svc.publishedNow', { version: data.publishedVersion })}</p> : null}
      {data?.formError && !Object.keys(data.errors).length ? <FormError error={data.formError} /> : null}

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

      <section className="card" aria-labelledby="published-title">
        <h2 id="published-title">{published ? t('svc.published', { version: published.version, date: formatDay(published.date, locale) }) : t('svc.noPublished')}</h2>
        {published ? <PriceTable rows={published.items} items={itemNames} label={t('svc.published', { version: published.version, date: formatDay(published.date, locale) })} /> : null}
      </section>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
