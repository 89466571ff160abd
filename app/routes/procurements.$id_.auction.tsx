import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { AuctionBoard } from '~/components/auction-board'
import { StatusBadge } from '~/components/status-badge'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormError } from '~/components/field'
import { getApp } from '~/utils/app.server'
import type { ActionReply } from '~/utils/action-reply'
import { intent, runIntents } from '~/utils/action.server'
import { getSession } from '~/utils/auth.server'
import { useT } from '~/utils/i18n'
import { auctionBoard, placeAuctionBid, publicProcurement } from '~/utils/services.server'
import { auctionBidForm } from '~/forms/agency'
import { title } from '~/utils/meta'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['auction', 'proc', 'time'] }

// A procurement that is not there (a draft, a mistyped address) still gives its 404 page a title.
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => (data ? [{ title: `${data.title} · ${data.number ?? ''}` }] : title(matches, 'errors.notFoundTitle'))

/** The live auction, public: anyone may watch the board; a bidder also sees its label and, in its turn, its form. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, clock } = await getApp()
  const found = await publicProcurement(db, params.id ?? '')
  if (!found || found.p.method !== 'reverse_auction') throw new Response('Not found', { status: 404 })
  const session = await getSession(request)
  const board = await auctionBoard(db, clock, found.p.id, session?.org.kind === 'agency' ? session.org.id : undefined)
  if (!board) throw new Response('Not found', { status: 404 })
  return { id: found.p.id, number: found.p.number, title: found.p.title, status: found.p.status, board, idempotencyKey: crypto.randomUUID() }
}

export const action = (args: ActionFunctionArgs) =>
  runIntents(args, {
    permission: 'create:bid:own',
    status: (reply) => (reply.formError === 'errors.tooFast' ? 429 : undefined),
    intents: {
      bid: intent({
        form: auctionBidForm,
        run: async ({ app, actor, id }, input) => {
          await placeAuctionBid(app.db, app.clock, actor, id, input, app.auctionLimiter)
          await app.broadcaster.publish(id)
        },
      }),
    },
  })

export default function AuctionPage() {
  const { id, number, title, status, board, idempotencyKey } = useLoaderData<typeof loader>()
  const data = useActionData<ActionReply>()
  const t = useT()
  return (
    <div className="page">
      <p className="eyebrow">
        <Link to={`/procurements/${id}`}>{number}</Link>
      </p>
      <h1>{t('auction.title')}</h1>
      <p className="lead">
        {title} <StatusBadge status={status} />
      </p>
      {data?.ok ? (
        <p className="alert ok" role="status">
          {t('auction.accepted')}
        </p>
      ) : null}
      {data?.formError && data.formError !== 'errors.form' ? <FormError error={data.formError} /> : null}
      <AuctionBoard procurementId={id} initial={board} reply={data} idempotencyKey={idempotencyKey} />
      {board.finished ? (
        <p>
          <Link to={`/procurements/${id}`} className="button">
            {t('auction.seeResult')}
          </Link>
        </p>
      ) : null}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
