import fs from 'node:fs'
import { verifyRecord, type DrawRecord } from './draw'

/**
 * `npm run verify-draw -- <url or file>`: recomputes a published draw record and says whether it
 * holds. Exit 0 when it does, 1 when it does not, 2 when it cannot be read.
 */
async function main() {
  const source = process.argv[2]
  if (!source) {
    console.error('usage: npm run verify-draw -- <https://…/draws/<id>/record.json | record.json>')
    process.exit(2)
  }
  let record: DrawRecord
  try {
    const text = /^https?:\/\//.test(source) ? await (await fetch(source)).text() : fs.readFileSync(source, 'utf8')
    record = JSON.parse(text) as DrawRecord
  } catch (error) {
    console.error(`cannot read ${source}: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(2)
  }
  const { ok, problems } = verifyRecord(record)
  console.log(`${record.algorithm} · ${record.procurementId} · ${record.purpose}`)
  console.log(`order: ${record.order.join(' > ')}${record.winner ? ` · winner ${record.winner}` : ''}${record.pick ? ` · pick ${record.pick.index} of ${record.pick.k}` : ''}`)
  console.log(ok ? 'OK: the record recomputes.' : `MISMATCH:\n- ${problems.join('\n- ')}`)
  process.exit(ok ? 0 : 1)
}

void main()
