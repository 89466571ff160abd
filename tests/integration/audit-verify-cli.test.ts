import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { gt, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate, openDatabase } from '../../db/client'
import { auditLog } from '../../db/schema'
import { anchorFeed, appendAudit, loadSigner, publishAnchor } from '../../services/audit'

/**
 * `npm run audit:verify -- --anchors <saved copy>` on an embedded database in its own folder: it
 * passes on the chain as anchored, and fails, naming the entry, once the newest entries are cut.
 */
const run = promisify(execFile)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zjcs-audit-cli-'))
const dataDir = path.join(dir, 'data')
const savedFile = path.join(dir, 'anchors.json')
const verify = () =>
  run(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), 'services/audit/cli.ts', '--anchors', savedFile], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' } }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  )

beforeAll(async () => {
  const database = await openDatabase({ dataDir })
  await migrate(database)
  for (let i = 0; i < 4; i++) await database.db.transaction((tx) => appendAudit(tx, { actor: {}, action: 'test.step', entityType: 'test', entityId: String(i), at: new Date(Date.UTC(2026, 10, 23, 2, i)) }))
  const signer = loadSigner(path.join(dir, 'audit-anchor-key.pem'))
  await publishAnchor(database.db, new Date(Date.UTC(2026, 10, 23, 3)), signer)
  fs.writeFileSync(savedFile, JSON.stringify(await anchorFeed(database.db, signer)))
  await database.close()
}, 120_000)
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('npm run audit:verify with a saved copy of the anchors', () => {
  it('passes on the chain as anchored, and fails once its newest entries are cut', async () => {
    const intact = await verify()
    expect(intact.code, intact.out).toBe(0)
    expect(intact.out).toContain('anchors: all 1 saved anchors are signed and still match the chain')

    const database = await openDatabase({ dataDir })
    const [head] = await database.db.select({ id: auditLog.id }).from(auditLog).orderBy(sql`${auditLog.id} desc`).limit(1)
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger user`)
      await tx.delete(auditLog).where(gt(auditLog.id, head!.id - 2))
      await tx.execute(sql`alter table audit_log enable trigger user`)
    })
    await database.close()
    const cut = await verify()
    expect(cut.code).toBe(1)
    expect(cut.out).toContain('audit chain intact')
    expect(cut.out).toContain(`entry ${head!.id} is gone (the chain was cut)`)
  }, 120_000)
})
