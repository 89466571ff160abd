import fs from 'node:fs'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { migrate, openDatabase, pgPool } from '../../db/client'
import { installReferenceData } from '../../seeds/reference'

export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
export const TEMPLATE = 'zjcs_test_template'

/**
 * Migrates one database per run and makes it the starting point of every test file: a PGlite
 * dump loaded per file, or a PostgreSQL template each file's database is created from.
 */
export default async function setup(project: TestProject) {
  const driver = project.config.env?.DB_DRIVER ?? process.env.DB_DRIVER
  if (driver === 'postgres') {
    const admin = await openDatabase({ url: ADMIN_URL, poolSize: 1 })
    const client = pgPool(admin)
    await client.query(`drop database if exists ${TEMPLATE} with (force)`).catch(async () => {
      await client.query(`alter database ${TEMPLATE} is_template false`)
      await client.query(`drop database if exists ${TEMPLATE} with (force)`)
    })
    await client.query(`create database ${TEMPLATE}`)
    const template = await openDatabase({ url: ADMIN_URL.replace(/\/[^/]*$/, `/${TEMPLATE}`), poolSize: 1 })
    await migrate(template)
    await installReferenceData(template.db)
    await template.close()
    await client.query(`alter database ${TEMPLATE} is_template true`)
    // Databases of earlier runs that died before cleaning up.
    const stale = await client.query(`select datname from pg_database where datname like 'zjcs_t\\_%'`)
    for (const row of stale.rows as Array<{ datname: string }>) await client.query(`drop database if exists ${row.datname} with (force)`)
    await admin.close()
    return
  }
  const database = await openDatabase({ memory: true })
  await migrate(database)
  await installReferenceData(database.db)
  const dump = await database.pglite!.dumpDataDir('none')
  const file = path.resolve('.cache/test-pglite.tar')
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
  await database.close()
  project.provide('pgliteDump', file)
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDump: string
  }
}
