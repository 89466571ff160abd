import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config'

describe('environment', () => {
  it('defaults to the embedded database', () => {
    const config = loadConfig({})
    expect(config.DATABASE_URL).toBeUndefined()
    expect(config.DATA_DIR).toBe('.data')
    expect(config.cookieSecure).toBe(false)
    expect(loadConfig({ NODE_ENV: 'production' }).cookieSecure).toBe(true)
  })
  it("links emails to this machine at the server's port unless a public address is set", () => {
    expect(loadConfig({}).PUBLIC_URL).toBe('http://localhost:3000')
    expect(loadConfig({ PORT: '4123' }).PUBLIC_URL).toBe('http://localhost:4123')
    expect(loadConfig({ PORT: '4123', PUBLIC_URL: 'https://zjcs.gxgg.gov.cn' }).PUBLIC_URL).toBe('https://zjcs.gxgg.gov.cn')
    expect(() => loadConfig({ PUBLIC_URL: 'zjcs.gov.cn' })).toThrow(/^Invalid environment variable PUBLIC_URL/)
  })
  it('stops with one line naming a bad variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(ConfigError)
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/^Invalid environment variable DATABASE_URL: .*\(got "mysql:\/\/x"\)$/)
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: 'soon' })).toThrow(/SESSION_IDLE_MINUTES/)
    expect(() => loadConfig({ JOB_POLL_MS: '10' })).toThrow(/JOB_POLL_MS/)
  })
})

describe('payment provider', () => {
  it('uses the local provider unless one is named, and a named one needs its own key and secrets', () => {
    expect(loadConfig({}).PAYMENT_PROVIDER_URL).toBeUndefined()
    expect(() => loadConfig({ PAYMENT_PROVIDER_URL: 'https://pay.example.cn' })).toThrow(/^Invalid environment variable PAYMENT_API_KEY or PAYMENT_WEBHOOK_SECRETS/)
    const real = loadConfig({ PAYMENT_PROVIDER_URL: 'https://pay.example.cn', PAYMENT_API_KEY: 'sk_live_0123456789', PAYMENT_WEBHOOK_SECRETS: 'whsec_new_0123456789,whsec_old_0123456789' })
    expect(real.PAYMENT_WEBHOOK_SECRETS.split(',')).toHaveLength(2)
    expect(() => loadConfig({ PAYMENT_TIMEOUT_MS: '5' })).toThrow(/PAYMENT_TIMEOUT_MS/)
  })
})
