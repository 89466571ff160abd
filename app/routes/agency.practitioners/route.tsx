import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useCheckedForm } from '~/components/checked-form'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ErrorSummary, FormScope } from '~/components/error-summary'
import { Field, FormError } from '~/components/field'
import { SpecialtySelect } from '~/components/specialty-select'
import { practitionerForm } from '~/forms/agency'
import type { ActionReply } from '~/utils/action-reply'
import { intent, runIntents, type ActionContext } from '~/utils/action.server'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { addPractitioner, allSpecialties, DomainError, ownPractitioner, ownPractitioners, removePractitioner, shanghaiDate, updatePractitioner } from '~/utils/services.server'
import { PractitionerList } from './list'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['prac', 'qual', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'prac.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'update:practitioner:own')
  const { db } = await getApp()
  const editId = new URL(request.url).searchParams.get('edit')
  const [rows, specialties, editing] = await Promise.all([ownPractitioners(db, session.org.id), allSpecialties(db), editId ? ownPractitioner(db, session.org.id, editId) : null])
  return { rows, specialties, editing }
}

/** The practitioner named in the form, if it is this agency's. */
async function own({ app, session, values }: ActionContext) {
  const current = await ownPractitioner(app.db, session.org.id, values.id ?? '')
  if (!current) throw new DomainError('errors.notFound')
  return current
}

export const action = (args: ActionFunctionArgs) =>
  runIntents(args, {
    permission: 'update:practitioner:own',
    intents: {
      add: intent({ form: practitionerForm, run: async ({ app, actor }, input) => void (await addPractitioner(app.db, app.clock, actor, input, shanghaiDate(app.clock.now()))) }),
      update: intent({ form: practitionerForm, run: async (ctx, input) => void (await updatePractitioner(ctx.app.db, ctx.app.clock, ctx.actor, (await own(ctx)).id, input, shanghaiDate(ctx.app.clock.now()))) }),
      remove: intent({ run: async ({ app, actor, values }) => void (await removePractitioner(app.db, app.clock, actor, values.id ?? '')) }),
    },
  })

/** What each done intent is called in the page's message. */
const DONE = { add: 'added', update: 'updated', remove: 'removed' } as const

export default function Practitioners() {
  const { specialties, editing } = useLoaderData<typeof loader>()
  const data = useActionData<ActionReply>()
  const done = data?.ok ? DONE[data.intent as keyof typeof DONE] : undefined
  const busy = useNavigation().state === 'submitting'
  const [search] = useSearchParams()
  const t = useT()
  const failed = data && !data.ok && data.intent !== 'remove' ? data : undefined
  const v: Record<string, string> = failed ? failed.values : editing && !done ? { ...editing } : {}
  const e = failed?.errors ?? {}
  const mode = (failed ? failed.intent : editing && !done ? 'update' : 'add') === 'update' ? 'update' : 'add'
  const checked = useCheckedForm(practitionerForm, { id: 'practitioner', reply: failed, intent: mode })
  const errors = checked.inBrowser ? checked.errors : e
  return (
    <div className="page">
      <p className="eyebrow">{t('role.agency')}</p>
      <h1>{t('prac.title')}</h1>
      <p className="lead">{t('prac.intro')}</p>
      {done ? <p className="alert ok" role="status">{t(`prac.done.${done}`)}</p> : null}
      {data?.formError && data.intent === 'remove' ? <FormError error={data.formError} /> : null}

      <PractitionerList />

      <section className="card" aria-labelledby="form-title">
        <h2 id="form-title">{t(mode === 'update' ? 'prac.editTitle' : 'prac.addTitle')}</h2>
        <ErrorSummary scope="practitioner" reply={checked.shown} focus={!checked.inBrowser} />
        <FormScope id="practitioner">
        <Form method="post" className="form" {...checked.props} key={`${mode}-${v.id ?? 'new'}-${search.get('edit') ?? ''}-${done ?? ''}`}>
          {mode === 'update' ? <input type="hidden" name="id" value={v.id} /> : null}
          <div className="grid two">
            <Field label="prac.name" name="name" required maxLength={30} autoComplete="off" defaultValue={v.name} error={errors.name} />
            <Field label="prac.idNumber" name="idNumber" required maxLength={18} autoComplete="off" spellCheck={false} className="mono" hint="prac.idHint" defaultValue={v.idNumber} error={errors.idNumber} />
          </div>
          <SpecialtySelect specialties={specialties} defaultValue={v.specialtyCode} error={errors.specialtyCode} />
          <div className="grid two">
            <Field label="prac.certificateNo" name="certificateNo" required maxLength={40} className="mono" defaultValue={v.certificateNo} error={errors.certificateNo} />
            <Field label="prac.validTo" name="validTo" type="date" required defaultValue={v.validTo} error={errors.validTo} />
          </div>
          <button type="submit" name="intent" value={mode} className="button" disabled={busy}>
            {t(mode === 'update' ? 'prac.save' : 'prac.add')}
          </button>{' '}
          {mode === 'update' ? (
            <Link to="/agency/practitioners" className="button secondary">
              {t('prac.cancel')}
            </Link>
          ) : null}
        </Form>
        </FormScope>
      </section>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
