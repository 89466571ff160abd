import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { localeFromAcceptLanguage, messagesOf, namespaceOf, translator } from '~/i18n'
import { messages } from '~/i18n/messages.server'
import { CORE_NAMESPACES, namespacesOf } from '~/i18n/page-messages'
import { ERROR_CODES, PAGE_ERROR_CODES } from '../../services/shared/error-codes'
import { AUDIT_ACTIONS } from '../../services/audit/actions'
import { CREDIT_EVENT_KINDS } from '../../services/credit/kinds'
import { formatDateTime, formatDay, formatYuan } from '~/utils/format'

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)(?:\|[^}]*)?\}/g)].map((m) => m[1]))].sort()

describe('both languages everywhere', () => {
  const zh = messages['zh-CN']
  const en = messages.en

  it('has every key in both languages, none empty, with the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort())
    for (const key of Object.keys(zh) as Array<keyof typeof zh>) {
      expect(zh[key].trim(), `zh ${key}`).not.toBe('')
      expect(en[key].trim(), `en ${key}`).not.toBe('')
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]))
    }
  })

  it('keeps English free of Chinese except where the term itself is shown', () => {
    const allowed = new Set(['lang.zh', 'level.1', 'level.2', 'level.3', 'proc.minLevel.1', 'proc.minLevel.2', 'proc.minLevel.3'])
    for (const [key, text] of Object.entries(en)) if (!allowed.has(key)) expect(/[\u4e00-\u9fff]/.test(text), key).toBe(false)
  })

  it('uses every key it defines, and defines every key it uses', () => {
    const source = walk('app').filter((f) => !f.includes(`${path.sep}i18n${path.sep}`)).map((f) => fs.readFileSync(f, 'utf8')).join('\n')
    const domain = walk('services').map((f) => fs.readFileSync(f, 'utf8')).join('\n')
    const all = source + domain
    const used = new Set([...all.matchAll(/['"`]([a-z]+\.[a-zA-Z0-9.]+)['"`]/g)].map((m) => m[1]!))
    // Keys built from a value (`role.${kind}`) are covered by their prefix.
    const prefixes = [...all.matchAll(/`([a-z]+\.(?:[a-zA-Z]+\.)?)\$\{/g)].map((m) => m[1]!)
    const unused = Object.keys(zh).filter((k) => !used.has(k) && !prefixes.some((p) => k.startsWith(p)))
    expect(unused).toEqual([])
    // Every error a service can raise, and every notification it sends, can be said in both languages.
    const raised = [...domain.matchAll(/['"`](errors\.[a-zA-Z0-9.]+)['"`]/g)].map((m) => m[1]!)
    const kinds = [...domain.matchAll(/notify\(\w+, \{[^}]*?kind: '([a-zA-Z]+)'/g)].map((m) => `notify.${m[1]}`)
    const REVIEW_KINDS = ['notify.qualificationApproved', 'notify.qualificationRejected', 'notify.qualificationChangesRequested']
    expect([...new Set([...raised, ...kinds])].filter((k) => !(k in zh)).sort()).toEqual([])
    expect(REVIEW_KINDS.filter((k) => !(k in zh))).toEqual([])
    // Every kind of job the queue runs has a name in words on the office's jobs page.
    const jobs = [...domain.matchAll(/name: '([a-z]+\.[a-zA-Z.-]+)'|scheduleEvery\(queue, clock, '([a-z]+\.[a-zA-Z.-]+)'/g)].map((m) => `jobs.kind.${m[1] ?? m[2]}`)
    expect(jobs.length).toBeGreaterThan(8)
    expect([...new Set(jobs)].filter((k) => !(k in zh))).toEqual([])
    // Every action the audit log records is listed for its filter and named in words.
    const written = [
      ...[...domain.matchAll(/appendAudit\(\w+, \{[^}]*?action: '([a-zA-Z_.]+)'/g)].map((m) => m[1]!),
      ...[...domain.matchAll(/sealedAudit\(\w+, '([a-zA-Z_.]+)'/g)].map((m) => m[1]!),
      ...[...domain.matchAll(/\? '(bid\.[a-zA-Z_.]+)' : '(bid\.[a-zA-Z_.]+)'/g)].flatMap((m) => [m[1]!, m[2]!]),
      ...[...domain.matchAll(/setCandidate\([^;]*?'(selection\.[a-zA-Z_]+)'/g)].map((m) => m[1]!),
    ]
    expect(written.length).toBeGreaterThan(25)
    expect([...new Set(written)].filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a)).sort()).toEqual([])
    expect(AUDIT_ACTIONS.filter((a) => !(`audit.act.${a}` in zh))).toEqual([])
    // And each credit event kind recorded has words in the credit explanation.
    const events = [...fs.readFileSync('services/credit/events.ts', 'utf8').matchAll(/kind: ('[a-z_]+'(?: \| '[a-z_]+')*); orgId/g)].flatMap((m) => m[1]!.split(' | ').map((k) => k.replace(/'/g, '')))
    expect(events.sort()).toEqual([...CREDIT_EVENT_KINDS].sort())
    expect(CREDIT_EVENT_KINDS.map((k) => `credit.kind.${k}`).filter((k) => !(k in zh))).toEqual([])
  })

  it('writes no Chinese text outside the dictionaries', () => {
    const offenders: string[] = []
    for (const file of walk('app')) {
      if (file.includes(`${path.sep}i18n${path.sep}`)) continue
      fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        if (/[\u4e00-\u9fff]/.test(line)) offenders.push(`${file}:${i + 1}`)
      })
    }
    expect(offenders).toEqual([])
  })

  it('lists every error code the domain uses, each said in both languages', () => {
    const domain = walk('services').filter((f) => !f.endsWith('.test.ts')).map((f) => fs.readFileSync(f, 'utf8')).join('\n')
    const used = new Set([...domain.matchAll(/['"`]((?:errors|[a-z]+\.error)\.[a-zA-Z0-9.]+)['"`]/g)].map((m) => m[1]!))
    const listed = new Set<string>([...ERROR_CODES, ...PAGE_ERROR_CODES])
    expect([...used].filter((c) => !listed.has(c)).sort()).toEqual([])
    for (const code of [...ERROR_CODES, ...PAGE_ERROR_CODES]) for (const locale of ['zh-CN', 'en'] as const) expect(messages[locale][code], `${locale} ${code}`).toBeTruthy()
  })

  it('chooses the language from Accept-Language by quality', () => {
    expect(localeFromAcceptLanguage('en-US,en;q=0.9,zh-CN;q=0.8')).toBe('en')
    expect(localeFromAcceptLanguage('zh-TW,zh;q=0.9,en;q=0.8')).toBe('zh-CN')
    expect(localeFromAcceptLanguage('fr-FR;q=1, en;q=0.5, zh;q=0.7')).toBe('zh-CN')
    expect(localeFromAcceptLanguage('de, fr')).toBeNull()
    expect(localeFromAcceptLanguage('')).toBeNull()
    expect(localeFromAcceptLanguage('en;q=0, zh')).toBe('zh-CN')
  })

  it("sends a page the frame's words and its routes' namespaces, in one language", () => {
    expect(namespacesOf([{ handle: undefined }, { handle: { i18n: ['proc', 'bid'] } }, { handle: { i18n: ['proc'] } }])).toEqual([...CORE_NAMESPACES, 'bid', 'proc'].sort())
    const sent = messagesOf('en', ['bid'])
    expect(Object.keys(sent).length).toBe(Object.keys(messages.en).filter((k) => namespaceOf(k) === 'bid').length)
    expect(Object.keys(sent).every((k) => k.startsWith('bid.'))).toBe(true)
    expect(sent['bid.title' as keyof typeof sent]).toBe(messages.en['bid.title' as keyof typeof messages.en])
    expect(namespaceOf('proc.status.open')).toBe('proc')
  })

  it('fills placeholders', () => {
    expect(translator('en')('time.days', { n: 5 })).toBe('5 working days')
    expect(translator('zh-CN')('time.days', { n: 5 })).toBe('5 个工作日')
    expect(translator('en')('time.days', { n: 1 })).toBe('1 working day')
    expect(translator('en')('home.itemsCount', { n: 1 })).toBe('1 item')
  })
})

describe('formats', () => {
  it('shows integer fen as yuan with separators, never through floats', () => {
    expect(formatYuan(973_579_000, 'zh-CN')).toBe('¥9,735,790.00')
    expect(formatYuan(913_310_001, 'en')).toBe('¥9,133,100.01')
    expect(formatYuan(-5, 'en')).toBe('-¥0.05')
    expect(() => formatYuan(1.5, 'en')).toThrow(RangeError)
  })
  it('shows times in Asia/Shanghai, saying so, with the one date format of each language', () => {
    expect(formatDateTime('2026-11-22T16:30:00Z', 'en')).toBe('23 Nov 2026, 00:30 Beijing time (UTC+8)')
    expect(formatDateTime('2026-11-22T16:30:00Z', 'zh-CN')).toBe('2026年11月23日 00:30（北京时间）')
    // Midnight is 00:00, never 24:00; the date part is formatDay's.
    expect(formatDateTime('2027-02-21T16:00:00Z', 'en')).toBe(`${formatDay('2027-02-22', 'en')}, 00:00 Beijing time (UTC+8)`)
    expect(formatDateTime(new Date('2027-02-22T09:00:00Z'), 'zh-CN')).toBe(`${formatDay('2027-02-22', 'zh-CN')} 17:00（北京时间）`)
    expect(formatDay('2026-10-08', 'zh-CN')).toBe('2026年10月8日')
    expect(formatDay('2026-10-08', 'en')).toBe('8 Oct 2026')
  })
})

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return walk(full)
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : []
  })
}
