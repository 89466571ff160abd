import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormError } from '~/components/field'
import type { ActionReply } from '~/utils/action-reply'
import { intent, runIntents } from '~/utils/action.server'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { formatDateTime } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { admissionOf, COMMITMENT, COMMITMENT_SHA256, shanghaiDate, submitForAdmission } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['admission', 'prac', 'svc', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'admission.title')

/** The agency's admin only: admission is an agency's, and signing binds the organization. */
async function requireAgencyAdmin(request: Request) {
  const session = await requirePermission(request, 'update:organization:own')
  if (session.org.kind !== 'agency') throw new Response('Forbidden', { status: 403 })
  return session
}

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireAgencyAdmin(request)
  const { db, clock } = await getApp()
  const admission = await admissionOf(db, session.org.id, shanghaiDate(clock.now()))
  if (!admission) throw new Response('Not found', { status: 404 })
  return {
    state: admission.state,
    missing: admission.missing,
    current: admission.current,
    submittedAt: admission.submittedAt?.toISOString() ?? null,
    acceptedAt: admission.latest?.acceptedAt.toISOString() ?? null,
    acceptedVersion: admission.latest?.textVersion ?? null,
    commitment: { version: COMMITMENT.version, zh: COMMITMENT.zh, en: COMMITMENT.en, sha256: COMMITMENT_SHA256 },
  }
}

export const action = (args: ActionFunctionArgs) =>
  runIntents(args, {
    permission: 'update:organization:own',
    intents: {
      submit: intent({
        run: async ({ app, actor, session, form }) => {
          if (session.org.kind !== 'agency') throw new Response('Forbidden', { status: 403 })
          await submitForAdmission(app.db, app.clock, actor, { accept: form.get('accept') === 'yes', textSha256: String(form.get('textSha256') ?? '') })
          return redirect('/agency?saved=admission')
        },
      }),
    },
  })

export default function Admission() {
  const { state, missing, current, submittedAt, acceptedAt, acceptedVersion, commitment } = useLoaderData<typeof loader>()
  const data = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const locale = useLocale()
  const paragraphs = locale === 'en' ? commitment.en : commitment.zh
  return (
    <div className="page narrow">
      <p className="eyebrow">{t('role.agency')}</p>
      <h1>{t('admission.title')}</h1>
      <p className="lead">{t('admission.intro')}</p>
      <p>
        {t('admission.state')}: <span className={`badge admission-${state}`}>{t(`admission.state.${state}`)}</span>
      </p>
      {submittedAt ? <p className="muted">{t('admission.submittedAt', { at: formatDateTime(submittedAt, locale) })}</p> : null}

      {state === 'draft' ? (
        <section className="card" aria-labelledby="check-title">
          <h2 id="check-title">{t('admission.checklist')}</h2>
          <ul className="checklist">
            <li className={missing.includes('profile') ? 'todo' : 'done'}>
              {t('admission.needProfile')} {missing.includes('profile') ? <Link to="/profile?back=/agency/admission">{t('admission.fix')}</Link> : <span className="muted">✓</span>}
            </li>
            <li className={missing.includes('qualification') ? 'todo' : 'done'}>
              {t('admission.needQualification')} {missing.includes('qualification') ? <Link to="/agency/qualifications/new">{t('admission.fix')}</Link> : <span className="muted">✓</span>}
            </li>
            <li className="optional">
              {t('admission.suggestServices')} <Link to="/agency/services">{t('svc.nav')}</Link> · <Link to="/agency/practitioners">{t('prac.nav')}</Link>
            </li>
          </ul>
        </section>
      ) : null}

      <section className="card" aria-labelledby="commit-title">
        <h2 id="commit-title">{t('admission.commitment', { version: commitment.version })}</h2>
        <ol className="commitment">
          {paragraphs.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ol>
        {current && acceptedAt ? (
          <p className="alert ok">{t('admission.accepted', { at: formatDateTime(acceptedAt, locale), version: acceptedVersion ?? '' })}</p>
        ) : (
          <>
            {acceptedVersion ? <p className="alert warn">{t('admission.newVersion', { version: acceptedVersion })}</p> : null}
            <FormError error={data?.errors.accept ?? data?.formError} />
            <Form method="post" className="form">
              <input type="hidden" name="textSha256" value={commitment.sha256} />
              <div className="field check">
                <input type="checkbox" id="accept" name="accept" value="yes" required />
                <label htmlFor="accept">{t('admission.accept')}</label>
              </div>
              <button type="submit" className="button" disabled={busy || missing.length > 0}>
                {t(acceptedVersion ? 'admission.recommit' : 'admission.submit')}
              </button>
              {missing.length ? <p className="hint">{t('admission.completeFirst')}</p> : null}
            </Form>
          </>
        )}
      </section>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
