import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useId } from 'react'
import { fenToYuanInput } from '../../services/shared/money'
import { AfterAward } from '~/components/after-award'
import { OwnerAfterAwardForms } from '~/components/owner-after-award-forms'
import { Announcement, StatusBadge } from '~/components/announcement'
import { StandingReasons } from '~/components/standing-reasons'
import { DirectApprovalPanel } from '~/components/direct-approval'
import { Clarifications } from '~/components/clarifications'
import { ExplanationDecision } from '~/components/selection-forms'
import { AmendMethodFields, RequirementFields } from '~/components/procurement-form'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormError, TableWrap } from '~/components/field'
import type { MessageKey } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { formatDateTime, formatYuan } from '~/utils/format'
import { fieldErrors, formValues, type FieldErrors } from '~/utils/forms'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { loadAfterAward, loadSelection, readActionForm, serializeAnnouncement, specialtyNames } from '~/utils/procurement-form.server'
import { assertSameOrigin, clientIp } from '~/utils/request.server'
import {
  decideExplanation,
  explanationDecisionSchema,
  answerObjection,
  objectionAnswerSchema,
  objectionsOf,
  addAttachment,
  removeAttachment,
  answerQuestion,
  answerSchema,
  openQuestions,
  publicClarifications,
  reannounce,
  contractInputSchema,
  decideDelivery,
  decisionSchema,
  evaluate,
  evaluationSchema,
  uploadContract,
  allowedProcurementActions,
  amendmentSchema,
  amendProcurement,
  bidCountForOwner,
  cancelProcurement,
  DomainError,
  openedBids,
  ownerProcurement,
  publishProcurement,
  attachmentsOf,
  directApprovalOf,
  loadRules,
  needsDirectApproval,
  requestDirectApproval,
  standsFor,
  loadCalendar,
} from '~/utils/services.server'

export const meta: MetaFunction = ({ matches }) => title(matches, 'own.detailTitle')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'read:procurement:own')
  const { db, clock } = await getApp()
  const found = await ownerProcurement(db, session.org.id, params.id ?? '')
  if (!found) throw new Response('Not found', { status: 404 })
  const { p } = found
  // Before opening the owner learns how many bids stand, nothing more; after it, the bids.
  const bidCount = p.status === 'published' ? await bidCountForOwner(db, session.org.id, p.id) : null
  const bids = p.openedAt ? await openedBids(db, p.id) : []
  const [qa, questions] = [await publicClarifications(db, p.id), await openQuestions(db, session.org.id, p.id)]
  const raised = await objectionsOf(db, p.id, { orgId: session.org.id, owner: true })
  const rules = await loadRules(db)
  const asks = p.status === 'draft' && needsDirectApproval(p, rules)
  const approval = asks ? await directApprovalOf(db, p.id) : null
  return {
    directApproval: asks
      ? {
          thresholdFen: rules.directThresholdFen,
          latest: approval ? { decision: approval.decision, requestedAt: approval.requestedAt.toISOString(), decidedAt: approval.decidedAt?.toISOString() ?? null, decisionReason: approval.decisionReason } : null,
          stands: standsFor(approval, p),
        }
      : null,
    selection: await loadSelection(db, p.id, { kind: 'owner' }),
    objections: raised.map((o) => ({ id: o.id, text: o.text, agencyZh: o.agencyZh, agencyEn: o.agencyEn, raisedAt: o.raisedAt.toISOString(), response: o.response })),
    qa: qa.map((c) => ({ id: c.id, question: c.question, answer: c.answer, answeredAt: c.answeredAt?.toISOString() ?? null })),
    questions: questions.map((q) => ({ id: q.id, question: q.question, askedAt: q.askedAt.toISOString() })),
    afterAward: await loadAfterAward(db, p.id),
    now: clock.now().toISOString(),
    announcement: { ...serializeAnnouncement(found, await loadCalendar(db)), attachments: await attachmentsOf(db, found.p.id) },
    specialties: await specialtyNames(db),
    actions: allowedProcurementActions('owner', p.status),
    bidCount,
    bids: bids.map((b) => ({
      id: b.bid.id, agencyZh: b.agencyNameZh, agencyEn: b.agencyNameEn, uscc: b.agencyUscc, priceFen: b.bid.priceFen, committedDays: b.bid.committedDays, status: b.bid.status, submittedAt: b.bid.submittedAt.toISOString(),
      excluded: b.bid.excluded as 'blacklisted' | 'ineligible' | 'consortiumIncomplete' | null,
      excludedReasons: b.bid.excludedReasons ?? [],
      counts: b.bid.status === 'active' && b.bid.termsVersion === p.termsVersion && !b.bid.excluded,
      members: b.members.map((m) => ({ nameZh: m.nameZh, nameEn: m.nameEn, status: m.status })),
    })),
  }
}

