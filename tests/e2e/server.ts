import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'

/**
 * Serves the production build (npm test builds it first) on a fresh embedded database with the
 * demo data, on a free port of localhost, for the browser journeys. The server's clock starts at
 * a fixed instant, E2E_START (by default a Thursday morning in Beijing a week before 国庆 2026),
 * so a run gives the same answers whatever day it runs; the demo data is made relative to it.
 */
export const DEFAULT_E2E_START = '2026-09-24T01:30:00.000Z'
let server: ChildProcess | undefined
let dataDir: string | undefined
let root: string | undefined

export default async function setup(project: TestProject) {
  if (!fs.existsSync('build/index.js')) throw new Error('build/index.js is missing: run `npm run build` first (npm test does)')
  if (!fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) throw new Error('Chromium is missing: apt-get install -y chromium')
  const start = new Date(process.env.E2E_START || DEFAULT_E2E_START)
  if (Number.isNaN(start.getTime())) throw new Error(`E2E_START is not an instant: ${process.env.E2E_START}`)
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'zjcs-e2e-'))
  dataDir = path.join(root, 'data')
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', E2E: 'true', COUNT_QUERIES: 'true', TEST_CLOCK: 'true', TEST_CLOCK_START: start.toISOString(), AUDIT_KEY_FILE: path.join(root, 'audit-anchor-key.pem') }
  // The demo data goes in as `npm run demo` puts it: through the seed command, before the server opens the database.
  const seeded = spawnSync(process.execPath, ['--import', 'tsx', 'seeds/cli.ts'], { env, encoding: 'utf8' })
  if (seeded.status !== 0) throw new Error(`seeding the demo data failed:\n${seeded.stdout}${seeded.stderr}`)
  const log: string[] = []
  server = spawn(process.execPath, ['app/server.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  server.stdout!.on('data', (d) => log.push(String(d)))
  server.stderr!.on('data', (d) => log.push(String(d)))
  const base = `http://localhost:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited:\n${log.join('')}`)
    try {
      const response = await fetch(`${base}/healthz`)
      if (response.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not start in 60 s:\n${log.join('')}`)
    await new Promise((r) => setTimeout(r, 250))
  }
  project.provide('baseUrl', base)
  project.provide('e2eStart', start.toISOString())
  // The server's clock as the journeys find it, before any of them moves it.
  const first = (await (await fetch(`${base}/__test/clock`, { method: 'POST', body: new URLSearchParams() })).json()) as { now: string }
  project.provide('e2eClockAtStart', first.now)
  console.info(`[e2e] server clock starts at ${start.toISOString()}`)
  return async () => {
    server?.kill('SIGTERM')
    await new Promise((r) => server?.once('exit', r))
    if (root) fs.rmSync(root, { recursive: true, force: true })
  }
}

/** A port nothing listens on: the system picks it, and it is released for the server to take. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    /** the instant the server's clock read at start-up */
    e2eStart: string
    /** what the server's clock read once it was up, before any journey moved it */
    e2eClockAtStart: string
  }
}
