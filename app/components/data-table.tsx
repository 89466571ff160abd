import { TableWrap } from './field'

/** One column of a list: its heading, which labels each of its cells when rows become cards on a phone. */
export interface Column<R> {
  header: string
  cell: (row: R) => React.ReactNode
  className?: string
  /** The heading is for screen readers only (a column of links or buttons). */
  hidden?: boolean
  /** On a phone the cell heads its card, full width and without a label (the title and its link). */
  lead?: boolean
}

/**
 * A list as a table on a wide screen and as one labelled card per row on a phone (below 640 px),
 * so no list makes a page scroll sideways. A column given as `false` is left out, for columns
 * only some viewers see.
 */
export function DataTable<R>({ label, columns, rows, rowKey, rowClass, className }: { label: string; columns: Array<Column<R> | false | null | undefined>; rows: readonly R[]; rowKey: (row: R) => string; rowClass?: (row: R) => string | undefined; className?: string }) {
  const cols = columns.filter((c): c is Column<R> => !!c)
  return (
    <TableWrap label={label}>
      <table className={className ? `data-table ${className}` : 'data-table'}>
        <thead>
          <tr>
            {cols.map((c, i) => (
              <th key={i} scope="col" className={c.className}>
                {c.hidden ? <span className="sr-only">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClass?.(row)}>
              {cols.map((c, i) => (
                <td key={i} className={[c.className, c.lead ? 'lead-cell' : undefined].filter(Boolean).join(' ') || undefined} data-label={c.lead || c.hidden ? undefined : c.header}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  )
}
