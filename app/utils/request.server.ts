/** The client's address: the socket's, or the first X-Forwarded-For hop behind a trusted proxy. */
export function clientIp(request: Request): string | null {
  const forwarded = request.headers.get('x-forwarded-for')
  if (forwarded) return forwarded.split(',')[0]!.trim().slice(0, 64)
  return request.headers.get('x-real-ip')?.slice(0, 64) ?? null
}

/**
 * A state-changing request must come from our own pages: its Origin (sent by every current
 * browser on POST) must match the Host. Requests without Origin (curl, old clients) pass; the
 * SameSite=Lax session cookie already keeps cross-site posts anonymous.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin')
  if (!origin || origin === 'null') return origin !== 'null'
  try {
    return new URL(origin).host === (request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? new URL(request.url).host)
  } catch {
    return false
  }
}

/** Only local paths: never a user-supplied redirect to another site. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/home'): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  return to
}

export function userAgent(request: Request): string | null {
  return request.headers.get('user-agent')
}

/** Refuses a cross-site state change before anything is read or written. */
export function assertSameOrigin(request: Request) {
  if (!isSameOrigin(request)) throw new Response('Cross-origin request refused', { status: 403 })
}