type ActionData = { intent: string; errors: FieldErrors; values: Record<string, string>; formError?: MessageKey; params?: Record<string, string | number> }

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const session = await requirePermission(request, 'create:procurement:own')
  const { db, clock, queue, broadcaster } = await getApp()
  const { form, bytes, tooLarge } = await readActionForm(request, 'file')
  const values = form ? formValues(form) : {}
  const intent = values.intent ?? ''
  const actor = { userId: session.user.id, orgId: session.org.id, ip: clientIp(request) }
  const id = params.id ?? ''
  const fail = (errors: FieldErrors, formError: MessageKey = 'errors.form', extra: Record<string, string | number> = {}) => Response.json({ intent, errors, values, formError, params: extra } satisfies ActionData, { status: 400 })
  if (tooLarge || !form) return fail({ file: 'errors.fileTooLarge' })
  try {
    if (intent === 'attach') {
      const file = form.get('file')
      await addAttachment(db, clock, actor, id, bytes, file && typeof file !== 'string' ? file.name : '')
      return { intent, errors: {}, values: {} } satisfies ActionData
    }
    if (intent === 'detach') {
      await removeAttachment(db, clock, actor, id, values.fileId ?? '')
      return { intent, errors: {}, values: {} } satisfies ActionData
    }
    if (intent === 'contract') {
      const parsed = contractInputSchema.safeParse(values)
      if (!parsed.success) return fail(fieldErrors(parsed.error))
      await uploadContract(db, clock, actor, id, parsed.data, bytes)
    } else if (intent === 'decide') {
      const parsed = decisionSchema.safeParse(values)
      if (!parsed.success) return fail(fieldErrors(parsed.error))
      await decideDelivery(db, clock, actor, id, parsed.data)
    } else if (intent === 'evaluate') {
      const parsed = evaluationSchema.safeParse(values)
      if (!parsed.success) return fail(fieldErrors(parsed.error))
      await evaluate(db, clock, actor, id, parsed.data)
    } else if (intent === 'decideExplanation') {
      const parsed = explanationDecisionSchema.safeParse(values)
      if (!parsed.success) return fail(fieldErrors(parsed.error))
      await decideExplanation(db, clock, queue, actor, id, parsed.data)
    } else if (intent === 'answer') {
      const parsed = answerSchema.safeParse(values)
      if (!parsed.success) return fail(fieldErrors(parsed.error))
      await answerQuestion(db, clock, actor, values.questionId ?? '', parsed.data.answer)
    } else if (intent === 'answerObjection') {
      const parsed = objectionAnswerSchema.safeParse(values)
      if (!parsed.success) return fail(fieldErrors(parsed.error))
      await answerObjection(db, clock, actor, values.objectionId ?? '', parsed.data.response)
    } else if (intent === 'reannounce') {
      const next = await reannounce(db, clock, actor, id)
      return redirect(`/owner/procurements/${next.id}?saved=draft`)
    } else if (intent === 'publish') await publishProcurement(db, clock, queue, actor, id)
    else if (intent === 'askDirectApproval') await requestDirectApproval(db, clock, actor, id)
    else if (intent === 'cancel') {
      await cancelProcurement(db, clock, actor, id, values.reason ?? '')
      // A live auction's boards hear at once that it stopped.
      await broadcaster.publish(id)
    }
    else if (intent === 'amend') {
      const specialtiesChosen = form.getAll('requirementSpecialties').map(String)
      values.requirementSpecialties = specialtiesChosen.join(',')
      const parsed = amendmentSchema.safeParse({ ...values, requirementSpecialties: specialtiesChosen })
      if (!parsed.success) return fail(fieldErrors(parsed.error))
      await amendProcurement(db, clock, queue, actor, id, parsed.data)
    } else return fail({}, 'errors.illegalStep')
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    // A file error belongs to the form's file field, whatever the service called it.
    const field = error.field === 'contract' || error.field === 'attachment' ? 'file' : error.field
    return fail(field ? { [field]: error.code as MessageKey } : {}, field ? 'errors.form' : (error.code as MessageKey), error.params)
  }
  return { intent, errors: {}, values: {} } satisfies ActionData
}

