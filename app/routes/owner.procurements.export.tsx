import type { LoaderFunctionArgs } from '@remix-run/node'
import { translator, type MessageKey } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { EXPORT_MAX_ROWS, exportFormat, exportResponse } from '~/utils/export.server'
import { formatDateTime } from '~/utils/format'
import { getLocale } from '~/utils/i18n.server'
import { exportOwnerProcurements, shanghaiDate } from '~/utils/services.server'

/** The owner's own procurements, drafts included, as CSV or Excel, with each award's winner and price. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'create:procurement:own')
  const format = exportFormat(new URL(request.url))
  const { db, clock } = await getApp()
  const locale = getLocale(request)
  const t = translator(locale)
  const en = locale === 'en'
  const rows = await exportOwnerProcurements(db, session.org.id, EXPORT_MAX_ROWS)
  const headers = ['ann.number', 'ann.announcement', 'proc.projectName', 'proc.items', 'proc.method', 'proc.maxPrice', 'proc.publishedAt', 'proc.deadline', 'ann.status', 'proc.winner', 'proc.awardPrice', 'proc.decidedAt'] as const
  return exportResponse(
    format,
    `procurements-${shanghaiDate(clock.now())}`,
    headers.map((h) => t(h)),
    rows.map((r) => [
      r.number, r.title, r.projectName, r.items.map((i) => `${i.code} ${en ? i.nameEn : i.nameZh}`).join(en ? '; ' : '；'), t(`method.${r.method}` as MessageKey), { fen: r.maxPriceFen },
      r.publishedAt ? formatDateTime(r.publishedAt, locale) : null, r.bidDeadline ? formatDateTime(r.bidDeadline, locale) : null, t(`proc.status.${r.status}` as MessageKey),
      en ? r.winnerEn : r.winnerZh, r.priceFen === null ? null : { fen: r.priceFen }, r.decidedAt ? formatDateTime(r.decidedAt, locale) : null,
    ]),
  )
}
