import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { SpecialtySelect } from '~/components/specialty-select'
import { Field, FormError, TableWrap } from '~/components/field'
import type { MessageKey } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { formatDay } from '~/utils/format'
import { fieldErrors, formValues, type FieldErrors } from '~/utils/forms'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { assertSameOrigin, clientIp, readForm } from '~/utils/request.server'
import {
  addPractitioner,
  allSpecialties,
  DomainError,
  ownPractitioner,
  ownPractitioners,
  practitionerInputSchema,
  removePractitioner,
  shanghaiDate,
  updatePractitioner,
} from '~/utils/services.server'

export const meta: MetaFunction = ({ matches }) => title(matches, 'prac.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'update:practitioner:own')
  const { db } = await getApp()
  const editId = new URL(request.url).searchParams.get('edit')
  const [rows, specialties, editing] = await Promise.all([ownPractitioners(db, session.org.id), allSpecialties(db), editId ? ownPractitioner(db, session.org.id, editId) : null])
  return { rows, specialties, editing }
}

type ActionData = { intent: string; errors: FieldErrors; values: Record<string, string>; formError?: MessageKey; done?: 'added' | 'updated' | 'removed' }

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const session = await requirePermission(request, 'update:practitioner:own')
  const { db, clock } = await getApp()
  const values = formValues(await readForm(request))
  const intent = values.intent ?? ''
  const actor = { userId: session.user.id, orgId: session.org.id, ip: clientIp(request) }
  const today = shanghaiDate(clock.now())
  const fail = (errors: FieldErrors, formError: MessageKey = 'errors.form') => Response.json({ intent, errors, values, formError } satisfies ActionData, { status: 400 })
  try {
    if (intent === 'remove') {
      await removePractitioner(db, clock, actor, values.id ?? '')
      return { intent, errors: {}, values: {}, done: 'removed' } satisfies ActionData
    }
    const parsed = practitionerInputSchema.safeParse(values)
    if (!parsed.success) return fail(fieldErrors(parsed.error))
    if (intent === 'update') {
      const current = await ownPractitioner(db, session.org.id, values.id ?? '')
      if (!current) return fail({}, 'errors.notFound')
      await updatePractitioner(db, clock, actor, current.id, parsed.data, today)
      return { intent, errors: {}, values: {}, done: 'updated' } satisfies ActionData
    }
    await addPractitioner(db, clock, actor, parsed.data, today)
    return { intent, errors: {}, values: {}, done: 'added' } satisfies ActionData
  } catch (error) {
    if (error instanceof DomainError) return fail(error.field ? { [error.field]: error.code as MessageKey } : {}, error.field ? 'errors.form' : (error.code as MessageKey))
    throw error
  }
}

export default function Practitioners() {
  const { rows, specialties, editing } = useLoaderData<typeof loader>()
  const data = useActionData<ActionData>()
  const busy = useNavigation().state === 'submitting'
  const [search] = useSearchParams()
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const failed = data?.formError && data.intent !== 'remove'
  const v: Record<string, string> = failed ? data.values : editing && !data?.done ? { ...editing } : {}
  const e = failed ? data.errors : {}
  const mode = (failed ? data.intent : editing && !data?.done ? 'update' : 'add') === 'update' ? 'update' : 'add'
  return (
    <div className="page">
      <p className="eyebrow">{t('role.agency')}</p>
      <h1>{t('prac.title')}</h1>
      <p className="lead">{t('prac.intro')}</p>
      {data?.done ? <p className="alert ok" role="status">{t(`prac.done.${data.done}`)}</p> : null}
      {data?.formError && data.intent === 'remove' ? <FormError error={data.formError} /> : null}

      <section className="card" aria-labelledby="list-title">
        <h2 id="list-title">{t('prac.list', { n: rows.length })}</h2>
        {rows.length ? (
          <TableWrap label={t('prac.title')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('prac.name')}</th>
                  <th scope="col">{t('prac.idNumber')}</th>
                  <th scope="col">{t('qual.specialty')}</th>
                  <th scope="col">{t('prac.certificateNo')}</th>
                  <th scope="col">{t('prac.validTo')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('prac.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((p) => (
                  <tr key={p.id}>
                    <td>{p.name}</td>
                    <td className="mono">{p.idNumber}</td>
                    <td>{en ? p.specialtyEn : p.specialtyZh}</td>
                    <td className="mono">{p.certificateNo}</td>
                    <td>{formatDay(p.validTo, locale)}</td>
                    <td className="actions">
                      <Link to={`?edit=${p.id}`} aria-label={t('prac.editOne', { name: p.name })}>
                        {t('prac.edit')}
                      </Link>
                      <Form method="post">
                        <input type="hidden" name="id" value={p.id} />
                        <button type="submit" name="intent" value="remove" className="link-button" aria-label={t('prac.removeOne', { name: p.name })}>
                          {t('prac.remove')}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p className="muted">{t('prac.none')}</p>
        )}
        <p className="hint">{t('prac.privacy')}</p>
      </section>

      <section className="card" aria-labelledby="form-title">
        <h2 id="form-title">{t(mode === 'update' ? 'prac.editTitle' : 'prac.addTitle')}</h2>
        {failed ? <FormError error={data.formError} /> : null}
        <Form method="post" className="form" noValidate key={`${mode}-${v.id ?? 'new'}-${search.get('edit') ?? ''}-${data?.done ?? ''}`}>
          {mode === 'update' ? <input type="hidden" name="id" value={v.id} /> : null}
          <div className="grid two">
            <Field label="prac.name" name="name" required maxLength={30} autoComplete="off" defaultValue={v.name} error={e.name} />
            <Field label="prac.idNumber" name="idNumber" required maxLength={18} autoComplete="off" spellCheck={false} className="mono" hint="prac.idHint" defaultValue={v.idNumber} error={e.idNumber} />
          </div>
          <SpecialtySelect specialties={specialties} defaultValue={v.specialtyCode} error={e.specialtyCode} />
          <div className="grid two">
            <Field label="prac.certificateNo" name="certificateNo" required maxLength={40} className="mono" defaultValue={v.certificateNo} error={e.certificateNo} />
            <Field label="prac.validTo" name="validTo" type="date" required defaultValue={v.validTo} error={e.validTo} />
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
      </section>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
