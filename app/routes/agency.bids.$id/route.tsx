import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { AfterAward } from '~/components/after-award'
import { Escrow } from '~/components/escrow'
import { Announcement, StatusBadge } from '~/components/announcement'
import { Clarifications } from '~/components/clarifications'
import { ConsortiumInvitation, ConsortiumProblems, type PartyProblem } from '~/components/consortium'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormError } from '~/components/field'
import { OfferActions } from '~/components/selection-forms'
import type { MessageKey } from '~/i18n'
import { failed as failedOf, replyFor, type ActionReply } from '~/utils/action-reply'
import { runIntents } from '~/utils/action.server'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { BidFormSection } from './bid-form'
import { bidIntents } from './intents.server'
import { loadBidPage } from './load.server'
import { MyBidSection } from './my-bid'
import { AskSection, ObjectionSection } from './talk'
import { WonSection } from './won'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['after', 'bid', 'cons', 'draw', 'elig', 'level', 'method', 'obj', 'offer', 'pay', 'prac', 'proc', 'progress', 'qa', 'sel', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'bid.title')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'create:bid:own')
  return loadBidPage(await getApp(), session, params.id ?? '')
}

export const action = (args: ActionFunctionArgs) => runIntents(args, { permission: 'create:bid:own', intents: bidIntents, upload: 'file' })

/** The agency's page of one procurement: its bid, its consortia, its offer, and what follows the award. */
export default function BidPage() {
  const { announcement, specialties, open, mine, winner, afterAward, qa, selection, invitations, barred } = useLoaderData<typeof loader>()
  const data = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const en = useLocale() === 'en'
  const { p } = announcement
  const direct = p.method === 'direct'
  const failed = failedOf(data)
  const live = mine && mine.status !== 'withdrawn'
  const ownCandidate = selection?.candidates.find((c) => c.own) ?? null
  const specialtyName = (code: string) => (specialties[code] ? (en ? specialties[code]!.nameEn : specialties[code]!.nameZh) : code)
  // An invitation never stops the agency bidding on its own; a consortium it accepted does, until it leaves.
  const joined = invitations.some((i) => i.status === 'accepted')
  const consortiumProblems = failed?.formError === 'errors.consortiumIneligible' && Array.isArray(failed.detail?.reasons) ? (failed.detail.reasons as PartyProblem[]) : null
  const showForm = open && (!mine || live) && !(direct && mine) && !joined
  // The bid form's failures are summed up in the form itself, when it is still there; the rest at the top of the page.
  const bidFailed = consortiumProblems || !showForm || barred ? undefined : replyFor(failed, 'submit', 'edit', 'confirm')
  return (
    <div className="page">
      <p className="eyebrow">
        <Link to={`/procurements/${p.id}`}>{p.number}</Link>
      </p>
      <h1>{t(direct ? 'bid.confirmTitle' : 'bid.title')}</h1>
      <p className="lead">
        {p.title} <StatusBadge status={p.status} />
      </p>
      {data?.ok ? (
        <p className="alert ok" role="status">
          {t(`bid.done.${data.intent}` as MessageKey)}
        </p>
      ) : null}
      {failed && failed.formError !== 'errors.form' && !consortiumProblems && !bidFailed ? <FormError error={failed.formError} /> : null}
      {consortiumProblems ? <ConsortiumProblems problems={consortiumProblems} items={announcement.items} specialtyName={specialtyName} /> : null}
      {invitations.map((i) => (
        <ConsortiumInvitation key={i.bidId} bidId={i.bidId} bid={i.bid} parties={i.parties} items={announcement.items} status={i.status} open={open} busy={busy} reply={data} />
      ))}
      {ownCandidate ? <OfferActions mine={ownCandidate} confirmed={!!announcement.award?.award.confirmedAt} busy={busy} reply={data} /> : null}
      {winner && afterAward && announcement.award?.award.confirmedAt ? <WonSection failed={failed} /> : null}
      {afterAward ? <Escrow milestones={afterAward.escrow} /> : null}
      {afterAward ? <AfterAward data={afterAward} /> : null}
      <ObjectionSection />
      <MyBidSection />
      {showForm ? (
        <BidFormSection failed={failed} summary={bidFailed} />
      ) : !open && p.status === 'published' ? (
        <p className="alert warn">{t('errors.biddingClosed')}</p>
      ) : null}
      <Announcement data={announcement} specialtyNames={specialties} selection={selection} />
      <Clarifications items={qa} />
      <AskSection />
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
