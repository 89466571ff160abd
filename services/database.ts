import { ConfigError, loadConfig } from '../services/config'
import { migrate, openDatabase, type Database } from './client'

/** For command-line tools: the database the app would use, migrated. */
export async function openFromEnv(): Promise<Database> {
  try {
    const config = loadConfig()
    const database = config.DATABASE_URL ? await openDatabase({ url: config.DATABASE_URL }) : await openDatabase({ dataDir: config.DATA_DIR })
    await migrate(database)
    return database
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : (error as Error).message)
    process.exit(1)
  }
}
