import { Link } from '@remix-run/react'
export { StatusBadge } from './status-badge'
import { DefinitionList } from './field'
import { SelectionResult, type SelectionData } from './selection-result'
import { BarChart } from './charts'
import { Countdown, ProcurementProgress } from './progress'
import { DateTime } from './date-time'
import { formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import type { MessageKey } from '~/i18n'
import type { AmendableTerm } from '../../services/procurement/amendable-terms'

export interface AnnouncementData {
  /** the server's clock when the page was made */
  now: string
  /** which dates were counted across a provisional year (they may still move later) */
  provisional: { deadline: boolean; standstill: boolean }
  p: {
    id: string
    number: string | null
    title: string
    projectCode: string
    projectName: string
    description: string
    status: string
    method: string
    fundingSource: string
    maxPriceFen: number
    floorPriceFen: number | null
    expectedDays: number
    consortiumAllowed: boolean
    practitionersRequired: boolean
    requirement: { mode: 'any' | 'all'; specialties: string[]; minLevel: 1 | 2 | 3 } | null
    announcementDays: number
    contactName: string
    contactPhone: string
    publishedAt: string | null
    bidDeadline: string | null
    openedAt: string | null
    cancelReason: string | null
    failedReason: string | null
    termsVersion: number
    directReason: string | null
    drawCommitment: string | null
    minStepFen?: number | null
    weights?: { price: number; credit: number; days: number } | null
    shortlist?: { longList: number; shortList: number } | null
  }
  ownerZh: string
  ownerEn: string
  regionZh: string
  regionEn: string
  items: Array<{ itemId: string; code: string; nameZh: string; nameEn: string; itemVersion: number }>
  directAgency: { nameZh: string; nameEn: string; uscc: string } | null
  /** the procurement announced again after this one failed, and the one this repeats */
  reannounced?: { id: string; number: string | null; status: string } | null
  repeats?: { id: string; number: string | null } | null
  /** The amendment notices: each amendment of the published terms, oldest first */
  amendments?: Array<{ at: string; version: number; changed: AmendableTerm[]; reason: string; bidDeadline: string | null }>
  attachments?: Array<{ id: string; name: string | null; size: number }>
  award: {
    award: { priceFen: number; committedDays: number; decidedAt: string; standstillEndsAt: string; confirmedAt: string | null }
    members: Array<{ nameZh: string; nameEn: string; uscc: string }>
    agencyZh: string
    agencyEn: string
    agencyUscc: string
    savingsFen: number
    savingsBp: number
  } | null
}


/** The announcement as everyone reads it; the result notice once there is one. */
export function Announcement({ data, specialtyNames, selection, linkBase = '/procurements' }: { data: AnnouncementData; specialtyNames: Record<string, { nameZh: string; nameEn: string }>; selection?: SelectionData | null; /** where another procurement's page is, for this reader */ linkBase?: string }) {
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const { p } = data
  const spec = (code: string) => (specialtyNames[code] ? (en ? specialtyNames[code].nameEn : specialtyNames[code].nameZh) : code)
  // A failed one stopped at the opening; a cancelled one where it was (before the deadline, or before publication).
  // A terminated contract stopped in the service, after the contract; a failure at the opening.
  const stoppedAt = p.status === 'terminated' ? 5 : p.status === 'failed' ? 2 : p.publishedAt ? 1 : 0
  return (
    <>
      <ProcurementProgress
        status={p.status}
        stoppedAt={stoppedAt}
        dates={{ published: p.publishedAt, deadline: p.bidDeadline, opening: p.openedAt, notice: data.award?.award.decidedAt ?? null }}
      />
      {p.status === 'published' && p.bidDeadline ? (
        <p className="countdown-line">
          <Countdown to={p.bidDeadline} serverNow={data.now} />
        </p>
      ) : null}
      {data.award ? (
        <section className="card result-notice" aria-labelledby="result-title">
          <h2 id="result-title">{t('proc.result')}</h2>
          <div className="award-stats">
            <div>
              <span className="stat-label">{t('proc.winner')}</span>
              <strong>{en ? data.award.agencyEn : data.award.agencyZh}</strong>
              <span className="mono muted">{data.award.agencyUscc}</span>
              {data.award.members.length ? (
                <span className="muted sub">
                  {t('proc.withMembers', { names: data.award.members.map((m) => (en ? m.nameEn : m.nameZh)).join(en ? ', ' : '、') })}
                </span>
              ) : null}
            </div>
            <div>
              <span className="stat-label">{t('proc.awardPrice')}</span>
              <strong>{formatYuan(data.award.award.priceFen, locale)}</strong>
            </div>
            <div>
              <span className="stat-label">{t('proc.committedDays')}</span>
              <strong>{t('time.days', { n: data.award.award.committedDays })}</strong>
            </div>
            <div>
              <span className="stat-label">{t('proc.savings')}</span>
              <strong>{formatYuan(data.award.savingsFen, locale)}</strong>
              <span className="muted">{t('proc.savingsRate', { rate: (data.award.savingsBp / 100).toFixed(2) })}</span>
            </div>
          </div>
          <SavingsChart maxFen={p.maxPriceFen} awardFen={data.award.award.priceFen} savingsBp={data.award.savingsBp} />
          <DefinitionList
            items={[
              [t('proc.method'), t(`method.${p.method}` as MessageKey)],
              [t('proc.decidedAt'), <DateTime key="d" at={data.award.award.decidedAt} />],
              [t('proc.standstillEnds'), <DateTime key="s" at={data.award.award.standstillEndsAt} provisional={data.provisional.standstill} />],
            ]}
          />
        </section>
      ) : null}
      {p.method === 'reverse_auction' && p.openedAt ? (
        <p>
          <Link to={`/procurements/${p.id}/auction`} className="button secondary">
            {t(p.status === 'selecting' ? 'proc.auctionWatch' : 'proc.auctionReplay')}
          </Link>
        </p>
      ) : null}
      {selection ? <SelectionResult data={selection} /> : null}
      {p.status === 'cancelled' && p.cancelReason ? <p className="alert warn">{t('proc.cancelledBecause', { reason: p.cancelReason })}</p> : null}
      {p.status === 'failed' && p.failedReason ? (
        <p className="alert warn">
          {t(`proc.failed.${p.failedReason}` as MessageKey)}
          {data.reannounced ? (
            <>
              {' '}
              <Link to={`${linkBase}/${data.reannounced.id}`}>{t('proc.reannouncedAs', { number: data.reannounced.number ?? t('proc.status.draft') })}</Link>
            </>
          ) : null}
        </p>
      ) : null}
      {data.repeats ? (
        <p className="alert info">
          <Link to={`${linkBase}/${data.repeats.id}`}>{t('proc.repeats', { number: data.repeats.number ?? '' })}</Link>
        </p>
      ) : null}
      <section className="card" aria-labelledby="terms-title">
        <h2 id="terms-title">{t('proc.terms')}</h2>
        <DefinitionList
          items={[
            [t('proc.owner'), en ? data.ownerEn : data.ownerZh],
            [t('proc.projectCode'), <span className="mono" key="c">{p.projectCode}</span>],
            [t('proc.projectName'), p.projectName],
            [t('proc.region'), en ? data.regionEn : data.regionZh],
            [
              t('proc.items'),
              <ul className="plain" key="i">
                {data.items.map((i) => (
                  <li key={i.code}>
                    <span className="mono">{i.code}</span> {en ? i.nameEn : i.nameZh} <span className="muted">{t('proc.itemVersion', { v: i.itemVersion })}</span>
                  </li>
                ))}
              </ul>,
            ],
            [t('proc.maxPrice'), formatYuan(p.maxPriceFen, locale)],
            [t('proc.floorPrice'), p.floorPriceFen === null ? t('proc.none') : formatYuan(p.floorPriceFen, locale)],
            [t('proc.expectedDays'), t('time.days', { n: p.expectedDays })],
            [
              t('proc.requirement'),
              p.requirement
                ? t(`proc.requirementText.${p.requirement.mode}`, { list: p.requirement.specialties.map(spec).join(en ? ', ' : '、'), level: t(`proc.minLevel.${p.requirement.minLevel}`) })
                : t('proc.requirementCatalog'),
            ],
            [t('proc.practitioners'), t(p.practitionersRequired ? 'proc.yes' : 'proc.no')],
            [t('proc.consortium'), t(p.consortiumAllowed ? 'proc.yes' : 'proc.no')],
            [t('proc.fundingSource'), t(`proc.funding.${p.fundingSource}` as MessageKey)],
            [t('proc.method'), t(`method.${p.method}` as MessageKey)],
            ...(p.minStepFen ? ([[t('proc.minStep'), formatYuan(p.minStepFen, locale)]] as Array<[string, string]>) : []),
            ...(p.weights ? ([[t('proc.weights'), t('proc.weightsText', p.weights)]] as Array<[string, string]>) : []),
            ...(p.shortlist ? ([[t('proc.shortlist'), t('proc.shortlistText', p.shortlist)]] as Array<[string, string]>) : []),
            ...(data.directAgency ? ([[t('proc.directAgency'), `${en ? data.directAgency.nameEn : data.directAgency.nameZh} (${data.directAgency.uscc})`]] as Array<[string, string]>) : []),
            ...(p.directReason ? ([[t('proc.directReason'), p.directReason]] as Array<[string, string]>) : []),
            [t('proc.publishedAt'), p.publishedAt ? <DateTime key="p" at={p.publishedAt} /> : '—'],
            [t('proc.deadline'), p.bidDeadline ? <DateTime key="b" at={p.bidDeadline} provisional={data.provisional.deadline} /> : t('proc.deadlineAfterPublish', { n: p.announcementDays })],
            [t('proc.contact'), `${p.contactName} · ${p.contactPhone}`],
            ...(p.drawCommitment
              ? ([[t('proc.drawCommitment'), <span key="dc"><code className="hash commitment">{p.drawCommitment}</code> <Link to="/draws/algorithm">{t('proc.drawHow')}</Link></span>]] as Array<[string, React.ReactNode]>)
              : []),
          ]}
        />
        {data.attachments?.length ? (
          <div className="attachments">
            <h3>{t('proc.attachments')}</h3>
            <ul className="plain">
              {data.attachments.map((a) => (
                <li key={a.id}>
                  <a href={`/files/${a.id}`}>{a.name ?? a.id}</a> <span className="muted sub">{t('proc.fileSize', { kb: Math.max(1, Math.round(a.size / 1024)) })}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {data.provisional.deadline || data.provisional.standstill ? <p className="hint">{t('proc.provisionalNote')}</p> : null}
        {p.description ? <p className="description">{p.description}</p> : null}
      </section>
      {data.amendments?.length ? <Amendments amendments={data.amendments} /> : null}
    </>
  )
}

const TERM_LABELS: Record<AmendableTerm, MessageKey> = {
  maxPriceFen: 'proc.maxPrice', floorPriceFen: 'proc.floorPrice', expectedDays: 'proc.expectedDays', method: 'proc.method', methodParams: 'proc.minStep', requirement: 'proc.requirement', practitionersRequired: 'proc.practitioners',
}

/** The amendment notices: what each amendment changed, why, and the deadline it moved to; the terms above are the current ones. */
function Amendments({ amendments }: { amendments: NonNullable<AnnouncementData['amendments']> }) {
  const t = useT()
  const locale = useLocale()
  return (
    <section className="card" aria-labelledby="amendments-title">
      <h2 id="amendments-title">{t('proc.amendmentsTitle')}</h2>
      <p className="hint">{t('proc.amendmentsHint')}</p>
      <ol className="amendments">
        {[...amendments].reverse().map((a) => (
          <li key={a.version}>
            <p>
              <strong>{t('proc.amendmentVersion', { v: a.version })}</strong> · <DateTime at={a.at} />
            </p>
            <p>{t('proc.amendmentChanged', { list: a.changed.map((k) => t(TERM_LABELS[k])).join(locale === 'en' ? ', ' : '、') })}</p>
            {a.bidDeadline ? (
              <p>
                {t('proc.amendmentDeadline')} <DateTime at={a.bidDeadline} />
              </p>
            ) : null}
            <p>{t('proc.amendmentReason', { reason: a.reason })}</p>
          </li>
        ))}
      </ol>
    </section>
  )
}

/** The award price against the max price, as bars with their figures, and the saving in words and numbers. */
function SavingsChart({ maxFen, awardFen, savingsBp }: { maxFen: number; awardFen: number; savingsBp: number }) {
  const t = useT()
  const locale = useLocale()
  const rate = (savingsBp / 100).toFixed(2)
  return (
    <div className="savings-chart">
      <BarChart
        title={t('proc.savingsChart')}
        caption={t('proc.savingsCaption', { amount: formatYuan(maxFen - awardFen, locale), rate })}
        parts={[t('proc.maxPrice')]}
        bars={[
          { label: t('proc.maxPriceShort'), values: [maxFen] },
          { label: t('proc.awardPriceShort'), values: [awardFen] },
        ]}
        format={(v) => formatYuan(v, locale)}
      />
      <table className="compact">
        <caption className="sr-only">{t('proc.savingsChart')}</caption>
        <tbody>
          <tr><th scope="row">{t('proc.maxPrice')}</th><td className="num">{formatYuan(maxFen, locale)}</td></tr>
          <tr><th scope="row">{t('proc.awardPrice')}</th><td className="num">{formatYuan(awardFen, locale)}</td></tr>
          <tr><th scope="row">{t('proc.savings')}</th><td className="num">{formatYuan(maxFen - awardFen, locale)} ({rate}%)</td></tr>
        </tbody>
      </table>
    </div>
  )
}
