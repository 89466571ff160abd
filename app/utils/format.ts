import type { Locale } from '~/i18n'

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

export function formatDateTime(value: Date | string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(value))
}

/** A calendar date ('YYYY-MM-DD', already in Shanghai) in the user's language. */
export function formatDay(day: string, locale: Locale): string {
  const [y, m, d] = day.split('-').map(Number)
  const options = { timeZone: 'UTC', day: 'numeric', month: locale === 'en' ? 'short' : 'long', year: 'numeric' } as const
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', options).format(Date.UTC(y!, m! - 1, d!))
}

/** A fee guidance range, or null when it is not set. */
export function formatFeeRange(minFen: number | null, maxFen: number | null, locale: Locale): string | null {
  return minFen !== null && maxFen !== null ? `${formatYuan(minFen, locale)} – ${formatYuan(maxFen, locale)}` : null
}
