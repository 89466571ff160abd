import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { CheckedForm } from '~/components/checked-form'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { SpecialtySelect } from '~/components/specialty-select'
import { Field, Select } from '~/components/field'
import { qualificationForm } from '~/forms/office'
import type { ActionReply } from '~/utils/action-reply'
import { intent, runIntents } from '~/utils/action.server'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { useT } from '~/utils/i18n'
import { allSpecialties, ownQualification, resubmitQualification, submitQualification } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['level', 'qual'] }

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

export const action = (args: ActionFunctionArgs) =>
  runIntents(args, {
    permission: 'update:qualification:own',
    upload: 'scan',
    intents: {
      save: intent({
        form: qualificationForm,
        run: async ({ app, actor, request, bytes }, input) => {
          const { existing } = await context(request, args.params.id)
          if (existing) await resubmitQualification(app.db, app.clock, actor, existing.id, input, bytes)
          else await submitQualification(app.db, app.clock, actor, input, bytes)
          return redirect('/agency?submitted=1')
        },
      }),
    },
  })

export default function QualificationForm() {
  const { existing, specialties } = useLoaderData<typeof loader>()
  const data = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
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
      <CheckedForm spec={qualificationForm} id="qualification" intent="save" reply={data} ownFailures encType="multipart/form-data" className="card form">
        {(e, sent) => {
          const v: Partial<Record<string, string>> = data && !data.ok ? sent : existing ? { specialtyCode: existing.specialtyCode, level: String(existing.level), certificateNo: existing.certificateNo, issuer: existing.issuer, validFrom: existing.validFrom, validTo: existing.validTo } : {}
          return (
          <>
        <SpecialtySelect specialties={specialties} defaultValue={v.specialtyCode} error={e.specialtyCode} />
        <Select label="qual.level" name="level" defaultValue={v.level ?? ''} error={e.level}>
          <option value="">{t('errors.choose')}</option>
          {([1, 2, 3] as const).map((l) => (
            <option key={l} value={l}>
              {t(`level.${l}`)}
            </option>
          ))}
        </Select>
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
          </>
          )
        }}
      </CheckedForm>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
