import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { StatusBadge } from '~/components/status-badge'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { DataTable } from '~/components/data-table'
import { DateTime } from '~/components/date-time'
import type { MessageKey } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { procurementsOfOwner } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['ann', 'method', 'own', 'proc', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'own.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'read:procurement:own')
  const { db } = await getApp()
  const rows = await procurementsOfOwner(db, session.org.id)
  return { rows: rows.map((r) => ({ ...r, bidDeadline: r.bidDeadline?.toISOString() ?? null, updatedAt: r.updatedAt.toISOString() })) }
}

export default function OwnerProcurements() {
  const { rows } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  type Row = (typeof rows)[number]
  return (
    <div className="page">
      <p className="eyebrow">{t('role.owner')}</p>
      <h1>{t('own.title')}</h1>
      <p className="lead">{t('own.intro')}</p>
      <p>
        <Link to="/owner/procurements/new" className="button">
          {t('own.new')}
        </Link>{' '}
        <a href="/owner/procurements/export?format=csv" download className="button secondary">{t('ann.exportCsv')}</a>{' '}
        <a href="/owner/procurements/export?format=xlsx" download className="button secondary">{t('ann.exportXlsx')}</a>
      </p>
      {rows.length ? (
        <DataTable<Row>
          label={t('own.title')}
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            {
              header: t('ann.announcement'),
              lead: true,
              cell: (r) => (
                <>
                  <Link to={`/owner/procurements/${r.id}`}>{r.title}</Link>
                  <div className="muted sub">
                    {r.number ? <span className="mono">{r.number}</span> : t('own.draftNoNumber')} · {r.items.map((i) => (en ? i.nameEn : i.nameZh)).join(en ? ', ' : '、')}
                  </div>
                </>
              ),
            },
            { header: t('proc.method'), cell: (r) => t(`method.${r.method}` as MessageKey) },
            { header: t('proc.maxPrice'), className: 'num', cell: (r) => formatYuan(r.maxPriceFen, locale) },
            { header: t('proc.deadline'), cell: (r) => (r.bidDeadline ? <DateTime at={r.bidDeadline} /> : '—') },
            { header: t('ann.status'), cell: (r) => <StatusBadge status={r.status} /> },
          ]}
        />
      ) : (
        <p className="muted">{t('own.none')}</p>
      )}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
