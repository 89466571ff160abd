import { translator, type Locale } from '~/i18n'

const TZ = 'Asia/Shanghai'

/**
 * The formatters, made once per language: building an Intl formatter costs about a millisecond's
 * fraction each time, and a list page formats hundreds of dates and amounts (it was a sixth of
 * the server's time rendering /procurements, docs/bench/latest.md).
 */
const once = <T>(make: (locale: Locale) => T) => {
  const made = new Map<Locale, T>()
  return (locale: Locale) => made.get(locale) ?? (made.set(locale, make(locale)), made.get(locale)!)
}
const GROUPED = once((locale) => new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'zh-CN'))
const DAY = once((locale) => new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'UTC', day: 'numeric', month: locale === 'en' ? 'short' : 'long', year: 'numeric' }))
const MONTH = once((locale) => new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'UTC', month: locale === 'en' ? 'short' : 'long', year: 'numeric' }))

/** Integer fen shown in yuan with separators: 1234567 → ¥12,345.67 */
export function formatYuan(fen: number, locale: Locale): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amounts are integer fen, got ${fen}`)
  const yuan = Math.trunc(fen / 100)
  const cents = Math.abs(fen % 100)
  const sign = fen < 0 ? '-' : ''
  const grouped = GROUPED(locale).format(Math.abs(yuan))
  return `${sign}¥${grouped}.${String(cents).padStart(2, '0')}`
}

const SHANGHAI_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' })
const SHANGHAI_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })

/**
 * An instant as people read it, saying that it is Beijing time (UTC+8, no daylight saving since
 * 1991), with the date written as `formatDay` writes it, so each language has one date format
 * (the words are the dictionaries' `time.beijing`).
 */
export function formatDateTime(value: Date | string, locale: Locale): string {
  const instant = new Date(value)
  const day = formatDay(SHANGHAI_DAY.format(instant), locale)
  const time = SHANGHAI_TIME.format(instant)
  return translator(locale)('time.beijing', { day, time })
}

/** The date of an instant in Beijing, as `formatDay` writes it. */
export function formatInstantDay(value: Date | string, locale: Locale): string {
  return formatDay(SHANGHAI_DAY.format(new Date(value)), locale)
}

/** A calendar date ('YYYY-MM-DD', already in Shanghai) in the user's language. */
export function formatDay(day: string, locale: Locale): string {
  const [y, m, d] = day.split('-').map(Number)
  return DAY(locale).format(Date.UTC(y!, m! - 1, d!))
}

/** A calendar month ('YYYY-MM') as the language writes it: year and month in words in Chinese, Sept 2026 in English. */
export function formatMonth(month: string, locale: Locale): string {
  const [y, m] = month.split('-').map(Number)
  return MONTH(locale).format(Date.UTC(y!, m! - 1, 1))
}

/** A fee guidance range, or null when it is not set. */
export function formatFeeRange(minFen: number | null, maxFen: number | null, locale: Locale): string | null {
  return minFen !== null && maxFen !== null ? `${formatYuan(minFen, locale)} – ${formatYuan(maxFen, locale)}` : null
}

/** A district with its city, as each language writes a place: "Gangbei, Guigang" in English, city then district in Chinese. */
export function placeName(p: { regionZh: string; regionEn: string; cityZh: string | null; cityEn: string | null }, locale: Locale): string {
  return locale === 'en' ? `${p.regionEn}${p.cityEn ? `, ${p.cityEn}` : ''}` : `${p.cityZh ?? ''}${p.regionZh}`
}
