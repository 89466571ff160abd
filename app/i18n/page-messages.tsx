import { useMatches } from '@remix-run/react'
import { messagesOf, registerMessages, type Locale, type Namespace } from './index'

/** What a route says of its page: the namespaces of the words it shows beyond the frame's. */
export interface PageHandle {
  i18n?: readonly Namespace[]
}

/** The frame's words, on every page: the site's name, menus, footer, roles, and every error. */
export const CORE_NAMESPACES = ['app', 'nav', 'footer', 'lang', 'role', 'errors'] as const satisfies readonly Namespace[]

/** The namespaces a page needs: the frame's and those of every route it is made of. */
export function namespacesOf(matches: ReadonlyArray<{ handle?: unknown }>): string[] {
  const all = new Set<string>(CORE_NAMESPACES)
  for (const match of matches) for (const ns of (match.handle as PageHandle | undefined)?.i18n ?? []) all.add(ns)
  return [...all].sort()
}

const ELEMENT_ID = 'page-messages'

// The browser's side: which namespaces it holds, and those on their way.
const held = new Set<string>()
const loading = new Map<string, Promise<void>>()
let sent = ''

/** Before hydration: takes in the words the server wrote into the page for it. */
export function readPageMessages(locale: Locale) {
  const element = document.getElementById(ELEMENT_ID)
  if (!element) return
  registerMessages(locale, JSON.parse(element.textContent || '{}') as Record<string, string>)
  sent = element.dataset.namespaces ?? ''
  for (const ns of sent.split(',')) if (ns) held.add(ns)
}

function load(locale: Locale, version: string, missing: string[]): Promise<void> {
  const key = missing.join(',')
  let pending = loading.get(key)
  if (!pending) {
    pending = fetch(`/messages/${locale}.json?ns=${encodeURIComponent(key)}&v=${encodeURIComponent(version)}`)
      .then((response) => {
        if (!response.ok) throw new Error(`messages: ${response.status}`)
        return response.json() as Promise<Record<string, string>>
      })
      .then((dictionary) => registerMessages(locale, dictionary))
      // Offline or failing: the page shows its keys rather than never arriving.
      .catch((error: unknown) => console.error(error))
      .finally(() => {
        for (const ns of missing) held.add(ns)
        loading.delete(key)
      })
    loading.set(key, pending)
  }
  return pending
}

/**
 * The page's namespaces. In the browser, a page that needs words it does not hold yet suspends:
 * the navigation is a transition, so the old page stays on screen until they are here (one
 * request, cached for good under the dictionaries' version).
 */
export function usePageMessages(locale: Locale, version: string): string[] {
  const namespaces = namespacesOf(useMatches())
  if (typeof document !== 'undefined') {
    const missing = namespaces.filter((ns) => !held.has(ns))
    if (missing.length > 0) throw load(locale, version, missing)
  }
  return namespaces
}

/** The words as the document carries them, serialized once per language and set of namespaces (they change only with a deploy). */
const serialized = new Map<string, string>()
function messagesJson(locale: Locale, namespaces: string[]) {
  const key = `${locale}|${namespaces.join(',')}`
  let json = serialized.get(key)
  if (json === undefined) serialized.set(key, (json = JSON.stringify(messagesOf(locale, namespaces)).replace(/</g, '\\u003c')))
  return json
}

/**
 * The page's words, written by the server into the document as JSON (no second request before
 * the page comes to life). The browser reads it once and leaves the element as it found it.
 */
export function PageMessages({ locale, namespaces }: { locale: Locale; namespaces: string[] }) {
  const server = typeof document === 'undefined'
  const json = server ? messagesJson(locale, namespaces) : ''
  return <script id={ELEMENT_ID} type="application/json" data-namespaces={server ? namespaces.join(',') : sent} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: json }} />
}
