import crypto from 'node:crypto'
import fs from 'node:fs'
import { inject } from 'vitest'
import { openDatabase, pgPool, type Database } from '../../db/client'
import { ledgerProblems } from '../../services/payments'
import { ADMIN_URL, TEMPLATE } from './db-global'

export const driver = process.env.DB_DRIVER === 'postgres' ? 'postgres' : 'pglite'

/**
 * A fresh, migrated database with the reference data, for one test file (or one test): on
 * PGlite loaded from the run's dump, on PostgreSQL created from the run's template.
 */
export async function freshDatabase(): Promise<Database> {
  return balancedAtClose(await openFresh())
}

/**
 * Every test file's database is checked as it closes: whatever the file did with money, the
 * ledger must balance, movement by movement and payment by payment (services/payments/ledger.ts).
 */
function balancedAtClose(database: Database): Database {
  return {
    ...database,
    close: async () => {
      const problems = await ledgerProblems(database.db).catch((error: unknown) => [`the ledger could not be read: ${(error as Error).message}`])
      await database.close()
      if (problems.length) throw new Error(`the ledger does not balance:\n${problems.join('\n')}`)
    },
  }
}

async function openFresh(): Promise<Database> {
  if (driver === 'pglite') {
    const dump = fs.readFileSync(inject('pgliteDump'))
    return openDatabase({ memory: true, loadDataDir: new Blob([dump]) })
  }
  // Named after the run's main process, so a later run can tell whether its owner is still alive.
  const name = `zjcs_t_${process.env.ZJCS_TEST_RUN ?? process.pid}_${crypto.randomBytes(4).toString('hex')}`
  const admin = await openDatabase({ url: ADMIN_URL, poolSize: 1 })
  const client = pgPool(admin)
  // Two CREATE DATABASE from one template at once can fail: take turns.
  await client.query('select pg_advisory_lock(72230099)')
  try {
    await client.query(`create database ${name} template ${TEMPLATE}`)
  } finally {
    await client.query('select pg_advisory_unlock(72230099)')
  }
  const database = await openDatabase({ url: ADMIN_URL.replace(/\/[^/]*$/, `/${name}`), poolSize: 12 })
  return {
    ...database,
    close: async () => {
      await database.close()
      await client.query(`drop database if exists ${name} with (force)`)
      await admin.close()
    },
  }
}

/** drizzle wraps the database's error in "Failed query: …"; the reason is in its cause. */
export async function dbError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    const e = error as Error & { cause?: Error }
    return `${e.message} ${e.cause?.message ?? ''}`
  }
  throw new Error('expected the query to fail')
}
