import { data } from '@remix-run/node'
import type { MessageKey } from '~/i18n'

/**
 * The client's address, as app/server.js sets it (the socket's, or behind a trusted proxy its
 * first X-Forwarded-For hop, after dropping whatever the client sent in these headers). Without
 * that server (remix dev) there is none.
 */
export function clientIp(request: Request): string | null {
  return request.headers.get('x-real-ip')?.slice(0, 64) ?? null
}

/**
 * A state-changing request must come from our own pages: its Origin (sent by every current
 * browser on POST) must match the Host; without an Origin, a Referer must not name another site
 * (an old client that sends neither passes: the SameSite=Lax session cookie keeps cross-site
 * posts anonymous). `Origin: null` (sandboxed frames, data: URLs, some redirects) is refused.
 */
export function isSameOrigin(request: Request): boolean {
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? new URL(request.url).host
  const origin = request.headers.get('origin')
  if (origin !== null) return hostOf(origin) === host
  const referer = request.headers.get('referer')
  return referer === null || hostOf(referer) === host
}

function hostOf(url: string): string | null {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.host : null
  } catch {
    return null
  }
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_IN_PATH = /[\u0000-\u001f\u007f\\]/
const SITE = 'http://zjcs.invalid'

/**
 * Only same-site paths: never a user-supplied redirect to another site. Browsers drop tabs and
 * newlines from URLs and read a backslash as a slash, so `/\t/evil.example`, `/\\evil.example` and
 * their percent-encoded forms would leave the site: anything with a control character or a
 * backslash, raw or encoded, or whose path begins with two slashes, gets the fallback.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/home'): string {
  if (typeof to !== 'string' || to.length > 2048 || !to.startsWith('/') || UNSAFE_IN_PATH.test(to)) return fallback
  let decoded: string
  try {
    decoded = decodeURIComponent(to)
  } catch {
    return fallback
  }
  if (UNSAFE_IN_PATH.test(decoded) || decoded.startsWith('//')) return fallback
  const url = new URL(to, SITE)
  if (url.origin !== SITE || url.pathname.startsWith('//')) return fallback
  return url.pathname + url.search + url.hash
}

export function userAgent(request: Request): string | null {
  return request.headers.get('user-agent')
}

/** Refuses a cross-site state change before anything is read or written. */
export function assertSameOrigin(request: Request) {
  if (!isSameOrigin(request)) throw Response.json({ message: 'errors.crossSiteText' }, { status: 403 })
}

/** A 400 whose page says what was wrong, in the user's language (the error boundary reads `message`). */
export function badRequest(message: MessageKey): Response {
  return Response.json({ message }, { status: 400 })
}

/** C0 control characters other than tab, LF and CR (which text areas send), and DEL: PostgreSQL refuses NUL in text. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

/** Throws a 400 when a submitted or queried value holds a control character. */
export function assertPlainText(values: Iterable<[string, FormDataEntryValue]>) {
  for (const [key, value] of values) if (CONTROL.test(key) || (typeof value === 'string' && CONTROL.test(value))) throw badRequest('errors.controlCharacter')
}

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data']

/**
 * The body of a form post. Anything else (JSON, plain text, a broken multipart body) gets a 400
 * that says so, and so does a value with a control character: nothing is read into the domain.
 */
export async function readForm(request: Request): Promise<FormData> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (!FORM_TYPES.includes(type)) throw badRequest('errors.notAForm')
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    throw badRequest('errors.notAForm')
  }
  assertPlainText(form)
  return form
}


/** A loader's data with another status (a GET form's field errors: 400), typed as the data itself. */
export function withStatus<T>(value: T, status: number): T {
  return status === 200 ? value : (data(value, { status }) as unknown as T)
}
