import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { DataTable } from '~/components/data-table'
import { DateTime } from '~/components/date-time'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CursorPager } from '~/components/cursor-pager'
import { isMessageKey, type MessageKey } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { useLocale, useT } from '~/utils/i18n'
import { exportQuery } from '~/utils/list-query'
import { title } from '~/utils/meta'
import { badRequest } from '~/utils/request.server'
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, auditEntries, auditQuerySchema, verifyChain } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['audit', 'dash', 'dir', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'audit.title')

const PAGE = 50

/** The audit log for people: who did what to what, from where and when; filtered, paged by id, exported. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:audit:any')
  const { db } = await getApp()
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ''))
  const asked = auditQuerySchema.safeParse(params)
  if (!asked.success) throw badRequest('errors.badQuery')
  const query = asked.data
  const [entries, chain] = await Promise.all([auditEntries(db, query, PAGE), verifyChain(db)])
  const { before: _before, ...filters } = params
  return {
    chain,
    filters,
    actions: AUDIT_ACTIONS,
    types: AUDIT_ENTITY_TYPES,
    entries: entries.map((e) => ({ ...e, at: e.at.toISOString() })),
    older: entries.length === PAGE ? entries[entries.length - 1]!.id : null,
    paged: !!query.before,
  }
}

export default function AuditLog() {
  const { chain, entries, older, paged, filters, actions, types } = useLoaderData<typeof loader>()
  const t = useT()
  const en = useLocale() === 'en'
  const words = (key: string, fallback: string) => (isMessageKey(key) ? t(key as MessageKey) : fallback)
  const keep = Object.fromEntries(Object.entries(filters).filter(([, v]) => v))
  type Entry = (typeof entries)[number]
  return (
    <div className="page">
      <h1>{t('audit.title')}</h1>
      <p className="lead">{t('audit.intro')}</p>
      <p role="status" className={`alert ${chain.ok ? 'ok' : 'error'}`}>
        {t('dash.auditChain')}: {chain.ok ? t('dash.auditOk', { n: chain.checked }) : t('dash.auditBroken', { id: chain.brokenAt!.id })}
      </p>
      <Form method="get" className="card form filters">
        <div className="field">
          <label htmlFor="au-actor">{t('audit.filterActor')}</label>
          <input id="au-actor" name="actor" type="search" maxLength={80} defaultValue={filters.actor ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="au-action">{t('audit.filterAction')}</label>
          <select id="au-action" name="action" defaultValue={filters.action ?? ''}>
            <option value="">{t('dir.any')}</option>
            {actions.map((a) => <option key={a} value={a}>{words(`audit.act.${a}`, a)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="au-type">{t('audit.filterType')}</label>
          <select id="au-type" name="type" defaultValue={filters.type ?? ''}>
            <option value="">{t('dir.any')}</option>
            {types.map((k) => <option key={k} value={k}>{words(`audit.entity.${k}`, k)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="au-object">{t('audit.filterObject')}</label>
          <input id="au-object" name="object" maxLength={64} defaultValue={filters.object ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="au-from">{t('audit.from')}</label>
          <input id="au-from" name="from" type="date" defaultValue={filters.from ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="au-to">{t('audit.to')}</label>
          <input id="au-to" name="to" type="date" defaultValue={filters.to ?? ''} />
        </div>
        <div className="actions filter-actions">
          <button type="submit" className="button">{t('dir.search')}</button>
          <Link to="/office/audit">{t('dir.reset')}</Link>
        </div>
      </Form>
      <p className="actions">
        <a href={`/office/audit/export${exportQuery(filters, 'csv')}`} download>{t('audit.exportCsv')}</a>
        <a href={`/office/audit/export${exportQuery(filters, 'xlsx')}`} download>{t('audit.exportXlsx')}</a>
      </p>
      <DataTable<Entry>
        label={t('audit.title')}
        rows={entries}
        rowKey={(e) => String(e.id)}
        columns={[
          { header: t('audit.action'), lead: true, cell: (e) => <>{words(`audit.act.${e.action}`, e.action)} <span className="muted sub mono">#{e.id}</span></> },
          { header: t('audit.time'), cell: (e) => <DateTime at={e.at} /> },
          {
            header: t('audit.entity'),
            cell: (e) =>
              e.object ? (
                <span>
                  <span className="muted sub">{words(`audit.entity.${e.entityType}`, e.entityType)} · </span>
                  {e.object.link ? <Link to={e.object.link}>{en ? e.object.en : e.object.zh}</Link> : en ? e.object.en : e.object.zh}
                </span>
              ) : (
                <span className="muted">{words(`audit.entity.${e.entityType}`, e.entityType)}</span>
              ),
          },
          { header: t('audit.actor'), cell: (e) => (e.masked ? <span className="muted">{t('audit.agencyUser')}</span> : e.actor ? <span>{e.actor.name}<span className="block sub muted">{en ? e.actor.orgEn : e.actor.orgZh}</span></span> : t('audit.system')) },
          { header: t('audit.ip'), className: 'mono nowrap', cell: (e) => e.ip ?? '—' },
          { header: t('audit.hash'), className: 'mono nowrap', cell: (e) => <span title={e.hash}>{e.hash.slice(0, 12)}…</span> },
        ]}
      />
      <CursorPager label={t('audit.title')} keep={keep} paged={paged} next={older} newest={t('audit.newest')} older={t('audit.older')} />
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
