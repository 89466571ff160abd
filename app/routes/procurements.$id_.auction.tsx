import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { AuctionBoard } from '~/components/auction-board'
import { StatusBadge } from '~/components/announcement'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormError } from '~/components/field'
import type { MessageKey } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { getSession, requirePermission } from '~/utils/auth.server'
import { fieldErrors, formValues, type FieldErrors } from '~/utils/forms'
import { useT } from '~/utils/i18n'
import { assertSameOrigin, clientIp, readForm } from '~/utils/request.server'
import { auctionBidSchema, auctionBoard, DomainError, placeAuctionBid, publicProcurement } from '~/utils/services.server'
import { fenToYuanInput } from '../../services/shared/money'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · ${data.number ?? ''}` : '' }]

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

type ActionData = { ok: boolean; errors: FieldErrors; formError?: MessageKey; params?: Record<string, string | number> }

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const session = await requirePermission(request, 'create:bid:own')
  const { db, clock, broadcaster, auctionLimiter } = await getApp()
  const parsed = auctionBidSchema.safeParse(formValues(await readForm(request)))
  if (!parsed.success) return Response.json({ ok: false, errors: fieldErrors(parsed.error), formError: 'errors.form' } satisfies ActionData, { status: 400 })
  try {
    await placeAuctionBid(db, clock, { userId: session.user.id, orgId: session.org.id, ip: clientIp(request) }, params.id ?? '', parsed.data, auctionLimiter)
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    // Amounts in the message are shown in yuan, as the form takes them.
    const shown = Object.fromEntries(Object.entries(error.params).map(([k, v]) => [k, typeof v === 'number' ? fenToYuanInput(v) : v]))
    return Response.json({ ok: false, errors: error.field ? { [error.field]: error.code as MessageKey } : {}, formError: (error.field ? 'errors.form' : error.code) as MessageKey, params: shown } satisfies ActionData, { status: error.code === 'errors.tooFast' ? 429 : 400 })
  }
  await broadcaster.publish(params.id ?? '')
  return { ok: true, errors: {} } satisfies ActionData
}

export default function AuctionPage() {
  const { id, number, title, status, board, idempotencyKey } = useLoaderData<typeof loader>()
  const data = useActionData<ActionData>()
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
      <AuctionBoard procurementId={id} initial={board} priceError={data?.errors.price} errorParams={data?.params} idempotencyKey={idempotencyKey} />
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
