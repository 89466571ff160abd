/**
 * `npm run seed`: the reference data and the demo data, into the configured database. Idempotent:
 * a database that already holds the demo data is left as it is. With TEST_CLOCK the demo data is
 * dated from TEST_CLOCK_START, as the server's clock will be.
 */
import { clockOf, openFromEnv } from '../services/database'
import { installReferenceData } from '../services/reference'
import { seedDemo } from './demo'

const { config, database } = await openFromEnv()
const started = Date.now()
await installReferenceData(database.db)
const { created } = await seedDemo(database.db, clockOf(config).clock)
await database.close()
console.log(created ? `demo data created in ${Date.now() - started} ms` : 'demo data already present: nothing to do')
