import type { ActionFunctionArgs } from '@remix-run/node'
import { getApp } from '~/utils/app.server'
import { handleWebhook } from '~/utils/services.server'

/** The largest webhook body read: a provider's event is a few hundred bytes. */
const MAX_BODY = 64 * 1024

/**
 * The payment provider's webhooks: signed, checked and applied once (services/payments/webhooks.ts).
 * Not a page: the provider reads the status (400 for a bad signature, a stale one or an unreadable
 * event; 200 once it is ours, a duplicate included) and the JSON beside it.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST') return Response.json({ error: 'POST only' }, { status: 405, headers: { allow: 'POST' } })
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY) return Response.json({ error: 'too large' }, { status: 413 })
  const raw = await request.text()
  if (raw.length > MAX_BODY) return Response.json({ error: 'too large' }, { status: 413 })
  const app = await getApp()
  const reply = await handleWebhook(app.db, app.clock, app.queue, app.webhookSecrets, raw, request.headers.get('provider-signature'))
  return Response.json(reply.body, { status: reply.status, headers: { 'cache-control': 'no-store' } })
}

export function loader() {
  return Response.json({ error: 'POST only' }, { status: 405, headers: { allow: 'POST' } })
}
