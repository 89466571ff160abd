import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Announcement, StatusBadge } from '~/components/announcement'
import { Clarifications } from '~/components/clarifications'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { getApp } from '~/utils/app.server'
import { getSession } from '~/utils/auth.server'
import { getLocale } from '~/utils/i18n.server'
import { printData } from '~/utils/print.server'
import { PrintButton, PrintHeader } from '~/components/print-notice'
import { useT } from '~/utils/i18n'
import { loadSelection, serializeAnnouncement, specialtyNames } from '~/utils/procurement-form.server'
import { publicClarifications, publicProcurement, attachmentsOf, loadCalendar } from '~/utils/services.server'
import { title } from '~/utils/meta'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['ann', 'bid', 'draw', 'method', 'print', 'proc', 'progress', 'qa', 'sel', 'time'] }

// A procurement that is not there (a draft, a mistyped address) still gives its 404 page a title.
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => (data ? [{ title: `${data.announcement.p.title} · ${data.announcement.p.number ?? ''}` }] : title(matches, 'errors.notFoundTitle'))

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, clock, config } = await getApp()
  const found = await publicProcurement(db, params.id ?? '')
  if (!found) throw new Response('Not found', { status: 404 })
  const session = await getSession(request)
  const qa = await publicClarifications(db, found.p.id)
  const selection = await loadSelection(db, found.p.id, { kind: 'public' })
  return {
    print: await printData(found, selection?.draws[0]?.id ?? null, config.PUBLIC_URL, getLocale(request)),
    qa: qa.map((c) => ({ id: c.id, question: c.question, answer: c.answer, answeredAt: c.answeredAt?.toISOString() ?? null })),
    announcement: { ...serializeAnnouncement(found, await loadCalendar(db), clock.now()), attachments: await attachmentsOf(db, found.p.id) },
    specialties: await specialtyNames(db),
    selection,
    // An agency is offered the way to its bid page while bids are open.
    canBid: session?.org.kind === 'agency' && found.p.status === 'published',
  }
}

export default function AnnouncementPage() {
  const { announcement, specialties, canBid, qa, selection, print } = useLoaderData<typeof loader>()
  const t = useT()
  const { p } = announcement
  return (
    <div className="page">
      <PrintHeader data={print} />
      <p className="eyebrow no-print">
        <Link to="/procurements">{t('ann.title')}</Link>
      </p>
      <h1>{p.title}</h1>
      <p className="lead">
        <span className="mono">{p.number}</span> <StatusBadge status={p.status} /> <PrintButton />
      </p>
      {canBid ? (
        <p>
          <Link to={`/agency/bids/${p.id}`} className="button">
            {t(p.method === 'direct' ? 'bid.goConfirm' : 'bid.go')}
          </Link>
        </p>
      ) : null}
      <Announcement data={announcement} specialtyNames={specialties} selection={selection} />
      <Clarifications items={qa} />
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
