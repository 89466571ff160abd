import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { CreditExplanation } from '~/components/credit'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { getApp } from '~/utils/app.server'
import { useLocale, useT, type RootData } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { creditExplained } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['credit', 'time'] }

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return title(matches, 'errors.notFoundTitle')
  const en = (matches.find((m) => m.id === 'root')?.data as RootData | undefined)?.locale === 'en'
  const [page] = title(matches, 'credit.title') as Array<{ title: string }>
  return [{ title: `${en ? data.org.nameEn : data.org.nameZh} · ${page!.title}` }]
}

/** One organization's credit, explained line by line: what an owner's public record is (an agency's page holds the same). */
export async function loader({ params }: LoaderFunctionArgs) {
  const { db, clock } = await getApp()
  const credit = await creditExplained(db, params.id ?? '', clock.now())
  if (!credit) throw new Response('Not found', { status: 404 })
  return credit
}

export default function CreditOf() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const en = useLocale() === 'en'
  return (
    <div className="page">
      <p className="eyebrow"><Link to={`/credit?kind=${data.org.kind}`}>{t('credit.rankingTitle')}</Link></p>
      <h1>{en ? data.org.nameEn : data.org.nameZh}</h1>
      {data.org.kind === 'agency' ? <p><Link to={`/agencies/${data.org.id}`}>{t('credit.agencyPage')}</Link></p> : null}
      <CreditExplanation data={data} />
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
