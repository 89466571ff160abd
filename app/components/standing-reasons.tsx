import type { MessageKey, Translate } from '~/i18n'
import { formatDay } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'

/** A reason a party may not win (services/bids/standing.ts), as it arrives on a page. */
export interface ReasonView {
  code: string
  specialty?: unknown
  specialties?: unknown
  itemId?: unknown
  have?: unknown
  need?: unknown
  validTo?: unknown
  validFrom?: unknown
}
export type StandingReasonView = { reason: ReasonView }
type Names = Record<string, { nameZh: string; nameEn: string }>

/**
 * One reason in the reader's language, naming what it is about: the item not covered and the
 * specialties that would cover it, the level held and the level needed, the date a qualification
 * ran out or starts. Every page that says why uses this.
 */
export function reasonText(t: Translate, locale: 'zh-CN' | 'en', reason: ReasonView, names: { specialties: Names | ((code: string) => string); items?: Names | ((id: string) => string) }): string {
  const en = locale === 'en'
  const named = (list: Names | ((code: string) => string) | undefined, code: unknown) =>
    typeof code !== 'string' ? '' : typeof list === 'function' ? list(code) : list?.[code] ? (en ? list[code]!.nameEn : list[code]!.nameZh) : code
  const level = (n: unknown) => (n === 1 || n === 2 || n === 3 ? t(`level.${n}`) : '')
  const day = (d: unknown) => (typeof d === 'string' && /^\d{4}-\d\d-\d\d$/.test(d) ? formatDay(d, locale) : '')
  const specialties = Array.isArray(reason.specialties) ? reason.specialties.map((s) => named(names.specialties, s)).join(en ? ', ' : '、') : ''
  // A reason recorded without its item (before items were named) speaks of the items together.
  const key = reason.code === 'itemNotCovered' && !reason.itemId ? 'elig.itemsNotCovered' : `elig.${reason.code}`
  return t(key as MessageKey, {
    specialty: named(names.specialties, reason.specialty),
    specialties,
    item: named(names.items, reason.itemId),
    have: level(reason.have),
    need: level(reason.need),
    validTo: day(reason.validTo),
    validFrom: day(reason.validFrom),
  })
}

/** Why a party may not win, each reason a line in the reader's language. */
export function StandingReasons({ reasons, specialties, items, className }: { reasons: readonly StandingReasonView[]; specialties: Names; items?: Names; className?: string }) {
  const t = useT()
  const locale = useLocale()
  return (
    <ul className={className}>
      {reasons.map(({ reason }) => (
        <li key={JSON.stringify(reason)}>{reasonText(t, locale, reason, { specialties, items })}</li>
      ))}
    </ul>
  )
}
