import { translator, type Locale } from '~/i18n'

const TZ = 'Asia/Shanghai'

/** Integer fen shown in yuan with separators: 1234567 → ¥12,345.67 */
export function formatYuan(fen: number, locale: Locale): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amounts are integer fen, got ${fen}`)
  const yuan = Math.trunc(fen / 100)
  const cents = Math.abs(fen % 100)
  const sign = fen < 0 ? '-' : ''
  const grouped = new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'zh-CN').format(Math.abs(yuan))
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
  const options = { timeZone: 'UTC', day: 'numeric', month: locale === 'en' ? 'short' : 'long', year: 'numeric' } as const
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', options).format(Date.UTC(y!, m! - 1, d!))
}

/** A calendar month ('YYYY-MM') as the language writes it: year and month in words in Chinese, Sept 2026 in English. */
export function formatMonth(month: string, locale: Locale): string {
  const [y, m] = month.split('-').map(Number)
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'UTC', month: locale === 'en' ? 'short' : 'long', year: 'numeric' }).format(Date.UTC(y!, m! - 1, 1))
}

/** A fee guidance range, or null when it is not set. */
export function formatFeeRange(minFen: number | null, maxFen: number | null, locale: Locale): string | null {
  return minFen !== null && maxFen !== null ? `${formatYuan(minFen, locale)} – ${formatYuan(maxFen, locale)}` : null
}
