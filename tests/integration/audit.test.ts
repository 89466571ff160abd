import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { auditLog } from '../../db/schema'
import { appendAudit, verifyChain } from '../../services/audit'
import { dbError, freshDatabase } from '../support/db'

let database: Database
beforeAll(async () => {
  database = await freshDatabase()
})
afterAll(async () => database?.close())

const at = new Date('2026-11-23T01:00:00.000Z')

describe('audit log', () => {
  it('chains entries and verifies the chain', async () => {
    const { db } = database
    const first = await appendAudit(db, { actor: { ip: '127.0.0.1' }, action: 'test.one', entityType: 'thing', entityId: '1', after: { a: 1, when: at }, at })
    const second = await appendAudit(db, { actor: {}, action: 'test.two', entityType: 'thing', entityId: '2', before: { b: [1, 2] }, at })
    expect(second.prevHash).toBe(first.hash)
    expect(await verifyChain(db)).toEqual({ ok: true, checked: 2 })
  })

  it('keeps one unforked chain when many transactions append at once', async () => {
    const { db } = database
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        db.transaction((tx) => appendAudit(tx, { actor: {}, action: 'test.concurrent', entityType: 'thing', entityId: String(i), at })),
      ),
    )
    const report = await verifyChain(db)
    expect(report.ok).toBe(true)
    expect(report.checked).toBe(27)
  })

  it('loses the entry together with a change that rolls back', async () => {
    const { db } = database
    await expect(
      db.transaction(async (tx) => {
        await appendAudit(tx, { actor: {}, action: 'test.rolledback', entityType: 'thing', at })
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    const rows = await db.select().from(auditLog).where(sql`${auditLog.action} = 'test.rolledback'`)
    expect(rows).toHaveLength(0)
    expect((await verifyChain(db)).ok).toBe(true)
  })

  it('refuses UPDATE and DELETE, and a tampered entry breaks verification', async () => {
    const { db } = database
    expect(await dbError(db.execute(sql`update audit_log set action = 'forged' where id = 1`))).toMatch(/append-only/)
    expect(await dbError(db.execute(sql`delete from audit_log where id = 2`))).toMatch(/append-only/)
    // Someone with the database's owner rights switches the guard off and edits history.
    await db.execute(sql`alter table audit_log disable trigger audit_log_append_only`)
    await db.execute(sql`update audit_log set after = '{"a":2}'::jsonb where id = 1`)
    await db.execute(sql`alter table audit_log enable trigger audit_log_append_only`)
    expect(await verifyChain(db)).toEqual({ ok: false, checked: 0, brokenAt: { id: 1, reason: 'hash' } })
  })
})
