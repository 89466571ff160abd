import { bootApp, closeApp, type App } from '../../services/boot'
import { ConfigError } from '../../services/config'
import { emailRenderer } from './email.server'

export type { App }

/**
 * The one App of this process. Kept on globalThis so `remix dev` rebuilds reuse it: a second
 * PGlite on the same directory would lose writes.
 */
const globalForApp = globalThis as unknown as { __zjcsApp?: Promise<App> }

export function getApp(): Promise<App> {
  globalForApp.__zjcsApp ??= start().catch((error: unknown) => {
    const message = error instanceof ConfigError ? error.message : `Start-up failed: ${error instanceof Error ? error.message : String(error)}`
    console.error(message)
    process.exit(1)
  })
  return globalForApp.__zjcsApp
}

async function start(): Promise<App> {
  const app = await bootApp({ emailRenderer })
  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    console.log(`[boot] ${signal}: closing the database`)
    await closeApp(app)
    process.exit(0)
  }
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
  process.once('SIGINT', () => void shutdown('SIGINT'))
  return app
}
