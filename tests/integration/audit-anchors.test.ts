import { generateKeyPairSync } from 'node:crypto'
import { asc, gt, gte, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { auditLog } from '../../db/schema'
import { anchorFeed, appendAudit, checkAnchors, hashEntry, publishAnchor, signerFromKey, verifyChain, type AnchorFeed } from '../../services/audit'
import { freshDatabase } from '../support/db'

/**
 * What the chain alone cannot catch, the anchors do: the newest entries deleted, or an entry
 * edited and every later hash recomputed, both pass `verifyChain` and both fail against a saved
 * copy of the signed heads.
 */
let database: Database
const signer = signerFromKey(generateKeyPairSync('ed25519').privateKey)
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 23, 2, minutes))
async function add(n: number, from: number) {
  for (let i = 0; i < n; i++) await database.db.transaction((tx) => appendAudit(tx, { actor: {}, action: 'test.step', entityType: 'test', entityId: String(from + i), after: { n: from + i }, at: at(from + i) }))
}
let saved: AnchorFeed

beforeAll(async () => {
  database = await freshDatabase()
  await add(5, 0)
  expect(await publishAnchor(database.db, at(10), signer)).not.toBeNull()
  // Nothing new: no second anchor for the same head.
  expect(await publishAnchor(database.db, at(11), signer)).toBeNull()
  await add(5, 20)
  await publishAnchor(database.db, at(30), signer)
  // What an outside archive keeps: a copy of the public feed, as JSON.
  saved = JSON.parse(JSON.stringify(await anchorFeed(database.db, signer))) as AnchorFeed
  expect(saved.anchors).toHaveLength(2)
})
afterAll(async () => database?.close())

/** What someone with write access to the database could do, append-only triggers off. */
const tamper = (work: (tx: Database['db']) => Promise<unknown>) =>
  database.db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger user`)
    await work(tx)
    await tx.execute(sql`alter table audit_log enable trigger user`)
  })

describe('anchors of the audit chain', () => {
  it('verify as published: signed, and matching the chain', async () => {
    expect(await checkAnchors(database.db, saved)).toEqual({ ok: true, checked: 2, problems: [] })
    const forged = { ...saved, anchors: saved.anchors.map((a, i) => (i === 1 ? { ...a, headHash: '0'.repeat(64) } : a)) }
    expect((await checkAnchors(database.db, forged)).problems).toEqual([{ anchor: 1, reason: 'signature' }])
  })

  it('catch an entry edited with every later hash recomputed, which the chain alone passes', async () => {
    const entries = await database.db.select().from(auditLog).orderBy(asc(auditLog.id))
    const target = entries[2]!
    await tamper(async (tx) => {
      let prev = target.prevHash
      for (const entry of entries.filter((e) => e.id >= target.id)) {
        const edited = { ...entry, prevHash: prev, after: entry.id === target.id ? { n: 999 } : entry.after }
        const hash = hashEntry(edited)
        await tx.update(auditLog).set({ after: edited.after, prevHash: prev, hash }).where(sql`${auditLog.id} = ${entry.id}`)
        prev = hash
      }
    })
    expect((await verifyChain(database.db)).ok).toBe(true)
    const report = await checkAnchors(database.db, saved)
    expect(report.ok).toBe(false)
    expect(report.problems.map((p) => p.reason)).toEqual(['changed', 'changed'])
  })

  it('catch the newest entries deleted, which the chain alone passes', async () => {
    await tamper((tx) => tx.delete(auditLog).where(gte(auditLog.id, saved.anchors[0]!.headId + 2)))
    expect((await verifyChain(database.db)).ok).toBe(true)
    const report = await checkAnchors(database.db, saved)
    expect(report.problems).toContainEqual({ anchor: 1, reason: 'missing', headId: saved.anchors[1]!.headId })
    expect(await database.db.select().from(auditLog).where(gt(auditLog.id, saved.anchors[1]!.headId))).toEqual([])
  })
})
