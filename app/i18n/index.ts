import type { MessageKey } from './zh'

export type { MessageKey }
export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'zh-CN'
export const LANG_COOKIE = 'lang'

export type Messages = Record<MessageKey, string>

type NamespaceOf<K> = K extends `${infer N}.${string}` ? N : never
/** A message key's first segment (`proc` of `proc.status.open`): the unit a page's dictionary is sent in. */
export type Namespace = NamespaceOf<MessageKey>

export function namespaceOf(key: string): string {
  const dot = key.indexOf('.')
  return dot < 0 ? key : key.slice(0, dot)
}

/**
 * The messages this side holds: the server both dictionaries whole (messages.server.ts); the
 * browser only its page's language, and of it only the namespaces its pages have needed so far
 * (app/i18n/page-messages.tsx), so no page ships the other language or the words of other pages.
 */
const registered: Partial<Record<Locale, Partial<Messages>>> = {}

export function registerMessages(locale: Locale, dictionary: Partial<Messages>) {
  Object.assign((registered[locale] ??= {}), dictionary)
  picked.clear()
}

/** The messages of some namespaces, in one language, as the browser is sent them. */
export function messagesOf(locale: Locale, namespaces: Iterable<string>): Partial<Messages> {
  const wanted = [...new Set(namespaces)].sort()
  // The same page asks for the same namespaces on every request: filter the dictionary once per set.
  const key = `${locale}|${wanted.join(',')}`
  const cached = picked.get(key)
  if (cached) return cached
  const set = new Set(wanted)
  const dictionary = registered[locale] ?? {}
  const messages: Partial<Messages> = Object.fromEntries(Object.entries(dictionary).filter(([k]) => set.has(namespaceOf(k))))
  picked.set(key, messages)
  return messages
}
const picked = new Map<string, Partial<Messages>>()

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** Whether a string is one of our message keys (every dictionary has every key). */
export function isMessageKey(value: string): value is MessageKey {
  const any = registered[DEFAULT_LOCALE] ?? registered.en
  return !!any && Object.hasOwn(any, value)
}

/**
 * Keys a browser was asked for but does not hold: a page that forgot a namespace in its
 * `handle.i18n`. The browser journeys read this list on every page and fail on any entry.
 */
function missing(key: string) {
  if (typeof window === 'undefined') return
  const w = window as unknown as { __missingMessages?: string[] }
  ;(w.__missingMessages ??= []).push(key)
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

export function translator(locale: Locale): Translate {
  return (key, params) => {
    const text = (registered[locale] ?? registered[DEFAULT_LOCALE])?.[key]
    if (text === undefined) {
      missing(key)
      return key
    }
    if (!params) return text
    return text
      // {n|day|days}: the singular when n is 1, else the plural (English needs it; Chinese does not).
      .replace(/\{(\w+)\|([^|}]*)\|([^}]*)\}/g, (m, name: string, one: string, other: string) => (name in params ? (Number(params[name]) === 1 ? one : other) : m))
      .replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
  }
}

/**
 * The first supported language in an Accept-Language header, by quality. Any zh-* counts as
 * zh-CN; any en-* as en.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...rest] = part.trim().split(';')
      const q = rest.map((p) => p.trim()).find((p) => p.startsWith('q='))
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q.slice(2)) : 1, index }
    })
    .filter((entry) => entry.tag && Number.isFinite(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN'
    if (tag === 'en' || tag.startsWith('en-')) return 'en'
  }
  return null
}
