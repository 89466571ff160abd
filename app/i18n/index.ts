import type { MessageKey } from './zh'

export type { MessageKey }
export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'zh-CN'
export const LANG_COOKIE = 'lang'

export type Messages = Record<MessageKey, string>

/**
 * The dictionaries this side holds: the server both (messages.server.ts), the browser only the
 * page's language (entry.client.tsx loads it before hydrating), so no page ships the other one.
 */
const registered: Partial<Record<Locale, Messages>> = {}

export function registerMessages(locale: Locale, dictionary: Messages) {
  registered[locale] = dictionary
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** Whether a string is one of our message keys (every dictionary has every key). */
export function isMessageKey(value: string): value is MessageKey {
  const any = registered[DEFAULT_LOCALE] ?? registered.en
  return !!any && Object.hasOwn(any, value)
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

export function translator(locale: Locale): Translate {
  const dict = registered[locale] ?? registered[DEFAULT_LOCALE]
  return (key, params) => {
    const text = dict?.[key] ?? key
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
