import './i18n/messages.server'
import { Transform } from 'node:stream'
import type { EntryContext } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { getApp } from './utils/app.server'
import { getTranslator } from './utils/i18n.server'
import { isSameOrigin } from './utils/request.server'
import type { MessageKey } from './i18n'

// Start-up happens when the server loads this build, not on the first request: a bad environment
// variable stops the process at once with one line naming it.
void getApp()

export const streamTimeout = 5_000

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
}

/**
 * React 18's Node renderer encodes into 2048-byte views and, when a multi-byte character (most
 * Chinese text) does not fit at the end of one, flushes the whole view with its unwritten zero
 * bytes (facebook/react#26228, fixed only in React 19). Those NULs land inside the page's text.
 * A view is the only chunk of exactly 2048 bytes, and at most 3 bytes of a character can be left
 * out, so this strips only that.
 */
const VIEW_SIZE = 2048
export function stripViewPadding(chunk: Buffer): Buffer {
  if (chunk.length !== VIEW_SIZE) return chunk
  let end = chunk.length
  while (end > VIEW_SIZE - 3 && chunk[end - 1] === 0) end--
  return end === chunk.length ? chunk : chunk.subarray(0, end)
}

/** Remix refuses a cross-origin action itself (before any route runs); say so in one line, not a stack trace. */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return
  if (error instanceof Error && error.message.includes('does not match `origin` header')) {
    console.warn(`[security] cross-origin ${request.method} ${new URL(request.url).pathname} refused (Origin: ${request.headers.get('origin')})`)
    return
  }
  console.error(error)
}

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS']
/** C0 controls and DEL, raw or percent-encoded: no page's address or query legitimately holds one. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_IN_URL = /[\u0000-\u001f\u007f]|%[01][0-9a-f]|%7f/i

/**
 * The screen app/server.js runs before any route, on the method, address and headers alone:
 * - a cross-site state change (a foreign or `null` Origin, or a foreign Referer) gets 403;
 *   Remix's own guard would abort the action with an empty 500;
 * - a control character in the address or query (`q=%00`) gets 400; PostgreSQL refuses NUL in
 *   text, and no search needs one.
 * Both answer in the user's language, and nothing runs.
 */
export function screenRequest(request: Request): Response | null {
  if (!SAFE_METHODS.includes(request.method) && !isSameOrigin(request)) return refusalPage(request, 403, 'errors.crossSiteTitle', 'errors.crossSiteText')
  const { pathname, search } = new URL(request.url)
  if (CONTROL_IN_URL.test(pathname + search)) return refusalPage(request, 400, 'errors.badRequestTitle', 'errors.controlCharacter')
  return null
}

/**
 * The local payment provider's API (services/payments/local-provider.ts), which app/server.js
 * mounts at /local-provider when no real provider is configured; 404 when one is.
 */
export async function localProvider(request: Request, path: string): Promise<Response> {
  const app = await getApp()
  if (!app.localProvider) return Response.json({ error: { code: 'no_local_provider' } }, { status: 404 })
  return app.localProvider.handle(request, path)
}

function refusalPage(request: Request, status: number, title: MessageKey, text: MessageKey): Response {
  const { locale, t } = getTranslator(request)
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)
  const body = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(t(title))}</title></head><body><main><h1>${escape(t(title))}</h1><p>${escape(t(text))}</p><p><a href="/">${escape(t('errors.backHome'))}</a></p></main></body></html>`
  return new Response(body, { status, headers: { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8' } })
}

export default function handleRequest(request: Request, status: number, headers: Headers, context: EntryContext) {
  const bot = isbot(request.headers.get('user-agent') ?? '')
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value)
  return new Promise((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={context} url={request.url} />, {
      [bot ? 'onAllReady' : 'onShellReady']() {
        shellRendered = true
        const body = new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            callback(null, stripViewPadding(chunk))
          },
        })
        headers.set('content-type', 'text/html; charset=utf-8')
        resolve(new Response(createReadableStreamFromReadable(body), { headers, status }))
        pipe(body)
      },
      onShellError: reject,
      onError(error: unknown) {
        status = 500
        if (shellRendered) console.error(error)
      },
    })
    setTimeout(abort, streamTimeout + 1000)
  })
}
