import type { LoaderFunctionArgs } from '@remix-run/node'
import { translator, type MessageKey } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { getSession } from '~/utils/auth.server'
import { EXPORT_MAX_ROWS, exportFormat, exportResponse } from '~/utils/export.server'
import { formatDateTime } from '~/utils/format'
import { getLocale } from '~/utils/i18n.server'
import { announcementQuerySchema, exportAnnouncements, openToBidder, shanghaiDate } from '~/utils/services.server'

/**
 * The announcements and results the list's filters match, as CSV or Excel (`?format=csv|xlsx`
 * with the list's own query), in the reader's language: each with its items and, once awarded,
 * its winner, award price and saving. Public, like the list.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const format = exportFormat(url)
  const { db, clock } = await getApp()
  const locale = getLocale(request)
  const t = translator(locale)
  const en = locale === 'en'
  const query = announcementQuerySchema.parse(Object.fromEntries(url.searchParams))
  const now = clock.now()
  const session = await getSession(request)
  const only = query.eligible && session?.org.kind === 'agency' ? await openToBidder(db, session.org.id, now, shanghaiDate(now)) : undefined
  const rows = await exportAnnouncements(db, query, now, EXPORT_MAX_ROWS, only)
  const headers = ['ann.number', 'ann.announcement', 'proc.projectName', 'proc.owner', 'proc.region', 'proc.items', 'proc.method', 'proc.maxPrice', 'proc.publishedAt', 'proc.deadline', 'ann.status', 'proc.winner', 'proc.awardPrice', 'proc.savingsRateColumn', 'proc.decidedAt'] as const
  return exportResponse(
    format,
    `announcements-${shanghaiDate(now)}`,
    headers.map((h) => t(h)),
    rows.map((r) => [
      r.number, r.title, r.projectName, en ? r.ownerEn : r.ownerZh, en ? r.regionEn : r.regionZh,
      r.items.map((i) => `${i.code} ${en ? i.nameEn : i.nameZh}`).join(en ? '; ' : '；'),
      t(`method.${r.method}` as MessageKey), { fen: r.maxPriceFen },
      r.publishedAt ? formatDateTime(r.publishedAt, locale) : null, r.bidDeadline ? formatDateTime(r.bidDeadline, locale) : null,
      t(`proc.status.${r.status}` as MessageKey),
      r.award ? (en ? r.award.agencyEn : r.award.agencyZh) : null, r.award ? { fen: r.award.priceFen } : null,
      // The saving as a percentage of the max price, two decimals (basis points / 100).
      r.award ? Math.round(((r.maxPriceFen - r.award.priceFen) * 10_000) / r.maxPriceFen) / 100 : null,
      r.award ? formatDateTime(r.award.decidedAt, locale) : null,
    ]),
  )
}
