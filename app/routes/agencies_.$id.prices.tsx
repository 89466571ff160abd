import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PriceTable } from '~/components/price-table'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { formatDateTime, formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { offeringsOf, priceChanges, priceListHistory, publicAgency, shanghaiDate } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['history', 'svc', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'history.title')

/** Every published version of an agency's price list, with what each changed: for supervisors. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:agency:any')
  const { db, clock } = await getApp()
  const agency = await publicAgency(db, params.id ?? '', shanghaiDate(clock.now()))
  if (!agency) throw new Response('Not found', { status: 404 })
  const [history, offered] = await Promise.all([priceListHistory(db, agency.org.id), offeringsOf(db, agency.org.id)])
  const versions = history.flatMap((l) => (l ? [l] : []))
  return {
    org: { id: agency.org.id, nameZh: agency.org.nameZh, nameEn: agency.org.nameEn },
    items: Object.fromEntries(offered.map((o) => [o.itemId, { nameZh: o.nameZh, nameEn: o.nameEn }])),
    versions: versions.map((l, i) => ({
      version: l.version,
      publishedAt: l.publishedAt!.toISOString(),
      items: l.items,
      // Newest first: the version before this one is the next in the list.
      changes: priceChanges(versions[i + 1]?.items ?? [], l.items),
      first: i === versions.length - 1,
    })),
  }
}

export default function PriceHistory() {
  const { org, items, versions } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const name = (itemId: string) => (items[itemId] ? (en ? items[itemId].nameEn : items[itemId].nameZh) : '—')
  return (
    <div className="page">
      <p className="eyebrow">
        <Link to={`/agencies/${org.id}`}>{en ? org.nameEn : org.nameZh}</Link>
      </p>
      <h1>{t('history.title')}</h1>
      <p className="lead">{t('history.intro', { n: versions.length })}</p>
      {versions.map((v) => {
        const heading = t('history.version', { version: v.version, at: formatDateTime(v.publishedAt, locale) })
        return (
          <section className="card" key={v.version} aria-labelledby={`v${v.version}`}>
            <h2 id={`v${v.version}`}>{heading}</h2>
            {v.first ? (
              <p className="muted">{t('history.firstVersion')}</p>
            ) : v.changes.length ? (
              <ul className="changes">
                {v.changes.map((c) => (
                  <li key={`${c.kind}${c.itemId}${c.content}`} className={`change-${c.kind}`}>
                    {c.kind === 'changed'
                      ? t('history.changed', { item: name(c.itemId), content: c.content, from: formatYuan(c.fromFen, locale), to: formatYuan(c.toFen, locale) })
                      : c.kind === 'added'
                        ? t('history.added', { item: name(c.itemId), content: c.content, to: formatYuan(c.toFen, locale) })
                        : t('history.removed', { item: name(c.itemId), content: c.content, from: formatYuan(c.fromFen, locale) })}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('history.unchanged')}</p>
            )}
            <PriceTable rows={v.items} items={items} label={heading} />
          </section>
        )
      })}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
