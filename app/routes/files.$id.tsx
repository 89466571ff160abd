import type { LoaderFunctionArgs } from '@remix-run/node'
import { getApp } from '~/utils/app.server'
import { requireSession } from '~/utils/auth.server'
import { isPublicAttachment, mayReadFile, readFile } from '~/utils/services.server'

const EXTENSION: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }

/**
 * A stored document, for those who may see its record (`mayReadFile`), always as a download
 * (never rendered inline, so a crafted file cannot run in our origin). Others get 404, not 403:
 * they learn nothing about which ids exist.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db } = await getApp()
  const file = await readFile(db, params.id ?? '')
  // An announcement's attachments are public once it is published.
  if (!file || !(await isPublicAttachment(db, file))) {
    const session = await requireSession(request)
    if (!file || !(await mayReadFile(db, file, { orgId: session.org.id, kind: session.org.kind }))) throw new Response('Not found', { status: 404 })
  }
  return new Response(file.content as unknown as BodyInit, {
    headers: {
      'content-type': file.mime,
      'content-length': String(file.size),
      // The stored name (cleaned when stored) in RFC 5987 form; the extension always follows the real type.
      'content-disposition': `attachment; filename="${file.id}.${EXTENSION[file.mime] ?? 'bin'}"${file.name ? `; filename*=UTF-8''${encodeURIComponent(file.name.replace(/\.[^.]*$/, ''))}.${EXTENSION[file.mime] ?? 'bin'}` : ''}`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'",
    },
  })
}
