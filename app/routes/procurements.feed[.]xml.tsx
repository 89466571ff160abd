import type { LoaderFunctionArgs } from '@remix-run/node'
import { translator } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { formatYuan } from '~/utils/format'
import { getLocale } from '~/utils/i18n.server'
import { announcementQuerySchema, searchAnnouncements } from '~/utils/services.server'

const escape = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!)

/**
 * An Atom feed of the latest announcements and results (each entry updated when its procurement last changed), filtered like the list (the same query
 * string), in the reader's language.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { db, clock } = await getApp()
  const url = new URL(request.url)
  const locale = getLocale(request)
  const t = translator(locale)
  const { rows } = await searchAnnouncements(db, announcementQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams)), clock.now())
  const origin = url.origin
  // An entry changes with its procurement: a result, a failure, an amendment or a cancellation
  // moves `updated`, so readers see it again; the feed is as new as its newest entry.
  const updated = new Date(Math.max(0, ...rows.map((r) => r.updatedAt.getTime())))
  const entries = rows.map((r) => {
    const link = `${origin}/procurements/${r.id}`
    const summary = `${t(`proc.status.${r.status}`)} · ${t(`method.${r.method}`)} · ${t('proc.maxPrice')} ${formatYuan(r.maxPriceFen, locale)} · ${locale === 'en' ? r.ownerEn : r.ownerZh}`
    return `  <entry>
    <id>urn:zjcs:procurement:${r.id}</id>
    <title>${escape(`${r.number ?? ''} ${r.title}`)}</title>
    <link href="${escape(link)}"/>
    <updated>${r.updatedAt.toISOString()}</updated>${r.publishedAt ? `
    <published>${r.publishedAt.toISOString()}</published>` : ''}
    <summary>${escape(summary)}</summary>
  </entry>`
  })
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">
  <id>urn:zjcs:procurements</id>
  <title>${escape(`${t('ann.title')} · ${t('app.fullName')}`)}</title>
  <link rel="self" href="${escape(url.href)}"/>
  <link href="${escape(`${origin}/procurements`)}"/>
  <updated>${updated.toISOString()}</updated>
${entries.join('\n')}
</feed>
`
  return new Response(xml, { headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=60' } })
}
