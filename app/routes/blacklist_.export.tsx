import type { LoaderFunctionArgs } from '@remix-run/node'
import { translator } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { exportFormat, exportResponse } from '~/utils/export.server'
import { formatDay } from '~/utils/format'
import { getLocale } from '~/utils/i18n.server'
import { listSanctions, shanghaiDate } from '~/utils/services.server'

const LISTS = ['blacklist', 'suspension', 'yellow_card'] as const

/** One public list (`list`: the blacklist unless another is named) as CSV or Excel, as the page shows it. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const format = exportFormat(url)
  const list = LISTS.find((k) => k === url.searchParams.get('list')) ?? 'blacklist'
  const { db, clock } = await getApp()
  const locale = getLocale(request)
  const t = translator(locale)
  const today = shanghaiDate(clock.now())
  const rows = await listSanctions(db, today, { kinds: [list] })
  return exportResponse(
    format,
    `${list === 'blacklist' ? 'blacklist' : list === 'suspension' ? 'suspensions' : 'yellow-cards'}-${today}`,
    [t('bl.agency'), t('dash.uscc'), t('bl.decisionNo'), t('bl.reason'), t('bl.legalBasis'), t('bl.from'), t('bl.to'), t('bl.stateLabel')],
    rows.map((r) => [
      locale === 'en' ? r.nameEn : r.nameZh, r.uscc, r.sanction.decisionNo, r.sanction.reason, r.sanction.legalBasis,
      formatDay(r.sanction.startsOn, locale), r.sanction.endsOn ? formatDay(r.sanction.endsOn, locale) : t('bl.open'), t(`bl.state.${r.state}`),
    ]),
  )
}
