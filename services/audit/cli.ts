/** `npm run audit:verify`: recomputes every hash of the audit chain; exits 1 if it is broken. */
import { openFromEnv } from '../../db/open-from-env'
import { verifyChain } from './index'

const database = await openFromEnv()
const started = Date.now()
const report = await verifyChain(database.db)
await database.close()
if (report.ok) {
  console.log(`audit chain intact: ${report.checked} entries verified in ${Date.now() - started} ms`)
} else {
  console.error(`audit chain BROKEN at entry ${report.brokenAt!.id} (${report.brokenAt!.reason}); ${report.checked} entries before it are intact`)
  process.exit(1)
}
