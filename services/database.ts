import { migrate, openDatabase, type Database } from '../db/client'
import { ConfigError, loadConfig, type Config } from './config'
import { OffsetClock, systemClock, type Clock } from './shared/clock'

/** The database the configuration names: PostgreSQL with DATABASE_URL, else the embedded PGlite in DATA_DIR. */
export function openConfigured(config: Config): Promise<Database> {
  return config.DATABASE_URL ? openDatabase({ url: config.DATABASE_URL, poolSize: config.DB_POOL_SIZE }) : openDatabase({ dataDir: config.DATA_DIR })
}

/** The clock the configuration names: the machine's, or with TEST_CLOCK a movable one starting at TEST_CLOCK_START. */
export function clockOf(config: Config): { clock: Clock; testClock?: OffsetClock } {
  if (config.TEST_CLOCK !== 'true') return { clock: systemClock }
  const testClock = new OffsetClock(config.TEST_CLOCK_START)
  return { clock: testClock, testClock }
}

/** For command-line tools: the configuration, and the database the app would use, migrated. One line and exit 1 if either fails. */
export async function openFromEnv(): Promise<{ config: Config; database: Database }> {
  try {
    const config = loadConfig()
    const database = await openConfigured(config)
    await migrate(database)
    return { config, database }
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : (error as Error).message)
    process.exit(1)
  }
}
