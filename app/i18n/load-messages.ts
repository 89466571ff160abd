import { registerMessages, type Locale } from './index'

/** The page's dictionary, fetched as its own chunk: the browser holds only the language it shows. */
export async function loadMessages(locale: Locale) {
  registerMessages(locale, locale === 'en' ? (await import('./en')).en : (await import('./zh')).zh)
}
