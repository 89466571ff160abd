import writeXlsxFile from 'write-excel-file/node'
import { badRequest } from './request.server'

/**
 * A list exported as people open it: CSV (UTF-8 with a byte-order mark, so Excel on a Chinese
 * Windows reads the characters right; CRLF rows) or an Excel workbook (write-excel-file).
 * Columns are headed in the reader's language; money is yuan with two decimals, times are
 * Beijing time. A cell that a spreadsheet would run as a formula (starting with = + - @, a tab or
 * a carriage return) is written as text with a leading apostrophe, so an exported title cannot
 * run anything on the office's machine (CSV injection).
 */
/** Text, a count, or an amount of money in integer fen (written as yuan with two decimals). */
export type Cell = string | number | { fen: number } | null
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]
/** Beyond this many rows a list is narrowed with its filters first. */
export const EXPORT_MAX_ROWS = 10_000

export function exportFormat(url: URL): ExportFormat {
  const format = url.searchParams.get('format') ?? 'csv'
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw badRequest('errors.badQuery')
  return format as ExportFormat
}

/** What a spreadsheet would read as a formula is made plain text. */
export function neutralize(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

/** Integer fen as yuan text, exactly: 1234567 → 12345.67. */
const yuanText = (fen: number) => `${fen < 0 ? '-' : ''}${Math.trunc(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`

function csvCell(value: Cell): string {
  if (value === null) return ''
  const text = typeof value === 'number' ? String(value) : typeof value === 'object' ? yuanText(value.fen) : neutralize(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function toCsv(headers: string[], rows: Cell[][]): string {
  return '\uFEFF' + [headers, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

/** A download of `rows` under `name` (ASCII, without extension), in the asked format. */
export async function exportResponse(format: ExportFormat, name: string, headers: string[], rows: Cell[][]): Promise<Response> {
  const disposition = (ext: string) => `attachment; filename="${name}.${ext}"`
  if (format === 'csv') {
    return new Response(toCsv(headers, rows), { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': disposition('csv'), 'cache-control': 'no-store' } })
  }
  const sheet = [
    headers.map((h) => ({ value: h, fontWeight: 'bold' as const })),
    ...rows.map((row) =>
      row.map((v) =>
        v === null ? null : typeof v === 'number' ? { type: Number, value: v } : typeof v === 'object' ? { type: Number, value: Number(yuanText(v.fen)), format: '#,##0.00' } : { type: String, value: neutralize(v) },
      ),
    ),
  ]
  const buffer = await writeXlsxFile(sheet, { stickyRowsCount: 1 }).toBuffer()
  return new Response(new Uint8Array(buffer), {
    headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'content-disposition': disposition('xlsx'), 'cache-control': 'no-store' },
  })
}
