import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { AfterAward } from '~/components/after-award'
import { Announcement, StatusBadge } from '~/components/announcement'
import { StandingReasons } from '~/components/standing-reasons'
import { Clarifications } from '~/components/clarifications'
import { OfferActions } from '~/components/selection-forms'
import { ConsortiumFields, ConsortiumInvitation, ConsortiumParties, ConsortiumProblems, type PartyProblem } from '~/components/consortium'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { DefinitionList, Field, FormError } from '~/components/field'
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
  declineAward,
  declineSchema,
  explainPrice,
  explanationSchema,
  isBidder,
  objectionSchema,
  objectionsOf,
  raiseObjection,
  askQuestion,
  ownQuestions,
  publicClarifications,
  questionSchema,
  confirmAward,
  confirmContract,
  deliver,
  bidderProblems,
  bidInputSchema,
  confirmDirect,
  DomainError,
  editBid,
  ownBid,
  ownPractitioners,
  publicProcurement,
  shanghaiDate,
  submitBid,
  withdrawBid,
  attachmentsOf,
  consortiaOf,
  consortiumResponseSchema,
  respondToConsortium,
  MAX_CONSORTIUM_MEMBERS,
  barredFromBidding,
  loadCalendar,
} from '~/utils/services.server'
import { fenToYuanInput } from '../../services/shared/money'

export const meta: MetaFunction = ({ matches }) => title(matches, 'bid.title')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'create:bid:own')
  const { db, clock } = await getApp()
  const found = await publicProcurement(db, params.id ?? '')
  if (!found) throw new Response('Not found', { status: 404 })
  const { p } = found
  // A direct commission is for its named agency alone.
  if (p.method === 'direct' && p.directAgencyId !== session.org.id) throw new Response('Not found', { status: 404 })
  const [mine, problems, people] = await Promise.all([
    ownBid(db, session.org.id, p.id),
    p.status === 'published' ? bidderProblems(db, p, session.org.id, shanghaiDate(clock.now())) : Promise.resolve([]),
    p.practitionersRequired ? ownPractitioners(db, session.org.id) : Promise.resolve([]),
  ])
  const winner = found.award?.award.agencyOrgId === session.org.id
  const mayObject = !winner && p.status === 'awarded' && !!found.award && clock.now() < found.award.award.standstillEndsAt && (await isBidder(db, p.id, session.org.id))
  const myObjections = (await objectionsOf(db, p.id, { orgId: session.org.id, owner: false })).map((o) => ({ id: o.id, text: o.text, response: o.response }))
  const [qa, asked] = [await publicClarifications(db, p.id), await ownQuestions(db, session.org.id, p.id)]
  const selection = await loadSelection(db, p.id, { kind: 'agency', orgId: session.org.id })
  // The consortia this agency is a party to here: its own bid as lead, and each invitation it was sent.
  const consortia = (await consortiaOf(db, session.org.id, p.id)).map((c) => ({
    bidId: c.bid.id,
    role: c.role,
    status: c.status,
    bid: { priceFen: c.bid.priceFen, committedDays: c.bid.committedDays },
    parties: c.parties.map((x) => ({ role: x.role, status: x.status, itemIds: x.itemIds, nameZh: x.nameZh, nameEn: x.nameEn, uscc: x.uscc, declineReason: x.declineReason })),
  }))
  return {
    selection,
    maxMembers: MAX_CONSORTIUM_MEMBERS,
    consortium: consortia.find((c) => c.role === 'lead') ?? null,
    invitations: consortia.filter((c) => c.role === 'member'),
    mayObject,
    myObjections,
    qa: qa.map((c) => ({ id: c.id, question: c.question, answer: c.answer, answeredAt: c.answeredAt?.toISOString() ?? null })),
    asked: asked.map((q) => ({ id: q.id, question: q.question, answered: q.answer !== null })),
    winner,
    afterAward: winner ? await loadAfterAward(db, p.id) : null,
    announcement: { ...serializeAnnouncement(found, await loadCalendar(db)), attachments: await attachmentsOf(db, found.p.id) },
    specialties: await specialtyNames(db),
    open: p.status === 'published' && clock.now() < p.bidDeadline!,
    problems,
    barred: barredFromBidding(p, problems),
    practitioners: people.map((x) => ({ id: x.id, name: x.name, specialtyZh: x.specialtyZh, specialtyEn: x.specialtyEn })),
    mine: mine
      ? { priceFen: mine.priceFen, committedDays: mine.committedDays, status: mine.status, nonce: mine.nonce, submittedAt: mine.submittedAt.toISOString(), updatedAt: mine.updatedAt.toISOString(), practitionerIds: mine.practitionerIds, current: mine.termsVersion === p.termsVersion, excluded: mine.excluded, excludedReasons: mine.excludedReasons ?? [] }
      : null,
  }
}

