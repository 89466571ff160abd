/** `npm run seed`: reference data and the demo data, into the configured database. */
import { openFromEnv } from '../db/open-from-env'
import { systemClock } from '../services/shared/clock'
import { seedDemo } from './demo'
import { installReferenceData } from './reference'

const database = await openFromEnv()
await installReferenceData(database.db)
const { created } = await seedDemo(database.db, systemClock)
await database.close()
console.log(created ? 'demo data created' : 'demo data already present: nothing to do')
