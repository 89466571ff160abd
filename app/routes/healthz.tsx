import { sql } from 'drizzle-orm'
import { getApp } from '~/utils/app.server'

/** For load balancers and CI: the database answers. */
export async function loader() {
  const { db, database } = await getApp()
  await db.execute(sql`select 1`)
  return Response.json({ ok: true, database: database.kind }, { headers: { 'cache-control': 'no-store' } })
}