type ActionData = { intent: string; errors: FieldErrors; values: Record<string, string>; formError?: MessageKey; params?: Record<string, string | number> }

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const session = await requirePermission(request, 'create:bid:own')
  const { db, clock, queue } = await getApp()
  const { form, bytes, tooLarge } = await readActionForm(request, 'file')
  if (tooLarge || !form) return Response.json({ intent: 'deliver', errors: { file: 'errors.fileTooLarge' }, values: {}, formError: 'errors.form' } satisfies ActionData, { status: 413 })
  const values = formValues(form)
  const intent = values.intent ?? ''
  const actor = { userId: session.user.id, orgId: session.org.id, ip: clientIp(request) }
  const id = (params.id ?? '') as never
  const fail = (errors: FieldErrors, formError: MessageKey = 'errors.form', extra: Record<string, string | number> = {}) => Response.json({ intent, errors, values, formError, params: extra } satisfies ActionData, { status: 400 })
  let memberSlots: number[] = []
  try {
    if (intent === 'object') {
      const parsed = objectionSchema.safeParse(values)
      if (!parsed.success) return fail(fieldErrors(parsed.error))
      await raiseObjection(db, clock, actor, id, parsed.data.text)
      return { intent, errors: {}, values: {} } satisfies ActionData
    }
    if (intent === 'decline' || intent === 'explain') {
      const parsed = (intent === 'decline' ? declineSchema : explanationSchema).safeParse(values)
      if (!parsed.success) return fail(fieldErrors(parsed.error))
      if (intent === 'decline') await declineAward(db, clock, queue, actor, id, parsed.data as { reason: string })
      else await explainPrice(db, clock, actor, id, parsed.data as { explanation: string })
      return { intent, errors: {}, values: {} } satisfies ActionData
    }
    if (intent === 'joinAccept' || intent === 'joinDecline') {
      const parsed = consortiumResponseSchema.safeParse({ ...values, answer: intent === 'joinAccept' ? 'accept' : 'decline' })
      if (!parsed.success) return fail(fieldErrors(parsed.error))
      await respondToConsortium(db, clock, actor, id, parsed.data)
      return { intent, errors: {}, values: {} } satisfies ActionData
    }
    if (intent === 'ask') {
      const parsed = questionSchema.safeParse(values)
      if (!parsed.success) return fail(fieldErrors(parsed.error))
      await askQuestion(db, clock, actor, id, parsed.data.question)
      return { intent, errors: {}, values: {} } satisfies ActionData
    }
    if (intent === 'withdraw' || intent === 'confirmAward' || intent === 'confirmContract' || intent === 'deliver') {
      if (intent === 'withdraw') await withdrawBid(db, clock, actor, id)
      else if (intent === 'confirmAward') {
        // Asked again at confirmation: a winner no longer eligible is passed over, and told why.
        if (!(await confirmAward(db, clock, queue, actor, id)).confirmed) return fail({}, 'errors.noLongerEligible')
      }
      else if (intent === 'confirmContract') await confirmContract(db, clock, queue, actor, id)
      else await deliver(db, clock, actor, id, values.note ?? '', bytes)
      return { intent, errors: {}, values: {} } satisfies ActionData
    }
    // Members keep the slot they were typed in, so an error lands beside its field.
    const slots = Array.from({ length: MAX_CONSORTIUM_MEMBERS }, (_, i) => i + 1).filter((n) => (values[`member${n}Uscc`] ?? '').trim())
    memberSlots = slots
    const members = slots.map((n) => ({ uscc: values[`member${n}Uscc`]!, itemIds: form.getAll(`member${n}Items`).map(String) }))
    const parsed = bidInputSchema.safeParse({ ...values, practitionerIds: form.getAll('practitionerIds').map(String), leadItemIds: form.getAll('leadItemIds').map(String), members })
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error)
      for (const issue of parsed.error.issues)
        if (issue.path[0] === 'members' && typeof issue.path[1] === 'number') errors[`member${slots[issue.path[1]] ?? issue.path[1] + 1}Uscc`] ??= issue.message as MessageKey
      return fail(errors)
    }
    if (intent === 'submit') await submitBid(db, clock, actor, id, parsed.data)
    else if (intent === 'edit') await editBid(db, clock, actor, id, parsed.data)
    else if (intent === 'confirm') await confirmDirect(db, clock, actor, id, parsed.data)
    else return fail({}, 'errors.illegalStep')
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    if (error.field === 'deliverable') return fail({ file: error.code as MessageKey })
    const slot = /^member(\d)Uscc$/.exec(error.field ?? '')
    if (slot) return fail({ [`member${memberSlots[Number(slot[1]) - 1] ?? slot[1]}Uscc`]: error.code as MessageKey })
    const extra = Object.fromEntries(Object.entries(error.params).map(([k, v]) => [k, typeof v === 'number' && (k === 'min' || k === 'max') && error.code === 'errors.priceOutOfBounds' ? fenToYuanInput(v) : v]))
    return fail(error.field ? { [error.field]: error.code as MessageKey } : {}, error.field ? 'errors.form' : (error.code as MessageKey), extra)
  }
  return { intent, errors: {}, values: {} } satisfies ActionData
}

