/**
 * `npm run audit:verify [-- --anchors <file or URL>]`: recomputes every hash of the audit chain,
 * and, given a saved copy of the published anchors (/audit/anchors.json, archived elsewhere),
 * checks that every anchored entry is still there with its hash, which catches deleted newest
 * entries and re-hashed chains. Exits 1 on any problem.
 */
import fs from 'node:fs'
import { openFromEnv } from '../database'
import { checkAnchors, verifyChain, type AnchorFeed } from './index'

const at = process.argv.indexOf('--anchors')
const source = at >= 0 ? process.argv[at + 1] : undefined
if (at >= 0 && !source) {
  console.error('usage: npm run audit:verify -- --anchors <file or URL of a saved /audit/anchors.json>')
  process.exit(2)
}
const saved = source ? ((/^https?:\/\//.test(source) ? await (await fetch(source)).json() : JSON.parse(fs.readFileSync(source, 'utf8'))) as AnchorFeed) : null

const { database } = await openFromEnv()
const started = Date.now()
const report = await verifyChain(database.db)
const anchored = saved ? await checkAnchors(database.db, saved) : null
await database.close()
let failed = false
if (report.ok) console.log(`audit chain intact: ${report.checked} entries verified in ${Date.now() - started} ms`)
else {
  console.error(`audit chain BROKEN at entry ${report.brokenAt!.id} (${report.brokenAt!.reason}); ${report.checked} entries before it are intact`)
  failed = true
}
if (anchored?.ok) console.log(`anchors: all ${anchored.checked} saved anchors are signed and still match the chain`)
else if (anchored) {
  for (const p of anchored.problems) console.error(`anchor ${p.anchor + 1}: ${p.reason === 'signature' ? 'its signature does not verify' : p.reason === 'missing' ? `entry ${p.headId} is gone (the chain was cut)` : `entry ${p.headId} has another hash now (the chain was rewritten)`}`)
  failed = true
} else console.log('anchors: not checked (pass --anchors <saved copy> to catch deleted or re-hashed entries)')
if (failed) process.exit(1)
