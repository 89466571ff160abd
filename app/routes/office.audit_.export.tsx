import type { LoaderFunctionArgs } from '@remix-run/node'
import { isMessageKey, translator, type MessageKey } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { EXPORT_MAX_ROWS, exportFormat, exportResponse } from '~/utils/export.server'
import { formatDateTime } from '~/utils/format'
import { getLocale } from '~/utils/i18n.server'
import { badRequest } from '~/utils/request.server'
import { auditEntries, auditQuerySchema, shanghaiDate } from '~/utils/services.server'

/** The audit log under the page's filters, as CSV or Excel, newest first, with each entry's hash. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:audit:any')
  const url = new URL(request.url)
  const format = exportFormat(url)
  const asked = auditQuerySchema.safeParse(Object.fromEntries([...url.searchParams].filter(([k, v]) => v !== '' && k !== 'format')))
  if (!asked.success) throw badRequest('errors.badQuery')
  const { db, clock } = await getApp()
  const locale = getLocale(request)
  const t = translator(locale)
  const en = locale === 'en'
  const words = (key: string, fallback: string) => (isMessageKey(key) ? t(key as MessageKey) : fallback)
  const rows = await auditEntries(db, asked.data, EXPORT_MAX_ROWS)
  return exportResponse(
    format,
    `audit-${shanghaiDate(clock.now())}`,
    ['#', t('audit.time'), t('audit.action'), t('audit.filterType'), t('audit.entity'), t('audit.filterObject'), t('audit.actor'), t('audit.email'), t('audit.ip'), t('audit.hash')],
    rows.map((e) => [
      e.id, formatDateTime(e.at, locale), words(`audit.act.${e.action}`, e.action), words(`audit.entity.${e.entityType}`, e.entityType),
      e.object ? (en ? e.object.en : e.object.zh) : null, e.entityId,
      e.masked ? t('audit.agencyUser') : e.actor ? `${e.actor.name}${(en ? e.actor.orgEn : e.actor.orgZh) ? ` · ${en ? e.actor.orgEn : e.actor.orgZh}` : ''}` : t('audit.system'), e.actor?.email ?? null, e.ip, e.hash,
    ]),
  )
}
