import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { AfterAward } from '~/components/after-award'
import { Announcement, StatusBadge } from '~/components/announcement'
import { Clarifications } from '~/components/clarifications'
import { DirectApprovalPanel } from '~/components/direct-approval'
import { Escrow } from '~/components/escrow'
import { FundButton, TerminateSection } from '~/components/escrow-fund'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormError } from '~/components/field'
import { OwnerAfterAwardForms } from '~/components/owner-after-award-forms'
import { ExplanationDecision, ShortlistChoice } from '~/components/selection-forms'
import type { MessageKey } from '~/i18n'
import type { ActionReply } from '~/utils/action-reply'
import { runIntents } from '~/utils/action.server'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { AmendSection, CancelSection } from './amend'
import { ObjectionsSection, QuestionsSection } from './answers'
import { DraftSection } from './draft'
import { ownerIntents } from './intents.server'
import { loadOwnerPage } from './load.server'
import { BidsSection } from './opened-bids'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['after', 'approvals', 'bid', 'draw', 'elig', 'fund', 'level', 'method', 'obj', 'offer', 'own', 'pay', 'proc', 'progress', 'qa', 'sel', 'time', 'viol'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'own.detailTitle')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'read:procurement:own')
  return loadOwnerPage(await getApp(), session, params.id ?? '')
}

export const action = (args: ActionFunctionArgs) => runIntents(args, { permission: 'create:procurement:own', intents: ownerIntents, upload: 'file' })

/** The owner's page of one procurement, from the draft to the evaluation. */
export default function OwnerProcurement() {
  const { announcement, specialties, actions, afterAward, now, qa, objections, selection, directApproval } = useLoaderData<typeof loader>()
  const data = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const [search] = useSearchParams()
  const t = useT()
  const { p } = announcement
  const explaining = selection?.candidates.find((c) => c.state === 'explaining') ?? null
  // Credit shortlist: the short list waits for the owner's choice until one of it has moved.
  const choosing = p.method === 'credit_shortlist' && p.status === 'selecting' && !!selection?.candidates.length && selection.candidates.every((c) => c.state === 'waiting')
  const credits = Object.fromEntries(((selection?.detail.long ?? []) as Array<{ key: string; credit: number }>).map((l) => [l.key, l.credit]))
  const done = data?.ok ? data.intent : search.get('saved') === 'draft' ? 'saved' : null
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
          {t(done === 'fund' ? 'fund.done' : done === 'terminate' ? 'fund.terminated' : (`own.done.${done}` as MessageKey))}
        </p>
      ) : null}
      {data?.formError && data.formError !== 'errors.form' && !(data.intent === 'amend' && actions.includes('amend')) ? <FormError error={data.formError} /> : null}
      {directApproval ? <DirectApprovalPanel view={directApproval} busy={busy} /> : null}
      {p.status === 'draft' ? <DraftSection /> : null}
      <QuestionsSection />
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
      {explaining ? <ExplanationDecision candidate={explaining} busy={busy} reply={data} /> : null}
      {choosing ? <ShortlistChoice candidates={selection!.candidates} credit={credits} busy={busy} reply={data} /> : null}
      <BidsSection />
      <ObjectionsSection />
      <OwnerAfterAwardForms status={p.status} award={announcement.award?.award ?? null} hasContract={!!afterAward.contract} objectionOpen={objections.some((o) => !o.response)} now={now} busy={busy} reply={data} />
      <Escrow milestones={afterAward.escrow} fund={afterAward.fundable ? (m) => <FundButton milestone={m} busy={busy} /> : undefined} />
      <AfterAward data={afterAward} />
      {actions.includes('terminate') && afterAward.contract?.confirmedAt ? <TerminateSection refundPercent={afterAward.contract.terminationRefundPercent} reply={data} busy={busy} /> : null}
      {actions.includes('amend') ? <AmendSection /> : null}
      <Announcement data={announcement} specialtyNames={specialties} selection={selection} linkBase="/owner/procurements" />
      <Clarifications items={qa} />
      {actions.includes('cancel') ? <CancelSection /> : null}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