export default function OwnerProcurement() {
  const { announcement, specialties, actions, bidCount, bids, afterAward, now, qa, questions, objections, selection, directApproval } = useLoaderData<typeof loader>()
  const data = useActionData<ActionData>()
  const busy = useNavigation().state === 'submitting'
  const [search] = useSearchParams()
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const ids = { reason: useId() }
  const { p } = announcement
  const errorsOf = (intent: string) => (data?.intent === intent ? data.errors : {})
  const valuesOf = (intent: string) => (data?.intent === intent && data.formError ? data.values : {})
  const explaining = selection?.candidates.find((c) => c.state === 'explaining') ?? null
  const specialtyList = Object.entries(specialties).map(([code, names]) => ({ code, ...names }))
  const sent = valuesOf('amend')
  // The requirement as it stands, or as the owner last sent it when the amendment came back with errors.
  const amendValues = sent.reason !== undefined
    ? { ...sent, requirementSpecialties: sent.requirementSpecialties ? sent.requirementSpecialties.split(',') : [] }
    : { requirementSpecialties: p.requirement?.specialties ?? [], requirementMode: p.requirement?.mode ?? 'any', minLevel: String(p.requirement?.minLevel ?? 3), practitionersRequired: p.practitionersRequired ? 'on' : undefined }
  const done = data && !data.formError ? data.intent : search.get('saved') === 'draft' ? 'saved' : null
  return (
    <div className="page">
      <p className="eyebrow">
        <Link to="/owner/procurements">{t('own.title')}</Link>
      </p>
      <h1>{p.title}</h1>
      <p className="lead">
        {p.number ? <span className="mono">{p.number}</span> : t('own.draftNoNumber')} <StatusBadge status={p.status} />
      </p>
      {done ? (
        <p className="alert ok" role="status">
          {t(`own.done.${done}` as MessageKey)}
        </p>
      ) : null}
      {data?.formError && data.formError !== 'errors.form' ? <FormError error={data.formError} /> : null}

      {directApproval ? <DirectApprovalPanel view={directApproval} busy={busy} /> : null}
      {p.status === 'draft' ? (
        <section className="card" aria-labelledby="draft-title">
          <h2 id="draft-title">{t('own.preview')}</h2>
          <p>{t('own.previewIntro')}</p>
          <div className="actions">
            <Link to={`/owner/procurements/${p.id}/edit`} className="button secondary">
              {t('own.edit')}
            </Link>
            <Form method="post">
              <button type="submit" name="intent" value="publish" className="button" disabled={busy}>
                {t('own.publish')}
              </button>
            </Form>
          </div>
          <h3>{t('proc.attachments')}</h3>
          {announcement.attachments.length ? (
            <ul className="plain">
              {announcement.attachments.map((a) => (
                <li key={a.id}>
                  <a href={`/files/${a.id}`}>{a.name}</a>{' '}
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="fileId" value={a.id} />
                    <button type="submit" name="intent" value="detach" className="link-button" aria-label={t('own.detachOne', { name: a.name ?? '' })}>
                      {t('own.detach')}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('own.noAttachments')}</p>
          )}
          <Form method="post" encType="multipart/form-data" className="form inline" noValidate>
            <Field label="own.attachment" name="file" type="file" accept="application/pdf,image/jpeg,image/png" required error={errorsOf('attach').file} errorParams={data?.params} />
            <button type="submit" name="intent" value="attach" className="button secondary" disabled={busy}>
              {t('own.attach')}
            </button>
          </Form>
          {data?.intent === 'publish' && data.errors.announcementDays ? <p className="error">{t(data.errors.announcementDays, data.params)}</p> : null}
          {data?.intent === 'publish' && data.errors.directAgencyUscc ? <p className="error">{t(data.errors.directAgencyUscc)}</p> : null}
        </section>
      ) : null}

      {questions.length ? (
        <section className="card" aria-labelledby="questions-title">
          <h2 id="questions-title">{t('qa.open', { n: questions.length })}</h2>
          <p className="hint">{t('qa.openHint')}</p>
          {questions.map((q) => (
            <Form method="post" className="form question" key={q.id} noValidate>
              <input type="hidden" name="questionId" value={q.id} />
              <p>
                <strong>{q.question}</strong> <span className="muted sub">{formatDateTime(q.askedAt, locale)}</span>
              </p>
              <Field label="qa.answer" name="answer" maxLength={2000} required error={data?.intent === 'answer' && data.values.questionId === q.id ? data.errors.answer : undefined} />
              <button type="submit" name="intent" value="answer" className="button secondary" disabled={busy}>
                {t('qa.publish')}
              </button>
            </Form>
          ))}
        </section>
      ) : null}

      {p.status === 'failed' ? (
        <section className="card" aria-labelledby="again-title">
          <h2 id="again-title">{t('own.reannounceTitle')}</h2>
          <p className="hint">{t('own.reannounceHint')}</p>
          <Form method="post">
            <button type="submit" name="intent" value="reannounce" className="button" disabled={busy}>
              {t('own.reannounce')}
            </button>
          </Form>
        </section>
      ) : null}

      {p.status === 'published' ? (
        <section className="card" aria-labelledby="bids-title">
          <h2 id="bids-title">{t('own.sealedTitle')}</h2>
          <p className="big-number">{t('own.bidCount', { n: bidCount ?? 0 })}</p>
          <p className="hint">{t('own.sealedHint', { at: p.bidDeadline ? formatDateTime(p.bidDeadline, locale) : '' })}</p>
        </section>
      ) : null}

      {explaining ? <ExplanationDecision candidate={explaining} busy={busy} errors={errorsOf('decideExplanation')} values={valuesOf('decideExplanation') as Record<string, string>} /> : null}

      {bids.length ? (
        <section className="card" aria-labelledby="opened-title">
          <h2 id="opened-title">{t('own.openedTitle', { n: bids.filter((b) => b.counts).length })}</h2>
          <TableWrap label={t('own.openedTitle', { n: bids.length })}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('dir.agency')}</th>
                  <th scope="col">{t('bid.price')}</th>
                  <th scope="col">{t('proc.committedDays')}</th>
                  <th scope="col">{t('own.bidState')}</th>
                </tr>
              </thead>
              <tbody>
                {bids.map((b) => (
                  <tr key={b.id} className={b.counts ? undefined : 'muted'}>
                    <td>
                      {en ? b.agencyEn : b.agencyZh}
                      <div className="mono sub muted">{b.uscc}</div>
                      {b.members.length ? <div className="sub muted">{t('cons.withMembers', { names: b.members.map((m) => (en ? m.nameEn : m.nameZh)).join(en ? ', ' : '、') })}</div> : null}
                    </td>
                    <td className="num">{formatYuan(b.priceFen, locale)}</td>
                    <td className="num">{t('catalog.days', { n: b.committedDays })}</td>
                    <td>
                      {t(b.counts ? 'own.bidCounts' : b.excluded && b.status === 'active' ? `bid.excluded.${b.excluded}` : `bid.status.${b.status}`)}
                      {b.excludedReasons.length ? <StandingReasons reasons={b.excludedReasons} specialties={specialties} className="plain sub muted" /> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ) : null}

      {objections.length ? (
        <section className="card" aria-labelledby="objections-title">
          <h2 id="objections-title">{t('obj.title', { n: objections.length })}</h2>
          {objections.map((o) => (
            <div key={o.id} className="objection">
              <p>
                <strong>{en ? o.agencyEn : o.agencyZh}</strong> <span className="muted sub">{formatDateTime(o.raisedAt, locale)}</span>
              </p>
              <p>{o.text}</p>
              {o.response ? (
                <p className="alert info">{t('obj.response', { text: o.response })}</p>
              ) : (
                <Form method="post" className="form" noValidate>
                  <input type="hidden" name="objectionId" value={o.id} />
                  <Field label="obj.answer" name="response" maxLength={2000} required error={data?.intent === 'answerObjection' && data.values.objectionId === o.id ? data.errors.response : undefined} />
                  <button type="submit" name="intent" value="answerObjection" className="button secondary" disabled={busy}>
                    {t('obj.send')}
                  </button>
                </Form>
              )}
            </div>
          ))}
        </section>
      ) : null}

      <OwnerAfterAwardForms
        status={p.status}
        award={announcement.award?.award ?? null}
        hasContract={!!afterAward.contract}
        objectionOpen={objections.some((o) => !o.response)}
        now={now}
        busy={busy}
        errorsOf={errorsOf}
        valuesOf={valuesOf}
      />

      <AfterAward data={afterAward} />

      {actions.includes('amend') ? (
        <details className="card" open={data?.intent === 'amend' && !!data.formError}>
          <summary>
            <h2 className="inline-heading">{t('own.amendTitle')}</h2>
          </summary>
          <p className="hint">{t('own.amendHint')}</p>
          <Form method="post" className="form" noValidate>
            <div className="grid two">
              <Field label="proc.maxPrice" name="maxPrice" inputMode="decimal" required defaultValue={valuesOf('amend').maxPrice ?? fenToYuanInput(p.maxPriceFen)} error={errorsOf('amend').maxPrice} />
              <Field label="proc.floorPrice" name="floorPrice" inputMode="decimal" defaultValue={valuesOf('amend').floorPrice ?? (p.floorPriceFen === null ? '' : fenToYuanInput(p.floorPriceFen))} error={errorsOf('amend').floorPrice} />
            </div>
            <Field label="proc.expectedDays" name="expectedDays" type="number" min={1} max={250} required defaultValue={valuesOf('amend').expectedDays ?? String(p.expectedDays)} error={errorsOf('amend').expectedDays} />
            <AmendMethodFields method={p.method} minStepFen={p.minStepFen} values={valuesOf('amend')} errors={errorsOf('amend')} />
            <RequirementFields specialties={specialtyList} values={amendValues} error={errorsOf('amend').requirementSpecialties} />
            <Field label="own.amendReason" name="reason" required maxLength={500} defaultValue={valuesOf('amend').reason} error={errorsOf('amend').reason} />
            <button type="submit" name="intent" value="amend" className="button secondary" disabled={busy}>
              {t('own.amend')}
            </button>
          </Form>
        </details>
      ) : null}

      <Announcement data={announcement} specialtyNames={specialties} selection={selection} />
      <Clarifications items={qa} />

      {actions.includes('cancel') ? (
        <details className="card danger-zone" open={data?.intent === 'cancel' && !!data.formError}>
          <summary>
            <h2 className="inline-heading">{t('own.cancelTitle')}</h2>
          </summary>
          <Form method="post" className="form" noValidate>
            <div className={`field${errorsOf('cancel').reason ? ' has-error' : ''}`}>
              <label htmlFor={ids.reason}>{t('own.cancelReason')}</label>
              <textarea id={ids.reason} name="reason" rows={3} maxLength={500} defaultValue={valuesOf('cancel').reason} aria-invalid={errorsOf('cancel').reason ? true : undefined} />
              {errorsOf('cancel').reason ? <p className="error">{t(errorsOf('cancel').reason!)}</p> : null}
            </div>
            <button type="submit" name="intent" value="cancel" className="button danger" disabled={busy}>
              {t('own.cancel')}
            </button>
          </Form>
        </details>
      ) : null}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
