import { formatYuan } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { TableWrap } from './field'

export interface PriceRow {
  id: string
  itemId: string
  content: string
  unit: string
  feeFen: number
  legalBasis: string
  complaintPhone: string
}

/** A price list as the public reads it; `remove` renders a delete button per row (drafts only). */
export function PriceTable({ rows, items, label, remove }: { rows: PriceRow[]; items: Record<string, { nameZh: string; nameEn: string }>; label: string; remove?: (row: PriceRow) => React.ReactNode }) {
  const t = useT()
  const locale = useLocale()
  return (
    <TableWrap label={label}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('svc.item')}</th>
            <th scope="col">{t('svc.content')}</th>
            <th scope="col">{t('svc.unit')}</th>
            <th scope="col">{t('svc.feeShown')}</th>
            <th scope="col">{t('svc.legalBasis')}</th>
            <th scope="col">{t('svc.complaintPhone')}</th>
            {remove ? <th scope="col"><span className="sr-only">{t('svc.remove')}</span></th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{locale === 'en' ? items[row.itemId]?.nameEn : items[row.itemId]?.nameZh}</td>
              <td>{row.content}</td>
              <td>{row.unit}</td>
              <td className="num">{formatYuan(row.feeFen, locale)}</td>
              <td>{row.legalBasis}</td>
              <td>{row.complaintPhone}</td>
              {remove ? <td>{remove(row)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  )
}
