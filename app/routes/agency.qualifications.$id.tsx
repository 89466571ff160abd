import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useId } from 'react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { SpecialtySelect } from '~/components/specialty-select'
import { Field, FormError } from '~/components/field'
import type { MessageKey } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { fieldErrors, formValues, type FieldErrors } from '~/utils/forms'
import { useT } from '~/utils/i18n'
import { assertSameOrigin, clientIp } from '~/utils/request.server'
import { allSpecialties, DomainError, ownQualification, qualificationInputSchema, resubmitQualification, submitQualification } from '~/utils/services.server'
import { readUploadForm } from '~/utils/upload.server'

async function context(request: Request, id: string | undefined) {
  const session = await requirePermission(request, 'update:qualification:own')
  const { db } = await getApp()
  const existing = id === 'new' ? null : await ownQualification(db, session.org.id, id ?? '')
  if (id !== 'new' && !existing) throw new Response('Not found', { status: 404 })
  return { session, existing }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { existing } = await context(request, params.id)
  const { db } = await getApp()
  return { existing, specialties: await allSpecialties(db) }
}

type ActionData = { errors: FieldErrors; values: Record<string, string>; formError?: MessageKey }

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const { session, existing } = await context(request, params.id)
  const { form, bytes, tooLarge } = await readUploadForm(request, 'scan')
  const values = form ? formValues(form) : {}
  const fail = (errors: FieldErrors, status = 400) => Response.json({ errors, values, formError: 'errors.form' } satisfies ActionData, { status })
  if (tooLarge || !form) return fail({ scan: 'errors.fileTooLarge' }, 413)
  const parsed = qualificationInputSchema.safeParse(values)
  if (!parsed.success) return fail(fieldErrors(parsed.error))
  const { db, clock } = await getApp()
  const actor = { userId: session.user.id, orgId: session.org.id, ip: clientIp(request) }
  try {
    if (existing) await resubmitQualification(db, clock, actor, existing.id, parsed.data, bytes)
    else await submitQualification(db, clock, actor, parsed.data, bytes)
  } catch (error) {
    if (error instanceof DomainError) return fail(error.field ? { [error.field]: error.code as MessageKey } : {}, error.field ? 400 : 409)
    throw error
  }
  return redirect('/agency?submitted=1')
}

export default function QualificationForm() {
  const { existing, specialties } = useLoaderData<typeof loader>()
  const data = useActionData<ActionData>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const v = data?.values ?? (existing ? { ...existing, level: String(existing.level) } : {})
  const e = data?.errors ?? {}
  const ids = { level: useId() }
  return (
    <div className="page narrow">
      <p className="eyebrow">{t('role.agency')}</p>
      <h1>{t(existing ? 'qual.editTitle' : 'qual.newTitle')}</h1>
      <p className="lead">{t('qual.intro')}</p>
      {existing?.reviewReason ? (
        <p className="alert warn">
          {t('qual.reason')}: {existing.reviewReason}
        </p>
      ) : null}
      <FormError error={data?.formError} />
      <Form method="post" encType="multipart/form-data" className="card form" noValidate>
        <SpecialtySelect specialties={specialties} defaultValue={v.specialtyCode} error={e.specialtyCode} />
        <div className={`field${e.level ? ' has-error' : ''}`}>
          <label htmlFor={ids.level}>{t('qual.level')}</label>
          <select id={ids.level} name="level" defaultValue={v.level ?? ''}>
            <option value="">{t('errors.choose')}</option>
            {([1, 2, 3] as const).map((l) => (
              <option key={l} value={l}>
                {t(`level.${l}`)}
              </option>
            ))}
          </select>
          {e.level ? <p className="error">{t(e.level)}</p> : null}
        </div>
        <Field label="qual.certificateNo" name="certificateNo" required maxLength={40} className="mono" defaultValue={v.certificateNo} error={e.certificateNo} />
        <Field label="qual.issuer" name="issuer" required maxLength={80} defaultValue={v.issuer} error={e.issuer} />
        <div className="grid two">
          <Field label="qual.validFrom" name="validFrom" type="date" required defaultValue={v.validFrom} error={e.validFrom} />
          <Field label="qual.validTo" name="validTo" type="date" required defaultValue={v.validTo} error={e.validTo} />
        </div>
        <Field label="qual.scan" name="scan" type="file" accept="application/pdf,image/jpeg,image/png" required={!existing} hint={existing ? 'qual.scanKeep' : undefined} error={e.scan} />
        <button type="submit" className="button" disabled={busy}>
          {t('qual.submit')}
        </button>
      </Form>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
