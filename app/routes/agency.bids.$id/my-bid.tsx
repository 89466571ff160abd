import { Form, useLoaderData, useNavigation } from '@remix-run/react'
import { ConsortiumParties } from '~/components/consortium'
import { DefinitionList } from '~/components/field'
import { StandingReasons } from '~/components/standing-reasons'
import type { MessageKey } from '~/i18n'
import { formatDateTime, formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import type { loader } from './route'

/** The agency's own bid, whole (only it may read it before the opening), its parties, and its withdrawal. */
export function MyBidSection() {
  const { mine, specialties, consortium, announcement, open } = useLoaderData<typeof loader>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const locale = useLocale()
  if (!mine) return null
  const ledParties = consortium && consortium.parties.length > 1 ? consortium.parties : null
  const live = mine.status !== 'withdrawn'
  return (
    <section className="card" aria-labelledby="mine-title">
      <h2 id="mine-title">{t('bid.mine')}</h2>
      {mine.status === 'needs_reconfirm' || (!mine.current && live) ? <p className="alert warn">{t('bid.reconfirm')}</p> : null}
      {mine.excluded ? (
        <div className="alert warn" role="status">
          <p>{t(`bid.excluded.${mine.excluded}` as MessageKey)}</p>
          {mine.excludedReasons.length ? <StandingReasons reasons={mine.excludedReasons} specialties={specialties} items={Object.fromEntries(announcement.items.map((i) => [i.itemId, i]))} /> : null}
        </div>
      ) : null}
      <DefinitionList
        items={[
          [t('bid.price'), formatYuan(mine.priceFen, locale)],
          [t('proc.committedDays'), t('time.days', { n: mine.committedDays })],
          [t('bid.myState'), t(`bid.status.${mine.status}`)],
          [t('bid.submittedAt'), formatDateTime(mine.submittedAt, locale)],
          [t('bid.nonce'), <code className="nonce" key="n">{mine.nonce}</code>],
        ]}
      />
      <p className="hint">{t('bid.nonceHint')}</p>
      {ledParties && live ? (
        <>
          <h3>{t('cons.parties')}</h3>
          {ledParties.some((x) => x.status !== 'accepted') ? <p className="alert warn">{t('cons.incomplete')}</p> : null}
          <ConsortiumParties parties={ledParties} items={announcement.items} />
        </>
      ) : null}
      {open && live && announcement.p.method !== 'direct' ? (
        <Form method="post">
          <button type="submit" name="intent" value="withdraw" className="button secondary" disabled={busy}>
            {t('bid.withdraw')}
          </button>
        </Form>
      ) : null}
    </section>
  )
}
