import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { CheckedForm } from '~/components/checked-form'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormError, TextArea } from '~/components/field'
import { announceForm, spotScoreForm } from '~/forms/office'
import type { ActionReply } from '~/utils/action-reply'
import { intent, runIntents } from '~/utils/action.server'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { formatDateTime } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { announceSpotCheck, drawSpotCheck, listSpotChecks, scoreSpotCheck, shanghaiDate, spotCheckDetail } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['spot', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'spot.authorityTitle')

/** An authority's quarterly spot checks: announce one, draw it after its quarter, score what it sampled. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'update:spot-check:scoped')
  const { db, clock } = await getApp()
  const today = shanghaiDate(clock.now())
  const checks = await listSpotChecks(db, { authorityOrgId: session.org.id })
  const details = await Promise.all(checks.map((c) => spotCheckDetail(db, c.check.id)))
  const year = Number(today.slice(0, 4))
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1
  return { checks: details.filter((d) => d !== null), year, quarter }
}

export const action = (args: ActionFunctionArgs) =>
  runIntents(args, {
    permission: 'update:spot-check:scoped',
    intents: {
      announce: intent({ form: announceForm, run: async ({ app, actor }, input) => void (await announceSpotCheck(app.db, app.clock, actor, input)) }),
      draw: intent({
        run: async ({ app, actor, values }) => {
          const drawn = await drawSpotCheck(app.db, app.clock, actor, values.id ?? '')
          return { params: { contracts: drawn.contracts, sample: drawn.sample } }
        },
      }),
      score: intent({ form: spotScoreForm, run: async ({ app, actor, values }, input) => void (await scoreSpotCheck(app.db, app.clock, actor, values.spotCheckId ?? '', input)) }),
    },
  })

export default function AuthoritySpotChecks() {
  const { checks, year, quarter } = useLoaderData<typeof loader>()
  const reply = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const locale = useLocale()
  return (
    <div className="page">
      <p className="eyebrow">{t('role.authority')}</p>
      <h1>{t('spot.authorityTitle')}</h1>
      <p className="lead">{t('spot.intro')}</p>
      {reply?.ok ? (
        <p className="alert ok" role="status">
          {reply.intent === 'draw' ? t('spot.drawn', { contracts: Number(reply.params?.contracts ?? 0), sample: Number(reply.params?.sample ?? 0) }) : t(reply.intent === 'score' ? 'spot.scored' : 'spot.announced')}
        </p>
      ) : null}
      {reply && !reply.ok && reply.intent === 'draw' && reply.formError ? <FormError error={reply.formError} /> : null}
      <section className="card" aria-labelledby="announce-title">
        <h2 id="announce-title">{t('spot.announce')}</h2>
        <p className="hint">{t('spot.announceHint')}</p>
        <CheckedForm spec={announceForm} id="announce" intent="announce" reply={reply} ownFailures>
          {(e, v) => (
            <>
              <div className="grid three">
                <Field label="spot.year" name="year" type="number" inputMode="numeric" min={2020} max={2100} required defaultValue={v.year ?? String(year)} error={e.year} />
                <Field label="spot.quarter" name="quarter" type="number" inputMode="numeric" min={1} max={4} required defaultValue={v.quarter ?? String(quarter)} error={e.quarter} />
                <Field label="spot.percent" name="percent" type="number" inputMode="numeric" min={1} max={100} required defaultValue={v.percent ?? '10'} error={e.percent} />
              </div>
              <button type="submit" className="button" disabled={busy}>
                {t('spot.announceButton')}
              </button>
            </>
          )}
        </CheckedForm>
      </section>
      {checks.map((c) => (
        <section key={c.check.id} className="card" aria-labelledby={`check-${c.check.id}`}>
          <h2 id={`check-${c.check.id}`}>{t('spot.period', { year: c.check.year, quarter: c.check.quarter })}</h2>
          <p className="sub">
            {t('spot.percentIs', { percent: c.check.percent })} · <Link to={`/spot-checks/${c.check.id}`}>{t('spot.publicRecord')}</Link>
          </p>
          <p className="sub muted">
            {t('spot.commitment')} <code className="hash">{c.check.commitment}</code>
          </p>
          {c.check.drawnAt ? (
            c.items.length ? (
              <ul className="records">
                {c.items.map((item) => (
                  <li key={item.procurementId}>
                    <strong>{item.title}</strong> <span className="mono sub">{item.number}</span>
                    <div className="sub">{locale === 'en' ? item.agencyEn : item.agencyZh}</div>
                    {item.scoredAt ? (
                      <p className="sub">{t('spot.scoreIs', { score: item.score ?? 0, comment: item.comment ?? '' })}</p>
                    ) : (
                      <CheckedForm spec={spotScoreForm} id={`score-${item.procurementId}`} intent="score" reply={reply} owns={(r) => r.values.procurementId === item.procurementId} ownFailures>
                        {(e, v) => (
                          <>
                            <input type="hidden" name="spotCheckId" value={c.check.id} />
                            <input type="hidden" name="procurementId" value={item.procurementId} />
                            <Field label="spot.score" name="score" type="number" inputMode="numeric" min={0} max={100} required defaultValue={v.score} error={e.score} hint="spot.scoreHint" />
                            <TextArea label="spot.comment" name="comment" rows={2} maxLength={1000} required defaultValue={v.comment} error={e.comment} />
                            <button type="submit" className="button small" disabled={busy}>
                              {t('spot.saveScore')}
                            </button>
                          </>
                        )}
                      </CheckedForm>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('spot.noneFinished')}</p>
            )
          ) : (
            <Form method="post">
              <input type="hidden" name="id" value={c.check.id} />
              <p className="hint">{t('spot.drawHint', { at: formatDateTime(c.check.announcedAt, locale) })}</p>
              <button type="submit" name="intent" value="draw" className="button" disabled={busy}>
                {t('spot.drawButton')}
              </button>
            </Form>
          )}
        </section>
      ))}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
