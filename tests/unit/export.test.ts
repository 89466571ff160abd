import { describe, expect, it } from 'vitest'
import { exportFormat, exportResponse, neutralize, toCsv } from '~/utils/export.server'

describe('exports', () => {
  it('writes CSV that Excel on a Chinese Windows opens right: a BOM, CRLF rows, quoted fields, money in yuan to the fen', () => {
    const csv = toCsv(['编号', '公告', '最高限价（元）'], [['ZJCS-2026-000001', '测绘, "含踏勘"\n二期', { fen: 12_345_67 }], ['ZJCS-2026-000002', null, { fen: 5 }], [null, '负数', { fen: -100 }]])
    expect(csv.startsWith('\uFEFF编号,公告,最高限价（元）\r\n')).toBe(true)
    expect(csv).toContain('ZJCS-2026-000001,"测绘, ""含踏勘""\n二期",12345.67\r\n')
    expect(csv).toContain('ZJCS-2026-000002,,0.05\r\n')
    expect(csv).toContain(',负数,-1.00\r\n')
  })

  it('never lets a cell run as a formula in a spreadsheet', () => {
    for (const evil of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) expect(neutralize(evil)).toBe(`'${evil}`)
    expect(neutralize('ZJCS-2026-000001')).toBe('ZJCS-2026-000001')
    expect(toCsv(['a'], [['=1+1']])).toContain("'=1+1")
  })

  it('writes an Excel workbook, and refuses a format it does not know', async () => {
    const response = await exportResponse('xlsx', 'announcements-2026-09-24', ['编号', '金额'], [['=cmd', { fen: 100 }]])
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="announcements-2026-09-24.xlsx"')
    const bytes = new Uint8Array(await response.arrayBuffer())
    // A zip (PK\x03\x04), as every .xlsx is.
    expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04])
    expect(exportFormat(new URL('http://x/e?format=xlsx'))).toBe('xlsx')
    expect(exportFormat(new URL('http://x/e'))).toBe('csv')
    expect(() => exportFormat(new URL('http://x/e?format=pdf'))).toThrow()
  })
})
