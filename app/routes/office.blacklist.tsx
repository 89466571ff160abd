import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useState } from 'react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CheckedForm } from '~/components/checked-form'
import { Choices, Field, TextArea } from '~/components/field'
import { SanctionTable, toSanctionRows } from '~/components/sanction-table'
import { sanctionForm, approveForm, liftForm, refuseForm } from '~/forms/office'
import type { ActionReply } from '~/utils/action-reply'
import { intent, runIntents } from '~/utils/action.server'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { SANCTION_TERMS } from '../../services/credit/sanctions-input'
import { approveSanction, can, issueYellowCard, liftSanction, listSanctions, proposeSanction, refuseProposal, shanghaiDate } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['bl', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'bl.officeTitle')

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'read:sanction:any')
  const { db, clock } = await getApp()
  const today = shanghaiDate(clock.now())
  const rows = toSanctionRows(await listSanctions(db, today, { kinds: ['blacklist', 'suspension', 'yellow_card'], history: true }), session.user.id)
  const who = { kind: session.org.kind, role: session.user.role }
  return { today, proposals: rows.filter((r) => r.state === 'proposed'), decided: rows.filter((r) => r.state !== 'proposed'), proposer: can(who, 'update:sanction:any'), approver: can(who, 'approve:sanction:any') }
}

export const action = (args: ActionFunctionArgs) =>
  runIntents(args, {
    permission: 'read:sanction:any',
    intents: {
      add: intent({
        form: sanctionForm,
        permission: 'update:sanction:any',
        run: async ({ app, actor }, input) => {
          if (input.kind !== 'yellow_card') {
            await proposeSanction(app.db, app.clock, actor, input)
            return { params: { kind: input.kind, proposed: 0 } }
          }
          const { proposal } = await issueYellowCard(app.db, app.clock, actor, input)
          return { params: { kind: input.kind, proposed: proposal ? 1 : 0 } }
        },
      }),
      approve: intent({ form: approveForm, permission: 'approve:sanction:any', run: async ({ app, actor }, input) => void (await approveSanction(app.db, app.clock, app.queue, actor, input.id, input.decisionNo)) }),
      refuse: intent({ form: refuseForm, permission: 'approve:sanction:any', run: async ({ app, actor }, input) => void (await refuseProposal(app.db, app.clock, actor, input.id, input.reason)) }),
      withdraw: intent({ form: refuseForm, permission: 'update:sanction:any', run: async ({ app, actor }, input) => void (await refuseProposal(app.db, app.clock, actor, input.id, input.reason, { own: true })) }),
      lift: intent({ form: liftForm, permission: 'update:sanction:any', run: async ({ app, actor }, input) => void (await liftSanction(app.db, app.clock, actor, input.id, input.reason)) }),
    },
  })

const DONE = { approve: 'bl.approved', refuse: 'bl.refused', withdraw: 'bl.withdrawn', lift: 'bl.lifted' } as const
const KINDS = ['blacklist', 'suspension', 'yellow_card'] as const

export default function OfficeSanctions() {
  const { proposals, decided, today, proposer, approver } = useLoaderData<typeof loader>()
  const data = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const office = { busy, reply: data, approver }
  const done = !data?.ok ? undefined : data.intent === 'add' ? (`bl.saved.${KINDS.find((k) => k === data.params?.kind) ?? 'blacklist'}` as const) : DONE[data.intent as keyof typeof DONE]
  return (
    <div className="page">
      <h1>{t('bl.officeTitle')}</h1>
      <p className="lead">{t('bl.officeIntro')}</p>
      {done ? (
        <p className="alert ok" role="status">
          {t(done)}
          {data?.intent === 'add' && data.params?.proposed ? ` ${t('bl.cardsProposed')}` : null}
        </p>
      ) : null}
      <p className="actions">
        <Link to="/office/petitions">{t('nav.petitions')}</Link>
        <Link to="/blacklist">{t('bl.publicPage')}</Link>
      </p>
      <section className="card" aria-labelledby="proposals-title">
        <h2 id="proposals-title">{t('bl.proposals')}</h2>
        <p className="hint">{t('bl.proposalsHint')}</p>
        <SanctionTable rows={proposals} label={t('bl.proposals')} showKind office={office} />
      </section>
      {proposer ? <ProposalForm today={today} reply={data} busy={busy} /> : null}
      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t('bl.history')}</h2>
        <SanctionTable rows={decided} label={t('bl.history')} showKind office={office} />
      </section>
    </div>
  )
}

/** A measure: which, against whom, why and on what basis, from when and for how long (its unit follows the kind). */
function ProposalForm({ today, reply, busy }: { today: string; reply: ActionReply | undefined; busy: boolean }) {
  const t = useT()
  const [kind, setKind] = useState<keyof typeof SANCTION_TERMS>(((reply?.intent === 'add' && !reply.ok ? reply.values.kind : undefined) as keyof typeof SANCTION_TERMS) || 'blacklist')
  const term = SANCTION_TERMS[kind] ?? SANCTION_TERMS.blacklist
  return (
    <section className="card" aria-labelledby="add-title">
      <h2 id="add-title">{t('bl.add')}</h2>
      <p className="hint">{t('bl.addHint')}</p>
      <CheckedForm spec={sanctionForm} id="sanction" intent="add" reply={reply} ownFailures>
        {(e, v) => (
          <>
            <div onChange={(ev) => (ev.target as HTMLInputElement).name === 'kind' && setKind((ev.target as HTMLInputElement).value as keyof typeof SANCTION_TERMS)}>
              <Choices name="kind" legend="bl.kindLabel" options={[['blacklist', 'bl.kind.blacklist'], ['suspension', 'bl.kind.suspension'], ['yellow_card', 'bl.kind.yellow_card']]} checked={v.kind ?? kind} error={e.kind} />
            </div>
            <p className="hint">{t(`bl.kindHint.${kind}`)}</p>
            <div className="grid two">
              <Field label="bl.uscc" name="uscc" required maxLength={18} autoComplete="off" className="mono" defaultValue={v.uscc} error={e.uscc} />
              <Field label="bl.decisionNo" name="decisionNo" required maxLength={100} defaultValue={v.decisionNo} error={e.decisionNo} />
            </div>
            <TextArea label="bl.reason" name="reason" required maxLength={1000} rows={3} defaultValue={v.reason} error={e.reason} />
            <Field label="bl.legalBasis" name="legalBasis" required maxLength={500} defaultValue={v.legalBasis} error={e.legalBasis} hint="bl.legalBasisHint" />
            <div className="grid two">
              <Field label="bl.startsOn" name="startsOn" type="date" required min={today} defaultValue={v.startsOn ?? today} error={e.startsOn} />
              <Field
                key={kind}
                label={`bl.termIn.${term.unit}`}
                name="term"
                type="number"
                inputMode="numeric"
                required
                min={term.min}
                max={term.max}
                defaultValue={v.term ?? String(term.byDefault)}
                error={e.term}
                hint={`bl.termHint.${kind}`}
              />
            </div>
            <button type="submit" className="button" disabled={busy}>
              {t(kind === 'yellow_card' ? 'bl.issue' : 'bl.propose')}
            </button>
          </>
        )}
      </CheckedForm>
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
