import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { DateTime } from '~/components/date-time'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { DefinitionList, TableWrap } from '~/components/field'
import { getApp } from '~/utils/app.server'
import { useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { anchorFeed } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['anchors', 'audit', 'time'] }

/** Public: the signed heads of the audit chain, what they guarantee and what they do not. */
export const meta: MetaFunction = ({ matches }) => title(matches, 'anchors.title')

const SHOWN = 50

export async function loader(_: LoaderFunctionArgs) {
  const { db, anchorSigner } = await getApp()
  const feed = await anchorFeed(db, anchorSigner)
  return { key: feed.keys[0]!, total: feed.anchors.length, newest: feed.anchors.slice(-SHOWN).reverse() }
}

export default function Anchors() {
  const { key, total, newest } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <div className="page">
      <h1>{t('anchors.title')}</h1>
      <p className="lead">{t('anchors.intro')}</p>
      <section className="card" aria-labelledby="guarantee-title">
        <h2 id="guarantee-title">{t('anchors.guaranteeTitle')}</h2>
        <p>{t('anchors.guarantees')}</p>
        <p>{t('anchors.limits')}</p>
        <p>
          <a href="/audit/anchors.json" className="button secondary">
            {t('anchors.download')}
          </a>
        </p>
        <pre className="code">npm run audit:verify -- --anchors anchors.json</pre>
        <DefinitionList items={[[t('anchors.keyId'), <code key="k">{key.keyId}</code>], [t('anchors.publicKey'), <pre key="p" className="code">{key.publicKey}</pre>]]} />
      </section>
      <section className="card" aria-labelledby="list-title">
        <h2 id="list-title">{t(total > SHOWN ? 'anchors.list' : 'anchors.listAll', { n: total, shown: SHOWN })}</h2>
        {newest.length ? (
          <TableWrap label={t('anchors.title')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('anchors.publishedAt')}</th>
                  <th scope="col">{t('anchors.head')}</th>
                  <th scope="col">{t('audit.hash')}</th>
                </tr>
              </thead>
              <tbody>
                {newest.map((a) => (
                  <tr key={a.headId}>
                    <td>
                      <DateTime at={a.publishedAt} />
                    </td>
                    <td className="num">{a.headId}</td>
                    <td className="mono" title={a.headHash}>
                      {a.headHash.slice(0, 16)}…
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p className="muted">{t('anchors.none')}</p>
        )}
      </section>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