/** 32 random bytes from the browser's CSPRNG, as the draw's bidder entropy. */
function useNonce() {
  const [nonce, setNonce] = useState('')
  useEffect(() => {
    const bytes = crypto.getRandomValues(new Uint8Array(32))
    setNonce(Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(''))
  }, [])
  return nonce
}

export default function BidPage() {
  const { announcement, specialties, open, problems, barred, practitioners, mine, winner, afterAward, qa, asked, mayObject, myObjections, selection, consortium, invitations, maxMembers } = useLoaderData<typeof loader>()
  const data = useActionData<ActionData>()
  const busy = useNavigation().state === 'submitting'
  const nonce = useNonce()
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const { p } = announcement
  const direct = p.method === 'direct'
  const failed = data?.formError ? data : null
  const v = failed?.values ?? (mine ? { price: fenToYuanInput(mine.priceFen), committedDays: String(mine.committedDays) } : {})
  const e = failed?.errors ?? {}
  const live = mine && mine.status !== 'withdrawn'
  const intent = direct ? 'confirm' : live ? 'edit' : 'submit'
  const ownCandidate = selection?.candidates.find((c) => c.own) ?? null
  const specialtyName = (code: string) => (specialties[code] ? (en ? specialties[code]!.nameEn : specialties[code]!.nameZh) : code)
  // An invitation never stops the agency bidding on its own; a consortium it accepted does, until it leaves.
  const joined = invitations.some((i) => i.status === 'accepted')
  const ledParties = consortium && consortium.parties.length > 1 ? consortium.parties : null
  const consortiumProblems = failed?.formError === 'errors.consortiumIneligible' && typeof failed.params?.reasons === 'string' ? (JSON.parse(failed.params.reasons) as PartyProblem[]) : null
  const joinFailed = failed && (failed.intent === 'joinAccept' || failed.intent === 'joinDecline') ? failed : null
  const problemList = (
    <ul>
      {problems.map((r) => (
        <li key={JSON.stringify(r)}>{t(`elig.${r.code}` as MessageKey, 'specialty' in r ? { specialty: specialtyName(r.specialty) } : {})}</li>
      ))}
    </ul>
  )
  return (
    <div className="page">
      <p className="eyebrow">
        <Link to={`/procurements/${p.id}`}>{p.number}</Link>
      </p>
      <h1>{t(direct ? 'bid.confirmTitle' : 'bid.title')}</h1>
      <p className="lead">
        {p.title} <StatusBadge status={p.status} />
      </p>
      {data && !data.formError ? (
        <p className="alert ok" role="status">
          {t(`bid.done.${data.intent}` as MessageKey)}
        </p>
      ) : null}
      {failed && failed.formError !== 'errors.form' && !consortiumProblems ? <FormError error={failed.formError} /> : null}
      {consortiumProblems ? <ConsortiumProblems problems={consortiumProblems} items={announcement.items} specialtyName={specialtyName} /> : null}
      {invitations.map((i) => (
        <ConsortiumInvitation key={i.bidId} bidId={i.bidId} bid={i.bid} parties={i.parties} items={announcement.items} status={i.status} open={open} busy={busy} errors={joinFailed?.values.bidId === i.bidId ? joinFailed.errors : {}} values={joinFailed?.values.bidId === i.bidId ? joinFailed.values : {}} />
      ))}

      {ownCandidate ? <OfferActions mine={ownCandidate} confirmed={!!announcement.award?.award.confirmedAt} busy={busy} errors={failed?.errors ?? {}} values={failed?.values ?? {}} /> : null}
      {winner && afterAward && announcement.award?.award.confirmedAt ? (
        <section className="card won" aria-labelledby="won-title">
          <h2 id="won-title">{t('after.won')}</h2>
          {p.status === 'awarded' && announcement.award?.award.confirmedAt ? (
            afterAward.contract ? (
              <Form method="post">
                <p>
                  {t('after.contractReady', { start: afterAward.contract.startDate, due: afterAward.contract.dueDate })} <a href={`/files/${afterAward.contract.fileId}`}>{t('after.download')}</a>
                </p>
                <button type="submit" name="intent" value="confirmContract" className="button" disabled={busy}>
                  {t('after.confirmContract')}
                </button>
              </Form>
            ) : (
              <p className="muted">{t('after.waitContract')}</p>
            )
          ) : null}
          {p.status === 'in_service' ? (
            <Form method="post" encType="multipart/form-data" className="form" noValidate>
              <p className="hint">{t('after.deliverHint', { due: afterAward.contract?.dueDate ?? '' })}</p>
              <Field label="after.deliverable" name="file" type="file" accept="application/pdf,image/jpeg,image/png" required error={e.file} />
              <Field label="after.note" name="note" maxLength={1000} defaultValue={v.note} error={e.note} />
              <button type="submit" name="intent" value="deliver" className="button" disabled={busy}>
                {t('after.deliver')}
              </button>
            </Form>
          ) : null}
          {p.status === 'delivered' ? <p className="muted">{t('after.waitDecision')}</p> : null}
        </section>
      ) : null}
      {afterAward ? <AfterAward data={afterAward} /> : null}

      {mayObject || myObjections.length ? (
        <section className="card" aria-labelledby="object-title">
          <h2 id="object-title">{t('obj.raiseTitle')}</h2>
          {myObjections.map((o) => (
            <div key={o.id} className="objection">
              <p>{o.text}</p>
              <p className={o.response ? 'alert info' : 'muted'}>{o.response ? t('obj.response', { text: o.response }) : t('obj.waiting')}</p>
            </div>
          ))}
          {mayObject ? (
            <Form method="post" className="form" noValidate>
              <p className="hint">{t('obj.hint')}</p>
              <Field label="obj.text" name="text" maxLength={2000} required defaultValue={data?.intent === 'object' && data.formError ? data.values.text : undefined} error={data?.intent === 'object' ? data.errors.text : undefined} errorParams={data?.params} />
              <button type="submit" name="intent" value="object" className="button secondary" disabled={busy}>
                {t('obj.raise')}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {mine ? (
        <section className="card" aria-labelledby="mine-title">
          <h2 id="mine-title">{t('bid.mine')}</h2>
          {mine.status === 'needs_reconfirm' || (!mine.current && mine.status !== 'withdrawn') ? <p className="alert warn">{t('bid.reconfirm')}</p> : null}
          {mine.excluded ? (
            <div className="alert warn" role="status">
              <p>{t(`bid.excluded.${mine.excluded}` as MessageKey)}</p>
              {mine.excludedReasons.length ? <StandingReasons reasons={mine.excludedReasons} specialties={specialties} /> : null}
            </div>
          ) : null}
          <DefinitionList
            items={[
              [t('bid.price'), formatYuan(mine.priceFen, locale)],
              [t('proc.committedDays'), t('catalog.days', { n: mine.committedDays })],
              [t('own.bidState'), t(`bid.status.${mine.status}`)],
              [t('bid.submittedAt'), formatDateTime(mine.submittedAt, locale)],
              [t('bid.nonce'), <code className="nonce" key="n">{mine.nonce}</code>],
            ]}
          />
          <p className="hint">{t('bid.nonceHint')}</p>
          {ledParties && mine.status !== 'withdrawn' ? (
            <>
              <h3>{t('cons.parties')}</h3>
              {ledParties.some((x) => x.status !== 'accepted') ? <p className="alert warn">{t('cons.incomplete')}</p> : null}
              <ConsortiumParties parties={ledParties} items={announcement.items} />
            </>
          ) : null}
          {open && live && !direct ? (
            <Form method="post">
              <button type="submit" name="intent" value="withdraw" className="button secondary" disabled={busy}>
                {t('bid.withdraw')}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {open && (!mine || live) && !(direct && mine) && !joined ? (
        barred ? (
          <section className="card" aria-labelledby="inel-title">
            <h2 id="inel-title">{t('bid.ineligible')}</h2>
            {problemList}
          </section>
        ) : (
          <section className="card" aria-labelledby="form-title">
            <h2 id="form-title">{t(direct ? 'bid.confirmForm' : mine ? 'bid.editForm' : 'bid.newForm')}</h2>
            <p className="hint">
              {p.floorPriceFen === null
                ? t('bid.boundsMax', { max: formatYuan(p.maxPriceFen, locale), days: p.expectedDays })
                : t('bid.bounds', { min: formatYuan(p.floorPriceFen, locale), max: formatYuan(p.maxPriceFen, locale), days: p.expectedDays })}
            </p>
            <Form method="post" className="form" noValidate>
              <input type="hidden" name="nonce" value={nonce} />
              <div className="grid two">
                <Field label="bid.price" name="price" inputMode="decimal" required defaultValue={v.price} error={e.price} errorParams={failed?.params} />
                <Field label="proc.committedDays" name="committedDays" type="number" min={1} max={p.expectedDays} required defaultValue={v.committedDays} error={e.committedDays} errorParams={failed?.params} />
              </div>
              {p.practitionersRequired ? (
                <fieldset className={e.practitionerIds ? 'has-error' : undefined}>
                  <legend>{t('bid.practitioners')}</legend>
                  {practitioners.length ? (
                    practitioners.map((x) => (
                      <label key={x.id} className="choice block">
                        <input type="checkbox" name="practitionerIds" value={x.id} defaultChecked={mine?.practitionerIds.includes(x.id)} /> {x.name} <span className="muted">{en ? x.specialtyEn : x.specialtyZh}</span>
                      </label>
                    ))
                  ) : (
                    <p className="muted">
                      {t('prac.none')} <Link to="/agency/practitioners">{t('prac.nav')}</Link>
                    </p>
                  )}
                  {e.practitionerIds ? <p className="error">{t(e.practitionerIds)}</p> : null}
                </fieldset>
              ) : null}
              {p.consortiumAllowed && !direct && problems.length ? (
                <div className="alert info">
                  <p>{t('cons.aloneIneligible')}</p>
                  {problemList}
                </div>
              ) : null}
              {p.consortiumAllowed && !direct ? (
                <ConsortiumFields
                  items={announcement.items}
                  max={maxMembers}
                  current={{
                    leadItemIds: ledParties?.find((x) => x.role === 'lead')?.itemIds ?? [],
                    members: (ledParties ?? []).filter((x) => x.role === 'member').map((x) => ({ uscc: x.uscc, itemIds: x.itemIds })),
                  }}
                  values={failed?.values ?? null}
                  errors={e}
                />
              ) : null}
              <div className={`field check${e.accept ? ' has-error' : ''}`}>
                <input type="checkbox" id="accept" name="accept" value="yes" />
                <label htmlFor="accept">{t('bid.accept')}</label>
              </div>
              {e.accept ? <p className="error">{t(e.accept)}</p> : null}
              <button type="submit" name="intent" value={intent} className="button" disabled={busy}>
                {t(direct ? 'bid.confirm' : mine ? 'bid.save' : 'bid.submit')}
              </button>
              <p className="hint">{t('bid.sealedHint')}</p>
            </Form>
          </section>
        )
      ) : !open && p.status === 'published' ? (
        <p className="alert warn">{t('errors.biddingClosed')}</p>
      ) : null}

      <Announcement data={announcement} specialtyNames={specialties} selection={selection} />
      <Clarifications items={qa} />
      {open ? (
        <section className="card" aria-labelledby="ask-title">
          <h2 id="ask-title">{t('qa.ask')}</h2>
          <p className="hint">{t('qa.askHint')}</p>
          {asked.length ? (
            <ul className="plain">
              {asked.map((q) => (
                <li key={q.id}>
                  {q.question} <span className={`badge${q.answered ? ' ok' : ''}`}>{t(q.answered ? 'qa.answered' : 'qa.waiting')}</span>
                </li>
              ))}
            </ul>
          ) : null}
          <Form method="post" className="form" noValidate>
            <Field label="qa.question" name="question" maxLength={1000} required defaultValue={data?.intent === 'ask' && data.formError ? data.values.question : undefined} error={data?.intent === 'ask' ? data.errors.question : undefined} errorParams={data?.params} />
            <button type="submit" name="intent" value="ask" className="button secondary" disabled={busy}>
              {t('qa.send')}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
