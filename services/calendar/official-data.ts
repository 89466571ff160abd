import chineseDays from 'chinese-days'
import { shiftDays, weekday, type DayKind } from './working-days'

export interface CalendarSeedDay {
  day: string
  kind: DayKind
  nameZh: string
  nameEn: string
  source: 'official' | 'provisional'
}

/** Years for which the State Council's notice is published and shipped by `chinese-days`. */
export const OFFICIAL_YEARS = [2024, 2025, 2026] as const
/** Shipped into the database as provisional, for the market office to confirm or correct. */
export const PROVISIONAL_YEARS = [2027] as const
export { CALENDAR_YEARS } from './years'

function daysOfYear(year: number): string[] {
  const days: string[] = []
  for (let day = `${year}-01-01`; day.startsWith(String(year)); day = shiftDays(day, 1)) days.push(day)
  return days
}

/** The official holidays and make-up workdays of a year, from the `chinese-days` package. */
export function officialYear(year: number): CalendarSeedDay[] {
  const out: CalendarSeedDay[] = []
  for (const day of daysOfYear(year)) {
    const detail = chineseDays.getDayDetail(day)
    const [nameEn, nameZh] = detail.name.split(',')
    if (!nameZh) continue // a plain weekday or weekend
    out.push({ day, kind: detail.work ? 'workday' : 'holiday', nameZh, nameEn: nameEn!, source: 'official' })
  }
  return out
}

const lunar = (year: number, monthDay: string) => chineseDays.getSolarDateFromLunar(`${year}-${monthDay}`).date

/**
 * The statutory holidays of 《全国年节及纪念日放假办法》 (2024 revision) for a year whose notice is not
 * out yet. No make-up workdays are invented: only the State Council sets them. A statutory day that
 * falls on a weekend is given back on the next working weekday (Article 6), as the law says.
 */
export function provisionalYear(year: number): CalendarSeedDay[] {
  const springFestival = lunar(year, '01-01')
  const statutory: Array<[string, string, string]> = [
    [`${year}-01-01`, '元旦', "New Year's Day"],
    [shiftDays(springFestival, -1), '春节', 'Spring Festival'],
    [springFestival, '春节', 'Spring Festival'],
    [shiftDays(springFestival, 1), '春节', 'Spring Festival'],
    [shiftDays(springFestival, 2), '春节', 'Spring Festival'],
    [chineseDays.getSolarTermDate(year, 4, 'pure_brightness'), '清明节', 'Tomb-sweeping Day'],
    [`${year}-05-01`, '劳动节', 'Labour Day'],
    [`${year}-05-02`, '劳动节', 'Labour Day'],
    [lunar(year, '05-05'), '端午节', 'Dragon Boat Festival'],
    [lunar(year, '08-15'), '中秋节', 'Mid-autumn Festival'],
    [`${year}-10-01`, '国庆节', 'National Day'],
    [`${year}-10-02`, '国庆节', 'National Day'],
    [`${year}-10-03`, '国庆节', 'National Day'],
  ]
  const holidays = new Map<string, CalendarSeedDay>()
  for (const [day, nameZh, nameEn] of statutory) {
    holidays.set(day, { day, kind: 'holiday', nameZh, nameEn, source: 'provisional' })
  }
  for (const [day, nameZh, nameEn] of statutory) {
    if (weekday(day) !== 0 && weekday(day) !== 6) continue
    let lieu = shiftDays(day, 1)
    while (weekday(lieu) === 0 || weekday(lieu) === 6 || holidays.has(lieu)) lieu = shiftDays(lieu, 1)
    holidays.set(lieu, { day: lieu, kind: 'holiday', nameZh: `${nameZh}（补假）`, nameEn: `${nameEn} (in lieu)`, source: 'provisional' })
  }
  return [...holidays.values()].sort((a, b) => a.day.localeCompare(b.day))
}

const computed = new Map<number, CalendarSeedDay[]>()
/** `provisionalYear`, computed once per process: it is pure. */
export function computedYear(year: number): CalendarSeedDay[] {
  let days = computed.get(year)
  if (!days) computed.set(year, (days = provisionalYear(year)))
  return days
}

export function shippedCalendar(): CalendarSeedDay[] {
  return [...OFFICIAL_YEARS.flatMap(officialYear), ...PROVISIONAL_YEARS.flatMap(provisionalYear)]
}
