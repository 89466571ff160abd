import { useFieldId } from './error-summary'
import type { MessageKey } from '~/i18n'
import { useLocale, useT } from '~/utils/i18n'

/** The qualification-specialty picker of the qualification and practitioner forms. */
export function SpecialtySelect({ specialties, defaultValue, error }: { specialties: Array<{ code: string; nameZh: string; nameEn: string }>; defaultValue?: string; error?: MessageKey }) {
  const t = useT()
  const en = useLocale() === 'en'
  const id = useFieldId('specialtyCode')
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{t('qual.specialty')}</label>
      <select id={id} name="specialtyCode" defaultValue={defaultValue ?? ''} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        <option value="">{t('errors.choose')}</option>
        {specialties.map((s) => (
          <option key={s.code} value={s.code}>
            {en ? s.nameEn : s.nameZh}
          </option>
        ))}
      </select>
      {error ? (
        <p className="error" id={`${id}-error`}>
          {t(error)}
        </p>
      ) : null}
    </div>
  )
}
