import { useEffect, useId, useState } from 'react'
import type { MessageKey } from '~/i18n'
import type { FieldErrors } from '~/utils/forms'
import { useLocale, useT } from '~/utils/i18n'
import { AVAILABLE_METHODS as METHODS, DEFAULT_WEIGHTS, SHORTLIST_DEFAULTS } from '../../services/market/methods'
import { fenToYuanInput } from '../../services/shared/money'
import { useFieldId } from './error-summary'
import { Field } from './field'

export interface CatalogForForm {
  code: string
  nameZh: string
  nameEn: string
  items: Array<{ code: string; nameZh: string; nameEn: string; standardDays: number }>
}

/** What the form shows: a draft's saved terms, or what was sent back with errors. Arrays are lists of codes. */
export interface ProcurementFormValues {
  [field: string]: string | string[] | undefined
  itemCodes?: string[]
  requirementSpecialties?: string[]
}

export function ErrorText({ id, error }: { id: string; error?: MessageKey }) {
  const t = useT()
  return error ? (
    <p className="error" id={id}>
      {t(error)}
    </p>
  ) : null
}

/**
 * The qualification requirement: specialties, any-of or all-of, the minimum level, and whether
 * practitioners must be named. Used by the posting form and by the amendment of key terms.
 */
export function RequirementFields({ specialties, values, error }: { specialties: Array<{ code: string; nameZh: string; nameEn: string }>; values: ProcurementFormValues; error?: MessageKey }) {
  const t = useT()
  const en = useLocale() === 'en'
  const ids = { minLevel: useId(), req: useFieldId('requirementSpecialties') }
  const str = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined)
  const required = new Set(values.requirementSpecialties ?? [])
  return (
    <fieldset id={ids.req} tabIndex={-1} data-invalid={error ? '' : undefined} aria-describedby={error ? `${ids.req}-e` : undefined}>
      <legend>{t('proc.section.requirement')}</legend>
      <p className="hint">{t('proc.requirementHint')}</p>
      <div className="chips-choice">
        {specialties.map((s) => (
          <label key={s.code} className="choice">
            <input type="checkbox" name="requirementSpecialties" value={s.code} defaultChecked={required.has(s.code)} /> {en ? s.nameEn : s.nameZh}
          </label>
        ))}
      </div>
      <ErrorText id={`${ids.req}-e`} error={error} />
      <div className="grid two">
        <fieldset className="choices">
          <legend>{t('proc.requirementMode')}</legend>
          {(['any', 'all'] as const).map((m) => (
            <label key={m} className="choice">
              <input type="radio" name="requirementMode" value={m} defaultChecked={(str('requirementMode') ?? 'any') === m} /> {t(`proc.mode.${m}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={ids.minLevel}>{t('proc.minLevel')}</label>
          <select id={ids.minLevel} name="minLevel" defaultValue={str('minLevel') ?? '3'}>
            {([3, 2, 1] as const).map((l) => (
              <option key={l} value={l}>
                {t(`proc.minLevel.${l}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <label className="choice">
        <input type="checkbox" name="practitionersRequired" defaultChecked={str('practitionersRequired') === 'on'} /> {t('proc.practitionersRequired')}
      </label>
    </fieldset>
  )
}

/**
 * The method in an amendment: any competitive method may replace another (a direct commission
 * stays one), with the auction's minimum step when it becomes an auction.
 */
export function AmendMethodFields({ method, minStepFen, values, errors }: { method: string; minStepFen: number | null; values: Record<string, string>; errors: FieldErrors }) {
  const t = useT()
  const id = useFieldId('method')
  const [chosen, setChosen] = useState(values.method ?? method)
  // Without JavaScript the step shows whatever the choice; once hydrated, only for an auction.
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  if (method === 'direct') return null
  return (
    <div className="grid two">
      <div className={`field${errors.method ? ' has-error' : ''}`}>
        <label htmlFor={id}>{t('proc.method')}</label>
        <select id={id} name="method" value={chosen} onChange={(ev) => setChosen(ev.target.value)} aria-invalid={errors.method ? true : undefined}>
          {METHODS.filter((m) => m !== 'direct').map((m) => (
            <option key={m} value={m}>
              {t(`method.${m}`)}
            </option>
          ))}
        </select>
        <ErrorText id={`${id}-e`} error={errors.method} />
      </div>
      {!hydrated || chosen === 'reverse_auction' ? (
        <Field label="proc.minStep" name="minStep" inputMode="decimal" defaultValue={values.minStep ?? (minStepFen ? fenToYuanInput(minStepFen) : '')} error={errors.minStep} hint="proc.minStepHint" />
      ) : null}
      {!hydrated || chosen === 'scoring' ? <WeightFields values={values} errors={errors} /> : null}
      {!hydrated || chosen === 'credit_shortlist' ? <ShortlistFields values={values} errors={errors} /> : null}
    </div>
  )
}

/** credit shortlist's two sizes: the long list of the best credit scores, and the short list drawn from it. */
export function ShortlistFields({ values, errors }: { values: Record<string, string | undefined>; errors: FieldErrors }) {
  const t = useT()
  return (
    <fieldset className="weights">
      <legend>{t('proc.shortlist')}</legend>
      <p className="hint">{t('proc.shortlistHint')}</p>
      <div className="grid two">
        <Field label="proc.longList" name="longList" type="number" inputMode="numeric" min={3} max={30} defaultValue={values.longList ?? String(SHORTLIST_DEFAULTS.longList)} error={errors.longList} />
        <Field label="proc.shortList" name="shortList" type="number" inputMode="numeric" min={2} max={10} defaultValue={values.shortList ?? String(SHORTLIST_DEFAULTS.shortList)} error={errors.shortList} />
      </div>
    </fieldset>
  )
}

/**
 * scoring's three weights, in percent, summing to 100: published on the announcement, and the
 * price's at least the office's minimum.
 */
export function WeightFields({ values, errors, minPrice }: { values: Record<string, string | undefined>; errors: FieldErrors; minPrice?: number }) {
  const t = useT()
  return (
    <fieldset className="weights">
      <legend>{t('proc.weights')}</legend>
      <p className="hint">{t('proc.weightsHint', { min: minPrice ?? 30 })}</p>
      <div className="grid three">
        <Field label="proc.weightPrice" name="weightPrice" type="number" inputMode="numeric" min={0} max={100} defaultValue={values.weightPrice ?? String(DEFAULT_WEIGHTS.price)} error={errors.weightPrice} />
        <Field label="proc.weightCredit" name="weightCredit" type="number" inputMode="numeric" min={0} max={100} defaultValue={values.weightCredit ?? String(DEFAULT_WEIGHTS.credit)} error={errors.weightCredit} />
        <Field label="proc.weightDays" name="weightDays" type="number" inputMode="numeric" min={0} max={100} defaultValue={values.weightDays ?? String(DEFAULT_WEIGHTS.days)} error={errors.weightDays} />
      </div>
    </fieldset>
  )
}
