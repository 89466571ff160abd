import type { LoaderFunctionArgs } from '@remix-run/node'
import { getApp } from '~/utils/app.server'
import { requireSession } from '~/utils/auth.server'
import { isParty, readFile } from '~/utils/services.server'

const EXTENSION: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }

/**
 * A stored document, for its own organization, the other party of its procurement and supervisors only, always as a download
 * (never rendered inline, so a crafted file cannot run in our origin). Others get 404, not 403:
 * they learn nothing about which ids exist.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireSession(request)
  const { db } = await getApp()
  const file = await readFile(db, params.id ?? '')
  const supervisor = session.org.kind === 'authority' || session.org.kind === 'market_office'
  // A contract or deliverable is also the other party's to read.
  const party = !!file?.procurementId && (await isParty(db, file.procurementId, session.org.id))
  if (!file || (file.orgId !== session.org.id && !supervisor && !party)) throw new Response('Not found', { status: 404 })
  return new Response(file.content as unknown as BodyInit, {
    headers: {
      'content-type': file.mime,
      'content-length': String(file.size),
      'content-disposition': `attachment; filename="${file.id}.${EXTENSION[file.mime] ?? 'bin'}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'",
    },
  })
}
