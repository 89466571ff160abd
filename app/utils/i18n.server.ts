import { DEFAULT_LOCALE, isLocale, LANG_COOKIE, localeFromAcceptLanguage, translator, type Locale } from '~/i18n'
import { readCookie } from './cookies.server'

/** The remembered choice first, then the browser's languages, then Chinese. */
export function getLocale(request: Request): Locale {
  const chosen = readCookie(request, LANG_COOKIE)
  if (isLocale(chosen)) return chosen
  return localeFromAcceptLanguage(request.headers.get('accept-language')) ?? DEFAULT_LOCALE
}

export function getTranslator(request: Request) {
  const locale = getLocale(request)
  return { locale, t: translator(locale) }
}
