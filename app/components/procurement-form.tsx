import { Form, useNavigation } from '@remix-run/react'
import { useEffect, useState } from 'react'
import type { MessageKey } from '~/i18n'
import type { ActionReply } from '~/utils/action-reply'
import { useLocale, useT } from '~/utils/i18n'
import { AVAILABLE_METHODS as METHODS } from '../../services/market/methods'
import { procurementForm } from '~/forms/owner'
import { useCheckedForm } from './checked-form'
import { ErrorSummary, FormScope, useFieldId } from './error-summary'
import { Field } from './field'
import { ErrorText, RequirementFields, ShortlistFields, WeightFields, type CatalogForForm, type ProcurementFormValues } from './procurement-fields'

export { AmendMethodFields, RequirementFields, type CatalogForForm, type ProcurementFormValues } from './procurement-fields'

/** The form's fields by name, as the error summary names them. */
const LABELS: Partial<Record<string, MessageKey>> = {
  projectCode: 'proc.projectCode', projectName: 'proc.projectName', title: 'proc.title', description: 'proc.description', itemCodes: 'proc.section.items',
  maxPrice: 'proc.maxPrice', floorPrice: 'proc.floorPrice', expectedDays: 'proc.expectedDays', fundingSource: 'proc.fundingSource', requirementSpecialties: 'proc.section.requirement',
  method: 'proc.method', announcementDays: 'proc.announcementDays', directAgencyUscc: 'proc.directAgencyUscc', directReason: 'proc.directReason', minStep: 'proc.minStep',
  contactName: 'auth.contactName', contactPhone: 'auth.contactPhone',
}

/**
 * The owner's procurement form, for a new draft and for editing one. Works without JavaScript;
 * with it, the fields of the chosen method show alone.
 */
export function ProcurementForm({
  catalog,
  specialties,
  values,
  reply,
  minDays,
  thresholdYuan,
  minPriceWeight,
  submitLabel,
}: {
  catalog: CatalogForForm[]
  specialties: Array<{ code: string; nameZh: string; nameEn: string }>
  values: ProcurementFormValues
  /** the server's answer to the last submit */
  reply: ActionReply | undefined
  minDays: Record<string, number>
  thresholdYuan: string
  /** Scoring: the office's smallest price weight */
  minPriceWeight: number
  submitLabel: MessageKey
}) {
  const t = useT()
  const en = useLocale() === 'en'
  const busy = useNavigation().state === 'submitting'
  const ids = { items: useFieldId('itemCodes'), method: useFieldId('method'), description: useFieldId('description'), funding: useFieldId('fundingSource') }
  const str = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined)
  const [method, setMethod] = useState(str('method') ?? 'random_draw')
  // Without JavaScript every method's fields show; once hydrated, only the chosen method's.
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  const hide = (m: string) => (hydrated && method !== m ? true : undefined)
  const chosen = new Set(values.itemCodes ?? [])
  // The browser checks with the server's schema before sending; the server checks again, and has the last word.
  const { props, shown, errors: e, inBrowser } = useCheckedForm(procurementForm, { id: 'procurement', reply, intent: 'save' })
  return (
    <FormScope id="procurement">
    <Form method="post" className="card form procurement-form" {...props}>
      <ErrorSummary scope="procurement" reply={shown} labels={LABELS} focus={!inBrowser} />
      <fieldset>
        <legend>{t('proc.section.project')}</legend>
        <Field label="proc.projectCode" name="projectCode" required className="mono" spellCheck={false} hint="proc.projectCodeHint" defaultValue={str('projectCode')} error={e.projectCode} />
        <Field label="proc.projectName" name="projectName" required maxLength={100} defaultValue={str('projectName')} error={e.projectName} />
        <Field label="proc.title" name="title" required maxLength={100} defaultValue={str('title')} error={e.title} />
        <div className={`field${e.description ? ' has-error' : ''}`}>
          <label htmlFor={ids.description}>{t('proc.description')}</label>
          <textarea id={ids.description} name="description" rows={4} maxLength={2000} defaultValue={str('description')} aria-invalid={e.description ? true : undefined} aria-describedby={e.description ? `${ids.description}-e` : undefined} />
          <ErrorText id={`${ids.description}-e`} error={e.description} />
        </div>
      </fieldset>

      <fieldset id={ids.items} tabIndex={-1} data-invalid={e.itemCodes ? '' : undefined} className={e.itemCodes ? 'has-error' : undefined} aria-describedby={e.itemCodes ? `${ids.items}-e` : undefined}>
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
                  <span className="muted">({t('time.days', { n: i.standardDays })})</span>
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
        <fieldset id={ids.funding} tabIndex={-1} data-invalid={e.fundingSource ? '' : undefined} className={`choices${e.fundingSource ? ' has-error' : ''}`} aria-describedby={e.fundingSource ? `${ids.funding}-e` : undefined}>
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
          <select id={ids.method} name="method" value={method} onChange={(ev) => setMethod(ev.target.value)} aria-invalid={e.method ? true : undefined} aria-describedby={`${ids.method}-h`}>
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
        <div className="method-fields" data-method="scoring" hidden={hide('scoring')}>
          <WeightFields values={{ weightPrice: str('weightPrice'), weightCredit: str('weightCredit'), weightDays: str('weightDays') }} errors={e} minPrice={minPriceWeight} />
        </div>
        <div className="method-fields" data-method="credit_shortlist" hidden={hide('credit_shortlist')}>
          <ShortlistFields values={{ longList: str('longList'), shortList: str('shortList') }} errors={e} />
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
    </FormScope>
  )
}
