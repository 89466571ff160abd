import fs from 'node:fs'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { isAlive, migrate, openDatabase, pgPool } from '../../db/client'
import { installReferenceData } from '../../services/reference'

export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
/** Per run, so that two runs on one machine (two developers, or a developer and CI) never share it. */
export const TEMPLATE = `zjcs_tpl_${process.env.ZJCS_TEST_RUN ?? process.pid}`

/**
 * Migrates one database per run and makes it the starting point of every test file: a PGlite
 * dump loaded per file, or a PostgreSQL template each file's database is created from.
 */
export default async function setup(project: TestProject) {
  const driver = project.config.env?.DB_DRIVER ?? process.env.DB_DRIVER
  if (driver === 'postgres') {
    const admin = await openDatabase({ url: ADMIN_URL, poolSize: 1 })
    const client = pgPool(admin)
    // Databases of earlier runs whose process is gone (a run killed before it cleaned up).
    const stale = await client.query(`select datname from pg_database where datname ~ '^zjcs_(t|tpl)_[0-9]+'`)
    for (const { datname } of stale.rows as Array<{ datname: string }>) {
      const pid = Number(/^zjcs_(?:t|tpl)_(\d+)/.exec(datname)![1])
      if (isAlive(pid)) continue
      await client.query(`alter database ${datname} is_template false`)
      await client.query(`drop database if exists ${datname} with (force)`)
    }
    await client.query(`create database ${TEMPLATE}`)
    const template = await openDatabase({ url: ADMIN_URL.replace(/\/[^/]*$/, `/${TEMPLATE}`), poolSize: 1 })
    await migrate(template)
    await installReferenceData(template.db)
    await template.close()
    await client.query(`alter database ${TEMPLATE} is_template true`)
    await admin.close()
    return async () => {
      const again = await openDatabase({ url: ADMIN_URL, poolSize: 1 })
      await pgPool(again).query(`alter database ${TEMPLATE} is_template false`)
      await pgPool(again).query(`drop database if exists ${TEMPLATE} with (force)`)
      await again.close()
    }
  }
  const database = await openDatabase({ memory: true })
  await migrate(database)
  await installReferenceData(database.db)
  const dump = await database.pglite!.dumpDataDir('none')
  const file = path.resolve(`.cache/test-pglite-${process.env.ZJCS_TEST_RUN ?? process.pid}.tar`)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
  await database.close()
  project.provide('pgliteDump', file)
  return () => fs.rmSync(file, { force: true })
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDump: string
  }
}
