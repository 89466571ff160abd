import { getApp } from '~/utils/app.server'
import { anchorFeed } from '~/utils/services.server'

/**
 * The audit chain's published heads with the key that signed them, for anyone to archive; a saved
 * copy is what `npm run audit:verify -- --anchors <copy>` checks the database against.
 */
export async function loader() {
  const { db, anchorSigner } = await getApp()
  return new Response(JSON.stringify(await anchorFeed(db, anchorSigner), null, 2), {
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' },
  })
}
