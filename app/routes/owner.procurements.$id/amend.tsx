import { Form, useLoaderData, useNavigation } from '@remix-run/react'
import { useId } from 'react'
import { ErrorSummary, FormScope } from '~/components/error-summary'
import { Field } from '~/components/field'
import { AmendMethodFields, RequirementFields } from '~/components/procurement-fields'
import { useT } from '~/utils/i18n'
import { fenToYuanInput } from '../../../services/shared/money'
import { useIntentReply } from './reply'
import type { loader } from './route'

/** An amendment: key terms changed while bidding is open, with a reason; standing bids must be confirmed again. */
export function AmendSection() {
  const { announcement, specialties } = useLoaderData<typeof loader>()
  const { data, errorsOf, valuesOf } = useIntentReply()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const { p } = announcement
  const sent = valuesOf('amend')
  const errors = errorsOf('amend')
  const specialtyList = Object.entries(specialties).map(([code, names]) => ({ code, ...names }))
  // The requirement as it stands, or as the owner last sent it when the amendment came back with errors.
  const amendValues =
    sent.reason !== undefined
      ? { ...sent, requirementSpecialties: sent.requirementSpecialties ? sent.requirementSpecialties.split(',') : [] }
      : { requirementSpecialties: p.requirement?.specialties ?? [], requirementMode: p.requirement?.mode ?? 'any', minLevel: String(p.requirement?.minLevel ?? 3), practitionersRequired: p.practitionersRequired ? 'on' : undefined }
  return (
    <details className="card" open={data?.intent === 'amend' && !data.ok}>
      <summary>
        <h2 className="inline-heading">{t('own.amendTitle')}</h2>
      </summary>
      <p className="hint">{t('own.amendHint')}</p>
      <ErrorSummary scope="amend" reply={data?.intent === 'amend' ? data : undefined} />
      <FormScope id="amend">
      <Form method="post" className="form" noValidate>
        <div className="grid two">
          <Field label="proc.maxPrice" name="maxPrice" inputMode="decimal" required defaultValue={sent.maxPrice ?? fenToYuanInput(p.maxPriceFen)} error={errors.maxPrice} />
          <Field label="proc.floorPrice" name="floorPrice" inputMode="decimal" defaultValue={sent.floorPrice ?? (p.floorPriceFen === null ? '' : fenToYuanInput(p.floorPriceFen))} error={errors.floorPrice} />
        </div>
        <Field label="proc.expectedDays" name="expectedDays" type="number" min={1} max={250} required defaultValue={sent.expectedDays ?? String(p.expectedDays)} error={errors.expectedDays} />
        <AmendMethodFields method={p.method} minStepFen={p.minStepFen} values={sent} errors={errors} />
        <RequirementFields specialties={specialtyList} values={amendValues} error={errors.requirementSpecialties} />
        <Field label="own.amendReason" name="reason" required maxLength={500} defaultValue={sent.reason} error={errors.reason} />
        <button type="submit" name="intent" value="amend" className="button secondary" disabled={busy}>
          {t('own.amend')}
        </button>
      </Form>
      </FormScope>
    </details>
  )
}

/** Cancellation: the owner stops the procurement, with a reason the announcement shows. */
export function CancelSection() {
  const { data, errorsOf, valuesOf } = useIntentReply()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const id = useId()
  const error = errorsOf('cancel').reason
  return (
    <details className="card danger-zone" open={data?.intent === 'cancel' && !data.ok}>
      <summary>
        <h2 className="inline-heading">{t('own.cancelTitle')}</h2>
      </summary>
      <Form method="post" className="form" noValidate>
        <div className={`field${error ? ' has-error' : ''}`}>
          <label htmlFor={id}>{t('own.cancelReason')}</label>
          <textarea id={id} name="reason" rows={3} maxLength={500} defaultValue={valuesOf('cancel').reason} aria-invalid={error ? true : undefined} />
          {error ? <p className="error">{t(error)}</p> : null}
        </div>
        <button type="submit" name="intent" value="cancel" className="button danger" disabled={busy}>
          {t('own.cancel')}
        </button>
      </Form>
    </details>
  )
}
