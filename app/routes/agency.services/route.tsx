import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormError } from '~/components/field'
import { PriceTable } from '~/components/price-table'
import type { ActionReply } from '~/utils/action-reply'
import { intent, runIntents } from '~/utils/action.server'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { formatDay } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { addPriceItem, draftPriceList, listCatalog, offeringsOf, publishedPriceList, publishPriceList, removePriceItem, setOffering, shanghaiDate } from '~/utils/services.server'
import { offeringForm, priceItemForm } from '~/forms/agency'
import { OfferingsSection } from './offerings'
import { PriceDraftSection } from './price-draft'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['catalog', 'svc', 'time'] }

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

export const action = (args: ActionFunctionArgs) =>
  runIntents(args, {
    permission: 'update:price-list:own',
    intents: {
      offer: intent({ form: offeringForm, run: async ({ app, actor }, input) => void (await setOffering(app.db, app.clock, actor, input)) }),
      addPrice: intent({ form: priceItemForm, run: async ({ app, actor }, input) => void (await addPriceItem(app.db, app.clock, actor, input)) }),
      removePrice: intent({ run: async ({ app, actor, values }) => void (await removePriceItem(app.db, actor, values.priceItemId ?? '')) }),
      publish: intent({ run: async ({ app, actor }) => ({ params: { version: await publishPriceList(app.db, app.clock, actor) } }) }),
    },
  })

export default function Services() {
  const { catalog, published } = useLoaderData<typeof loader>()
  const data = useActionData<ActionReply>()
  const t = useT()
  const locale = useLocale()
  const itemNames = Object.fromEntries(catalog.flatMap((c) => c.items.map((i) => [i.id, i])))
  return (
    <div className="page">
      <p className="eyebrow">{t('role.agency')}</p>
      <h1>{t('svc.title')}</h1>
      <p className="lead">{t('svc.intro')}</p>
      {data?.intent === 'publish' && data.ok ? <p className="alert ok" role="status">{t('svc.publishedNow', data.params)}</p> : null}
      {data?.formError && !Object.keys(data.errors).length ? <FormError error={data.formError} /> : null}
      <OfferingsSection />
      <PriceDraftSection itemNames={itemNames} />

      <section className="card" aria-labelledby="published-title">
        <h2 id="published-title">{published ? t('svc.published', { version: published.version, date: formatDay(published.date, locale) }) : t('svc.noPublished')}</h2>
        {published ? <PriceTable rows={published.items} items={itemNames} label={t('svc.published', { version: published.version, date: formatDay(published.date, locale) })} /> : null}
      </section>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
