import { useFieldId } from './error-summary'
import type { MessageKey } from '~/i18n'
import { useLocale, useT } from '~/utils/i18n'

export interface RegionCity {
  code: string
  nameZh: string
  nameEn: string
  districts: Array<{ code: string; nameZh: string; nameEn: string }>
}

/** A district picker grouped by city (GB/T 2260), as sign-up and the profile use it. */
export function RegionSelect({ regions, defaultValue, error }: { regions: RegionCity[]; defaultValue?: string; error?: MessageKey }) {
  const t = useT()
  const en = useLocale() === 'en'
  const id = useFieldId('regionCode')
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{t('auth.region')}</label>
      <select id={id} name="regionCode" required defaultValue={defaultValue ?? ''} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        <option value="">{t('auth.regionPlaceholder')}</option>
        {regions.map((city) => (
          <optgroup key={city.code} label={en ? city.nameEn : city.nameZh}>
            {city.districts.map((d) => (
              <option key={d.code} value={d.code}>
                {en ? `${d.nameEn}, ${city.nameEn}` : `${city.nameZh}${d.nameZh}`}
              </option>
            ))}
          </optgroup>
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
