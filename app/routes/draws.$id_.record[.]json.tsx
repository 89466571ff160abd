import type { LoaderFunctionArgs } from '@remix-run/node'
import { getApp } from '~/utils/app.server'
import { drawRecord } from '~/utils/services.server'

/**
 * A published draw record at its stable public address, byte for byte what the verifiers read
 * (`npm run verify-draw -- <this URL>`). A record never changes once written (the table is
 * append-only), so it may be cached for good and read from anywhere.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const { db } = await getApp()
  const found = await drawRecord(db, params.id ?? '')
  if (!found) return new Response('Not found', { status: 404 })
  return new Response(`${JSON.stringify(found.record, null, 2)}\n`, {
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable', 'access-control-allow-origin': '*' },
  })
}
