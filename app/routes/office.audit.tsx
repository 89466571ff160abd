import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { TableWrap } from '~/components/field'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { formatDateTime } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { badRequest } from '~/utils/request.server'
import { auditCursorSchema, recentAudit, verifyChain } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['audit', 'dash', 'time'] }

const PAGE = 50
/** The page of entries older than this id (ids are positive 32-bit integers). */

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:audit:any')
  const { db } = await getApp()
  const asked = auditCursorSchema.safeParse(new URL(request.url).searchParams.get('before') || undefined)
  if (!asked.success) throw badRequest('errors.badQuery')
  const before = asked.data
  const [entries, chain] = await Promise.all([recentAudit(db, PAGE, before), verifyChain(db)])
  return {
    chain,
    entries: entries.map((e) => ({ id: e.id, at: e.at.toISOString(), actor: e.actorUserId, action: e.action, entity: `${e.entityType}${e.entityId ? ` ${e.entityId.slice(0, 12)}` : ''}`, ip: e.ip, hash: e.hash })),
    older: entries.length === PAGE ? entries[entries.length - 1]!.id : null,
    paged: !!before,
  }
}

export default function AuditLog() {
  const { chain, entries, older, paged } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  return (
    <div className="page">
      <h1>{t('audit.title')}</h1>
      <p className="lead">{t('audit.intro')}</p>
      <p role="status" className={`alert ${chain.ok ? 'ok' : 'error'}`}>
        {t('dash.auditChain')}: {chain.ok ? t('dash.auditOk', { n: chain.checked }) : t('dash.auditBroken', { id: chain.brokenAt!.id })}
      </p>
      <TableWrap label={t('audit.title')}>
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('audit.time')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.entity')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.ip')}</th>
              <th scope="col">{t('audit.hash')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td className="num">{e.id}</td>
                <td>{formatDateTime(e.at, locale)}</td>
                <td className="mono">{e.action}</td>
                <td className="mono">{e.entity}</td>
                <td className="mono">{e.actor ? e.actor.slice(0, 8) : t('audit.system')}</td>
                <td className="mono">{e.ip ?? '—'}</td>
                <td className="mono" title={e.hash}>{e.hash.slice(0, 12)}…</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <p className="actions">
        {paged ? <Link to="/office/audit">{t('audit.newest')}</Link> : null}
        {older ? <Link to={`/office/audit?before=${older}`}>{t('audit.older')}</Link> : null}
      </p>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
