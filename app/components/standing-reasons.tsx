import type { MessageKey } from '~/i18n'
import { useLocale, useT } from '~/utils/i18n'

export type StandingReasonView = { reason: { code: string; specialty?: unknown } }
type Names = Record<string, { nameZh: string; nameEn: string }>

/** Why a party may not win (services/bids/standing.ts), each reason a line in the reader's language. */
export function StandingReasons({ reasons, specialties, className }: { reasons: readonly StandingReasonView[]; specialties: Names; className?: string }) {
  const t = useT()
  const en = useLocale() === 'en'
  const name = (code: unknown) => (typeof code === 'string' ? (specialties[code] ? (en ? specialties[code]!.nameEn : specialties[code]!.nameZh) : code) : '')
  return (
    <ul className={className}>
      {reasons.map(({ reason }) => (
        <li key={JSON.stringify(reason)}>{t(`elig.${reason.code}` as MessageKey, { specialty: name(reason.specialty), item: '' })}</li>
      ))}
    </ul>
  )
}
