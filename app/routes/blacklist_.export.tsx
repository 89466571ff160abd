import type { LoaderFunctionArgs } from '@remix-run/node'
import { translator } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { exportFormat, exportResponse } from '~/utils/export.server'
import { formatDay } from '~/utils/format'
import { getLocale } from '~/utils/i18n.server'
import { listBlacklist, shanghaiDate } from '~/utils/services.server'

/** The public blacklist as CSV or Excel: every listing in force or about to start, as the page shows it. */
export async function loader({ request }: LoaderFunctionArgs) {
  const format = exportFormat(new URL(request.url))
  const { db, clock } = await getApp()
  const locale = getLocale(request)
  const t = translator(locale)
  const today = shanghaiDate(clock.now())
  const rows = await listBlacklist(db, today)
  return exportResponse(
    format,
    `blacklist-${today}`,
    [t('bl.agency'), t('dash.uscc'), t('bl.decisionNo'), t('bl.reason'), t('bl.from'), t('bl.to'), t('bl.stateLabel')],
    rows.map((r) => [
      locale === 'en' ? r.nameEn : r.nameZh, r.uscc, r.sanction.decisionNo, r.sanction.reason,
      formatDay(r.sanction.startsOn, locale), r.sanction.endsOn ? formatDay(r.sanction.endsOn, locale) : t('bl.open'), t(`bl.state.${r.state}`),
    ]),
  )
}
