import fs from 'node:fs'
import path from 'node:path'
import { AsyncLocalStorage } from 'node:async_hooks'
import { PGlite } from '@electric-sql/pglite'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import pg from 'pg'
import * as schema from './schema'

export type Schema = typeof schema
/** One type for both drivers: services never know which database they run on. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>

export interface Database {
  db: Db
  kind: 'pglite' | 'postgres'
  close(): Promise<void>
  /** The embedded instance, for tests that clone or dump it. */
  pglite?: PGlite
}

export type DatabaseOptions =
  | { url: string; poolSize?: number }
  | { dataDir: string }
  | { memory: true; loadDataDir?: Blob | File }

export const migrationsFolder = path.resolve(process.cwd(), 'db/migrations')

/**
 * The queries of the work in progress (one web request), when something counts them: the
 * production server does with COUNT_QUERIES=true and answers each request's count in the header
 * `x-db-queries`, so a test holds every page to its budget. Kept on globalThis so the server and
 * the build share one. Outside a counted request nothing is recorded.
 */
export const queryLog: AsyncLocalStorage<string[]> = ((globalThis as { __zjcsQueryLog?: AsyncLocalStorage<string[]> }).__zjcsQueryLog ??= new AsyncLocalStorage<string[]>())
const logger = { logQuery: (query: string) => void queryLog.getStore()?.push(query) }

/** Any number chosen once; it serializes migrations across processes on PostgreSQL. */
const MIGRATION_LOCK = 72_230_001

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if ('url' in options) return openPostgres(options.url, options.poolSize)
  if ('dataDir' in options) return openPglite(options.dataDir)
  const client = await PGlite.create({ loadDataDir: options.loadDataDir })
  return wrapPglite(client, () => client.close())
}

async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize })
  let closing = false
  // A dropped idle connection must not crash the process; the pool replaces it. Once we are
  // closing, the server ending connections we are ending anyway is no news.
  pool.on('error', (error) => {
    if (!closing) console.error('[db] idle client error:', error.message)
  })
  const db = drizzlePg({ client: pool, schema, casing: 'snake_case', logger }) as unknown as Db
  return {
    db,
    kind: 'postgres',
    close: async () => {
      closing = true
      await pool.end()
    },
  }
}

/**
 * Exactly one process may open a PGlite directory: two lose writes silently. The lock file
 * turns that into a clear error instead.
 */
async function openPglite(dataDir: string): Promise<Database> {
  const dir = path.resolve(dataDir)
  fs.mkdirSync(dir, { recursive: true })
  const lockFile = path.join(dir, 'zjcs.lock')
  takeLock(lockFile)
  try {
    const client = await PGlite.create({ dataDir: dir })
    return wrapPglite(client, async () => {
      await client.close()
      fs.rmSync(lockFile, { force: true })
    })
  } catch (error) {
    fs.rmSync(lockFile, { force: true })
    throw error
  }
}

function takeLock(lockFile: string) {
  if (fs.existsSync(lockFile)) {
    const pid = Number(fs.readFileSync(lockFile, 'utf8'))
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The embedded database ${path.dirname(lockFile)} is open in process ${pid}; stop that process first (PGlite allows one process per directory).`,
      )
    }
  }
  fs.writeFileSync(lockFile, String(process.pid))
}

/** Whether a process id is running (for lock files and leftovers of dead runs). */
export function isAlive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function wrapPglite(client: PGlite, close: () => Promise<void>): Database {
  const db = drizzlePglite({ client, schema, casing: 'snake_case', logger }) as unknown as Db
  return { db, kind: 'pglite', close, pglite: client }
}

/** Applies the committed SQL migrations; the same files on both databases. */
export async function migrate(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder })
    return
  }
  // Several app processes may start at once against one PostgreSQL: one migrates, the others wait.
  const client = await pgPool(database).connect()
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK])
    await migratePg(drizzlePg({ client, casing: 'snake_case' }), { migrationsFolder })
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {})
    client.release()
  }
}

/** The pool behind a PostgreSQL database, for the few places that need a raw connection. */
export function pgPool(database: Database): pg.Pool {
  if (database.kind !== 'postgres') throw new Error('not a PostgreSQL database')
  return (database.db as unknown as { $client: pg.Pool }).$client
}

export { schema }
