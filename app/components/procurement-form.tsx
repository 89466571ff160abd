import { Form, useNavigation } from '@remix-run/react'
import { useEffect, useId, useState } from 'react'
import type { MessageKey } from '~/i18n'
import type { FieldErrors } from '~/utils/forms'
import { useLocale, useT } from '~/utils/i18n'
import { AVAILABLE_METHODS as METHODS } from '../../services/selection/methods/names'
import { Field, FormError } from './field'
import { fenToYuanInput } from '../../services/shared/money'

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


function ErrorText({ id, error }: { id: string; error?: MessageKey }) {
  const t = useT()
  return error ? (
    <p className="error" id={id}>
      {t(error)}
    </p>
  ) : null
}

/**
 * The owner's procurement form, for a new draft and for editing one. Works without JavaScript;
 * with it, the fields of the chosen method show alone.
 */
export function ProcurementForm({
  catalog,
  specialties,
  values,
  errors,
  formError,
  minDays,
  thresholdYuan,
  submitLabel,
}: {
  catalog: CatalogForForm[]
  specialties: Array<{ code: string; nameZh: string; nameEn: string }>
  values: ProcurementFormValues
  errors: FieldErrors
  formError?: MessageKey
  minDays: Record<string, number>
  thresholdYuan: string
  submitLabel: MessageKey
}) {
  const t = useT()
  const en = useLocale() === 'en'
  const busy = useNavigation().state === 'submitting'
  const ids = { items: useId(), method: useId(), description: useId(), funding: useId() }
  const str = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined)
  const [method, setMethod] = useState(str('method') ?? 'random_draw')
  // Without JavaScript every method's fields show; once hydrated, only the chosen method's.
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  const hide = (m: string) => (hydrated && method !== m ? true : undefined)
  const chosen = new Set(values.itemCodes ?? [])
  const e = errors
  return (
    <Form method="post" className="card form procurement-form" noValidate>
      <FormError error={formError} />
      <fieldset>
        <legend>{t('proc.section.project')}</legend>
        <Field label="proc.projectCode" name="projectCode" required className="mono" spellCheck={false} hint="proc.projectCodeHint" defaultValue={str('projectCode')} error={e.projectCode} />
        <Field label="proc.projectName" name="projectName" required maxLength={100} defaultValue={str('projectName')} error={e.projectName} />
        <Field label="proc.title" name="title" required maxLength={100} defaultValue={str('title')} error={e.title} />
        <div className={`field${e.description ? ' has-error' : ''}`}>
          <label htmlFor={ids.description}>{t('proc.description')}</label>
          <textarea id={ids.description} name="description" rows={4} maxLength={2000} defaultValue={str('description')} />
          <ErrorText id={`${ids.description}-e`} error={e.description} />
        </div>
      </fieldset>

      <fieldset className={e.itemCodes ? 'has-error' : undefined} aria-describedby={e.itemCodes ? `${ids.items}-e` : undefined}>
        <legend>{t('proc.section.items')}</legend>
        <p className="hint">{t('proc.itemsHint')}</p>
        <ErrorText id={`${ids.items}-e`} error={e.itemCodes} />
        <div className="item-picker">
          {catalog.map((c) => (
            <details key={c.code} open={c.items.some((i) => chosen.has(i.code))}>
              <summary>
                <span className="tile-code">{c.code}</span> {en ? c.nameEn : c.nameZh}
              </summary>
              {c.items.map((i) => (
                <label key={i.code} className="choice block">
                  <input type="checkbox" name="itemCodes" value={i.code} defaultChecked={chosen.has(i.code)} /> <span className="mono">{i.code}</span> {en ? i.nameEn : i.nameZh}{' '}
                  <span className="muted">({t('catalog.days', { n: i.standardDays })})</span>
                </label>
              ))}
            </details>
          ))}
        </div>
        <label className="choice">
          <input type="checkbox" name="consortiumAllowed" defaultChecked={str('consortiumAllowed') === 'on'} /> {t('proc.consortiumAllowed')}
        </label>
      </fieldset>

      <fieldset>
        <legend>{t('proc.section.terms')}</legend>
        <div className="grid two">
          <Field label="proc.maxPrice" name="maxPrice" required inputMode="decimal" defaultValue={str('maxPrice')} error={e.maxPrice} />
          <Field label="proc.floorPrice" name="floorPrice" inputMode="decimal" hint="proc.floorPriceHint" defaultValue={str('floorPrice')} error={e.floorPrice} />
        </div>
        <Field label="proc.expectedDays" name="expectedDays" required type="number" min={1} max={250} defaultValue={str('expectedDays')} error={e.expectedDays} />
        <fieldset className={`choices${e.fundingSource ? ' has-error' : ''}`} aria-describedby={e.fundingSource ? `${ids.funding}-e` : undefined}>
          <legend>{t('proc.fundingSource')}</legend>
          {(['public', 'private'] as const).map((f) => (
            <label key={f} className="choice">
              <input type="radio" name="fundingSource" value={f} defaultChecked={(str('fundingSource') ?? 'public') === f} /> {t(`proc.funding.${f}`)}
            </label>
          ))}
          <ErrorText id={`${ids.funding}-e`} error={e.fundingSource} />
        </fieldset>
      </fieldset>

      <RequirementFields specialties={specialties} values={values} error={e.requirementSpecialties} />

      <fieldset>
        <legend>{t('proc.section.method')}</legend>
        <div className={`field${e.method ? ' has-error' : ''}`}>
          <label htmlFor={ids.method}>{t('proc.method')}</label>
          <select id={ids.method} name="method" value={method} onChange={(ev) => setMethod(ev.target.value)} aria-describedby={`${ids.method}-h`}>
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`method.${m}`)}
              </option>
            ))}
          </select>
          <p className="hint" id={`${ids.method}-h`}>
            {t(`method.${method as (typeof METHODS)[number]}.about`)}
          </p>
          <ErrorText id={`${ids.method}-e`} error={e.method} />
        </div>
        <Field
          label="proc.announcementDays"
          name="announcementDays"
          required
          type="number"
          min={1}
          max={30}
          defaultValue={str('announcementDays') ?? String(minDays[method] ?? 3)}
          hint="proc.announcementHint"
          error={e.announcementDays}
        />
        <p className="hint">{t('proc.minDaysFor', { n: minDays[method] ?? 1 })}</p>
        <div className="method-fields" data-method="direct" hidden={hide('direct')}>
          <Field label="proc.directAgencyUscc" name="directAgencyUscc" className="mono" maxLength={18} spellCheck={false} hint="proc.directAgencyHint" defaultValue={str('directAgencyUscc')} error={e.directAgencyUscc} />
          <Field label="proc.directReason" name="directReason" maxLength={500} defaultValue={str('directReason')} error={e.directReason} />
          <p className="hint">{t('proc.directThreshold', { amount: thresholdYuan })}</p>
        </div>
        <div className="method-fields" data-method="reverse_auction" hidden={hide('reverse_auction')}>
          <Field label="proc.minStep" name="minStep" inputMode="decimal" defaultValue={str('minStep')} error={e.minStep} />
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('proc.section.contact')}</legend>
        <div className="grid two">
          <Field label="auth.contactName" name="contactName" required maxLength={40} defaultValue={str('contactName')} error={e.contactName} />
          <Field label="auth.contactPhone" name="contactPhone" required type="tel" defaultValue={str('contactPhone')} error={e.contactPhone} />
        </div>
      </fieldset>
      <button type="submit" className="button" disabled={busy}>
        {t(submitLabel)}
      </button>
    </Form>
  )
}

/**
 * The qualification requirement: specialties, any-of or all-of, the minimum level, and whether
 * practitioners must be named. Used by the posting form and by the amendment of key terms.
 */
export function RequirementFields({ specialties, values, error }: { specialties: Array<{ code: string; nameZh: string; nameEn: string }>; values: ProcurementFormValues; error?: MessageKey }) {
  const t = useT()
  const en = useLocale() === 'en'
  const ids = { minLevel: useId(), req: useId() }
  const str = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined)
  const required = new Set(values.requirementSpecialties ?? [])
  return (
    <fieldset aria-describedby={error ? `${ids.req}-e` : undefined}>
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
  const id = useId()
  const [chosen, setChosen] = useState(values.method ?? method)
  // Without JavaScript the step shows whatever the choice; once hydrated, only for an auction.
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  if (method === 'direct') return null
  return (
    <div className="grid two">
      <div className={`field${errors.method ? ' has-error' : ''}`}>
        <label htmlFor={id}>{t('proc.method')}</label>
        <select id={id} name="method" value={chosen} onChange={(ev) => setChosen(ev.target.value)}>
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
    </div>
  )
}
