import { useLoaderData } from '@remix-run/react'
import { DataTable } from '~/components/data-table'
import { StandingReasons } from '~/components/standing-reasons'
import { formatDateTime, formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import type { loader } from './route'

/** Before the opening, how many bids stand (nothing more); after it, every bid with its bidder and standing. */
export function BidsSection() {
  const { announcement, bidCount, bids, specialties, drawMinimum } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const { p } = announcement
  if (p.status === 'published')
    return (
      <section className="card" aria-labelledby="bids-title">
        <h2 id="bids-title">{t('own.sealedTitle')}</h2>
        <p className="big-number">{t('own.bidCount', { n: bidCount ?? 0 })}</p>
        {drawMinimum !== null && (bidCount ?? 0) < drawMinimum ? (
          <p className="alert warn">{t('own.drawShort', { n: bidCount ?? 0, min: drawMinimum })}</p>
        ) : null}
        <p className="hint">{t('own.sealedHint', { at: p.bidDeadline ? formatDateTime(p.bidDeadline, locale) : '' })}</p>
      </section>
    )
  if (!bids.length) return null
  return (
    <section className="card" aria-labelledby="opened-title">
      <h2 id="opened-title">{t('own.openedTitle', { n: bids.filter((b) => b.counts).length })}</h2>
      <DataTable
        label={t('own.openedTitle', { n: bids.length })}
        rows={bids}
        rowKey={(b) => b.id}
        rowClass={(b) => (b.counts ? undefined : 'muted')}
        columns={[
          {
            header: t('own.agency'),
            lead: true,
            cell: (b) => (
              <>
                {en ? b.agencyEn : b.agencyZh}
                <div className="mono sub muted">{b.uscc}</div>
                {b.members.length ? <div className="sub muted">{t('proc.withMembers', { names: b.members.map((m) => (en ? m.nameEn : m.nameZh)).join(en ? ', ' : '、') })}</div> : null}
              </>
            ),
          },
          { header: t('bid.price'), className: 'num', cell: (b) => formatYuan(b.priceFen, locale) },
          { header: t('proc.committedDays'), className: 'num', cell: (b) => t('time.days', { n: b.committedDays }) },
          {
            header: t('bid.myState'),
            cell: (b) => (
              <>
                {t(b.counts ? 'own.bidCounts' : b.excluded && b.status === 'active' ? `bid.excluded.${b.excluded}` : `bid.status.${b.status}`)}
                {b.excludedReasons.length ? <StandingReasons reasons={b.excludedReasons} specialties={specialties} items={Object.fromEntries(announcement.items.map((i) => [i.itemId, i]))} className="plain sub muted" /> : null}
              </>
            ),
          },
        ]}
      />
    </section>
  )
}
