import { PassThrough } from 'node:stream'
import type { EntryContext } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { getApp } from './utils/app.server'

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

export default function handleRequest(request: Request, status: number, headers: Headers, context: EntryContext) {
  const bot = isbot(request.headers.get('user-agent') ?? '')
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value)
  return new Promise((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={context} url={request.url} />, {
      [bot ? 'onAllReady' : 'onShellReady']() {
        shellRendered = true
        const body = new PassThrough()
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
