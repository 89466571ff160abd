import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { CheckedForm } from '~/components/checked-form'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Choices, DefinitionList, FormError, TextArea } from '~/components/field'
import { reviewDecisionForm } from '~/forms/office'
import type { ActionReply } from '~/utils/action-reply'
import { intent, runIntents } from '~/utils/action.server'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { formatDay } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { allowedActions, qualificationForReview, reviewQualification } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['dash', 'level', 'qual', 'qualification', 'review', 'time'] }

async function context(request: Request, id: string | undefined) {
  const session = await requirePermission(request, 'review:qualification:scoped')
  const { db } = await getApp()
  // Out of the authority's categories is as good as absent.
  const found = await qualificationForReview(db, session.org.id, id ?? '')
  if (!found) throw new Response('Not found', { status: 404 })
  return { session, found }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { found } = await context(request, params.id)
  return { ...found, actions: allowedActions('authority', found.qualification.status) }
}

export const action = (args: ActionFunctionArgs) =>
  runIntents(args, {
    permission: 'review:qualification:scoped',
    intents: {
      review: intent({
        form: reviewDecisionForm,
        run: async ({ app, actor, request }, input) => {
          const { found } = await context(request, args.params.id)
          await reviewQualification(app.db, app.clock, actor, found.qualification.id, input.decision, input.reason)
          return redirect('/authority?reviewed=1')
        },
      }),
    },
  })

export default function Review() {
  const { qualification: q, specialtyZh, specialtyEn, agencyZh, agencyEn, agencyUscc, actions } = useLoaderData<typeof loader>()
  const data = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  return (
    <div className="page narrow">
      <p className="eyebrow">{t('role.authority')}</p>
      <h1>{t('review.title')}</h1>
      <FormError error={data?.formError === 'errors.form' ? undefined : data?.formError} />
      <section className="card" aria-label={t('review.title')}>
        <DefinitionList
          items={[
            [t('review.agency'), `${en ? agencyEn : agencyZh} (${agencyUscc})`],
            [t('qual.specialty'), en ? specialtyEn : specialtyZh],
            [t('qual.level'), t(`level.${q.level as 1 | 2 | 3}`)],
            [t('qual.certificateNo'), <span className="mono" key="c">{q.certificateNo}</span>],
            [t('qual.issuer'), q.issuer],
            [t('dash.validity'), `${formatDay(q.validFrom, locale)} – ${formatDay(q.validTo, locale)}`],
            [t('dash.status'), t(`qualification.${q.status}`)],
          ]}
        />
        {q.scanFileId ? (
          <p>
            <a href={`/files/${q.scanFileId}`}>{t('qual.viewScan')}</a>
          </p>
        ) : null}
      </section>
      {actions.length ? (
        <CheckedForm spec={reviewDecisionForm} id="review" intent="review" reply={data} className="card form">
          {(errors, values) => (
            <>
              <Choices name="decision" legend="review.decision" options={actions.map((a) => [a, `review.${a as 'approve'}`])} checked={values.decision} error={errors.decision} />
              <TextArea label="review.reason" name="reason" rows={4} maxLength={500} defaultValue={values.reason} error={errors.reason} />
              <button type="submit" className="button" disabled={busy}>
                {t('review.submit')}
              </button>
            </>
          )}
        </CheckedForm>
      ) : null}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
