import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Sealed means sealed by construction: only services/bids/ may touch the bids
 * table, and it offers no read of another's bid before opening. This test holds every other
 * source file (web, services, seeds, scripts) to that, by import and by raw SQL.
 */
const ROOT = path.resolve(__dirname, '../..')
const ALLOWED = new Set(['db/schema/procurement.ts', 'db/schema/index.ts'])
/**
 * The benchmark's generator (issue 17) writes millions of bids, and the draw secrets of open
 * procurements, straight into a database of its own with SQL; it reads none back, and nothing
 * the app serves imports it.
 */
const BENCH_GENERATOR = 'seeds/scale.ts'
/** The bids folder: the one place that reads and writes bids (input, seal, parties, commands, opening, reads). */
const isBidsModule = (f: string) => f.startsWith('services/bids/')

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(rel)
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [rel] : []
  })
}

describe('the bids table', () => {
  const files = ['app', 'services', 'seeds', 'db'].flatMap(sources).filter((f) => !ALLOWED.has(f) && !isBidsModule(f))
  const written = files.filter((f) => f !== BENCH_GENERATOR)

  it('is imported from the schema by bids.ts alone, and so are its parties (a consortium names bidders)', () => {
    const offenders = files.filter((f) => /import\s*(type\s*)?\{[^}]*\b(bids|bidParties)\b[^}]*\}\s*from\s*['"][^'"]*db\/schema/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')))
    expect(offenders).toEqual([])
  })

  it('is named in no raw SQL outside bids.ts, nor are its parties', () => {
    const offenders = written.filter((f) => /\b(from|join|into|update)\s+"?(bids|bid_parties)\b/i.test(fs.readFileSync(path.join(ROOT, f), 'utf8')))
    expect(offenders).toEqual([])
  })

  it('the draw secret is written at publication and read by no page query', () => {
    // Allowed: the schema, publication (writes it), the re-announcement (drops it), the public queries (strip it),
    // and the selection at opening (the draw reads it and publishes it in its record).
    const allowed = new Set(['services/procurement/procurements.ts', 'services/procurement/queries.ts', 'services/selection/select.ts'])
    const offenders = written.filter((f) => !allowed.has(f) && /drawSecret|draw_secret/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')))
    expect(offenders).toEqual([])
  })

  it('the guard itself catches an offender', () => {
    expect(/import\s*(type\s*)?\{[^}]*\bbids\b[^}]*\}\s*from\s*['"][^'"]*db\/schema/.test("import { awards, bids } from '../../db/schema'")).toBe(true)
    expect(/\b(from|join|into|update)\s+"?bids\b/i.test('select * from bids where')).toBe(true)
    expect(/import\s*(type\s*)?\{[^}]*\b(bids|bidParties)\b[^}]*\}\s*from\s*['"][^'"]*db\/schema/.test("import { bidParties } from '../../db/schema'")).toBe(true)
    expect(/\b(from|join|into|update)\s+"?(bids|bid_parties)\b/i.test('select org_id from "bid_parties"')).toBe(true)
  })
})
