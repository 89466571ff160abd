import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { CheckedForm } from '~/components/checked-form'
import { Field, TextArea } from '~/components/field'
import { AmendMethodFields, RequirementFields } from '~/components/procurement-fields'
import { useT } from '~/utils/i18n'
import { fenToYuanInput } from '../../../services/shared/money'
import { amendmentForm, cancelForm } from '~/forms/owner'
import type { ActionReply } from '~/utils/action-reply'
import type { loader } from './route'

/** An amendment: key terms changed while bidding is open, with a reason; standing bids must be confirmed again. */
export function AmendSection() {
  const { announcement, specialties } = useLoaderData<typeof loader>()
  const data = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const { p } = announcement
  const specialtyList = Object.entries(specialties).map(([code, names]) => ({ code, ...names }))
  const failed = data?.intent === 'amend' && !data.ok ? data : undefined
  // The requirement as it stands, or as the owner last sent it when the amendment came back with errors.
  const amendValues = (sent: Record<string, string>) =>
    failed
      ? { ...sent, requirementSpecialties: failed.lists?.requirementSpecialties ?? [] }
      : { requirementSpecialties: p.requirement?.specialties ?? [], requirementMode: p.requirement?.mode ?? 'any', minLevel: String(p.requirement?.minLevel ?? 3), practitionersRequired: p.practitionersRequired ? 'on' : undefined }
  return (
    <details className="card" open={data?.intent === 'amend' && !data.ok}>
      <summary>
        <h2 className="inline-heading">{t('own.amendTitle')}</h2>
      </summary>
      <p className="hint">{t('own.amendHint')}</p>
      <CheckedForm spec={amendmentForm} id="amend" intent="amend" reply={data} ownFailures>
        {(errors, sent) => (
          <>
        <div className="grid two">
          <Field label="proc.maxPrice" name="maxPrice" inputMode="decimal" required defaultValue={sent.maxPrice ?? fenToYuanInput(p.maxPriceFen)} error={errors.maxPrice} />
          <Field label="proc.floorPrice" name="floorPrice" inputMode="decimal" defaultValue={sent.floorPrice ?? (p.floorPriceFen === null ? '' : fenToYuanInput(p.floorPriceFen))} error={errors.floorPrice} />
        </div>
        <Field label="proc.expectedDays" name="expectedDays" type="number" min={1} max={250} required defaultValue={sent.expectedDays ?? String(p.expectedDays)} error={errors.expectedDays} />
        <AmendMethodFields method={p.method} minStepFen={p.minStepFen} values={sent} errors={errors} />
        <RequirementFields specialties={specialtyList} values={amendValues(sent)} error={errors.requirementSpecialties} />
        <Field label="own.amendReason" name="reason" required maxLength={500} defaultValue={sent.reason} error={errors.reason} />
        <button type="submit" className="button secondary" disabled={busy}>
          {t('own.amend')}
        </button>
          </>
        )}
      </CheckedForm>
    </details>
  )
}

/** Cancellation: the owner stops the procurement, with a reason the announcement shows. */
export function CancelSection() {
  const data = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  return (
    <details className="card danger-zone" open={data?.intent === 'cancel' && !data.ok}>
      <summary>
        <h2 className="inline-heading">{t('own.cancelTitle')}</h2>
      </summary>
      <CheckedForm spec={cancelForm} id="cancel" intent="cancel" reply={data}>
        {(errors, values) => (
          <>
            <TextArea label="own.cancelReason" name="reason" rows={3} maxLength={500} required defaultValue={values.reason} error={errors.reason} />
            <button type="submit" className="button danger" disabled={busy}>
              {t('own.cancel')}
            </button>
          </>
        )}
      </CheckedForm>
    </details>
  )
}
