import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { SanctionTable, toSanctionRows } from '~/components/sanction-table'
import { getApp } from '~/utils/app.server'
import { useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { listSanctions, shanghaiDate } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['bl', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'bl.title')

const LISTS = ['blacklist', 'suspension', 'yellow_card'] as const

/** The public lists: the blacklist, the suspensions and the yellow cards in force or about to start. */
export async function loader(_: LoaderFunctionArgs) {
  const { db, clock } = await getApp()
  const today = shanghaiDate(clock.now())
  const rows = toSanctionRows(await listSanctions(db, today, { kinds: [...LISTS] }))
  return { lists: LISTS.map((kind) => ({ kind, rows: rows.filter((r) => r.kind === kind) })) }
}

export default function Blacklist() {
  const { lists } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <div className="page">
      <h1>{t('bl.title')}</h1>
      <p className="lead">{t('bl.intro')}</p>
      {lists.map(({ kind, rows }) => (
        <section key={kind} className="card" aria-labelledby={`${kind}-title`}>
          <h2 id={`${kind}-title`}>{t(`bl.list.${kind}`)}</h2>
          <p className="hint">{t(`bl.listHint.${kind}`)}</p>
          <p className="actions">
            <a href={`/blacklist/export?list=${kind}&format=csv`} download>{t('bl.exportCsv')}</a>
            <a href={`/blacklist/export?list=${kind}&format=xlsx`} download>{t('bl.exportXlsx')}</a>
          </p>
          <SanctionTable rows={rows} label={t(`bl.list.${kind}`)} />
        </section>
      ))}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
