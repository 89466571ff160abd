import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DrawVerifier } from '~/components/draw-verifier'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { DefinitionList } from '~/components/field'
import { usePurpose } from '~/components/selection-result'
import { getApp } from '~/utils/app.server'
import { formatDateTime } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { drawRecord, publicProcurement } from '~/utils/services.server'
import type { DrawRecord } from '../../services/selection/draw'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['draw', 'drawn', 'proc', 'sel', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'drawn.title')

/** A published draw record, shown with a verify button; the record itself is at `/draws/<id>/record.json`. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db } = await getApp()
  const found = await drawRecord(db, params.id ?? '')
  if (!found) throw new Response('Not found', { status: 404 })
  const procurement = found.procurementId ? await publicProcurement(db, found.procurementId) : null
  const origin = new URL(request.url).origin
  return {
    id: found.id,
    createdAt: found.createdAt.toISOString(),
    record: found.record,
    text: JSON.stringify(found.record, null, 2),
    jsonUrl: `${origin}/draws/${found.id}/record.json`,
    procurement: procurement ? { id: procurement.p.id, number: procurement.p.number, title: procurement.p.title } : null,
  }
}

export default function DrawPage() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const purpose = usePurpose()
  const record = data.record as DrawRecord
  return (
    <div className="page narrow">
      {data.procurement ? (
        <p className="eyebrow">
          <Link to={`/procurements/${data.procurement.id}`}>{data.procurement.number}</Link>
        </p>
      ) : null}
      <h1>{t('drawn.title')}</h1>
      {data.procurement ? <p className="lead">{data.procurement.title}</p> : null}
      <section className="card" aria-labelledby="record-title">
        <h2 id="record-title">{purpose(record.purpose)}</h2>
        <DefinitionList
          items={[
            [t('drawn.at'), formatDateTime(data.createdAt, locale)],
            [t('drawn.committedAt'), formatDateTime(record.committedAt, locale)],
            [t('proc.drawCommitment'), <code key="c" className="hash">{record.commitment}</code>],
            [t('drawn.secret'), <code key="s" className="hash">{record.secret}</code>],
            ...(record.winner ? ([[t('drawn.winner'), <span key="w" className="mono">{record.winner}</span>]] as Array<[string, React.ReactNode]>) : []),
            ...(record.pick ? ([[t('drawn.pick'), t('drawn.pickText', { n: record.pick.index + 1, k: record.pick.k })]] as Array<[string, string]>) : []),
            [t('drawn.order'), <ol key="o" className="plain mono">{record.order.map((k) => <li key={k}>{k}</li>)}</ol>],
          ]}
        />
        <p className="hint">
          {t('drawn.how')} <Link to="/draws/algorithm">{t('proc.drawHow')}</Link>
        </p>
      </section>
      <section className="card" aria-labelledby="verify-title">
        <h2 id="verify-title">{t('draw.verifyTitle')}</h2>
        <DrawVerifier initial={data.text} />
        <p className="hint">{t('drawn.cli')}</p>
        <pre className="mono seed-format">npm run verify-draw -- {data.jsonUrl}</pre>
        <p>
          <a href={`/draws/${data.id}/record.json`}>{t('drawn.json')}</a>
        </p>
      </section>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
