import * as z from 'zod'

/**
 * The environment, parsed once at start-up. A missing or invalid variable stops the process with
 * one line naming it.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  JOB_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(2000),
  /** jobs one process runs at once on PostgreSQL (the embedded database runs one at a time) */
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  /** Connections each process keeps to PostgreSQL (docs/scaling.md: with several processes, keep the sum near what the database's cores can run). */
  DB_POOL_SIZE: z.coerce.number().int().min(2).max(100).default(10),
  /** the site's public address, for the links in outbox emails; by default this machine at PORT */
  PUBLIC_URL: z.url({ error: 'must be an http(s) URL' }).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The Ed25519 key that signs the audit chain's published heads; made on first start. Keep it outside the database and its backups. Default: <DATA_DIR>.keys/audit-anchor-key.pem */
  AUDIT_KEY_FILE: z.string().min(1).optional(),
  /**
   * The payment provider's API (services/payments/provider.ts). Unset: the local provider this
   * process serves under /local-provider, for development and the demo (simulated money).
   */
  PAYMENT_PROVIDER_URL: z.url({ error: 'must be an http(s) URL' }).optional(),
  /** The key the provider gives us for its API. */
  PAYMENT_API_KEY: z.string().min(8).default('sk_local_development'),
  /** The webhook signing secrets, comma-separated: the current one first; during a rotation, the old one too. */
  PAYMENT_WEBHOOK_SECRETS: z.string().min(16).default('whsec_local_development'),
  /** How long one call to the provider may take before it counts as timed out. */
  PAYMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** Lets e2e journeys move the server's clock (POST /__test/clock). Never in real deployments. */
  TEST_CLOCK: z.enum(['true', 'false']).default('false'),
  /** With TEST_CLOCK: the instant the server's clock reads at start-up (ISO 8601, e.g. 2026-09-24T01:30:00Z). */
  TEST_CLOCK_START: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 instant, e.g. 2026-09-24T01:30:00Z' }).optional(),
})
export type Config = Omit<z.infer<typeof schema>, 'PUBLIC_URL'> & { PUBLIC_URL: string; cookieSecure: boolean }

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''))
  const result = schema.safeParse(cleaned)
  if (!result.success) {
    const issue = result.error.issues[0]!
    const name = issue.path.join('.')
    throw new ConfigError(`Invalid environment variable ${name}: ${issue.message}${name in cleaned ? ` (got "${cleaned[name]}")` : ''}`)
  }
  const config = result.data
  if (config.TEST_CLOCK === 'true' && config.NODE_ENV === 'production' && env.CI !== 'true' && env.E2E !== 'true')
    throw new ConfigError('Invalid environment variable TEST_CLOCK: only for tests, never in production')
  if (config.PAYMENT_PROVIDER_URL && (config.PAYMENT_API_KEY === 'sk_local_development' || config.PAYMENT_WEBHOOK_SECRETS === 'whsec_local_development'))
    throw new ConfigError('Invalid environment variable PAYMENT_API_KEY or PAYMENT_WEBHOOK_SECRETS: a real provider needs its own key and secrets, not the local ones')
  return { ...config, PUBLIC_URL: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`, cookieSecure: config.COOKIE_SECURE ? config.COOKIE_SECURE === 'true' : config.NODE_ENV === 'production' }
}
