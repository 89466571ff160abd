import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { BlacklistTable, toBlacklistRows } from '~/components/blacklist-table'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { getApp } from '~/utils/app.server'
import { useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { listBlacklist, shanghaiDate } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['bl', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'bl.title')

/** The public blacklist: every listing in force or about to start. */
export async function loader(_: LoaderFunctionArgs) {
  const { db, clock } = await getApp()
  return { rows: toBlacklistRows(await listBlacklist(db, shanghaiDate(clock.now()))) }
}

export default function Blacklist() {
  const { rows } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <div className="page">
      <h1>{t('bl.title')}</h1>
      <p className="lead">{t('bl.intro')}</p>
      <p className="actions">
        <a href="/blacklist/export?format=csv" download>{t('bl.exportCsv')}</a>
        <a href="/blacklist/export?format=xlsx" download>{t('bl.exportXlsx')}</a>
      </p>
      <section className="card" aria-label={t('bl.title')}>
        <BlacklistTable rows={rows} />
      </section>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
