import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import { createRequire } from 'node:module'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { chromiumPath } from './chromium'

/**
 * Serves the production build (npm test builds it first) on fresh embedded databases with the
 * demo data, on free ports of localhost, for the browser journeys. The servers' clocks start at
 * a fixed instant, E2E_START (by default a Thursday morning in Beijing a week before 国庆 2026),
 * so a run gives the same answers whatever day it runs; the demo data is made relative to it.
 */
export const DEFAULT_E2E_START = '2026-09-24T01:30:00.000Z'

/**
 * How many servers: one per worker that runs journeys at once (vitest.config.ts gives the e2e
 * project as many workers), each on its own database and clock, so journeys in two workers
 * never meet. A journey finds its own through `baseUrl` (base.ts).
 */
export const E2E_SERVERS = Math.max(1, Number(process.env.E2E_SERVERS || 2))

const running: ChildProcess[] = []
let axeServer: http.Server | undefined
let root: string | undefined

export default async function setup(project: TestProject) {
  if (!fs.existsSync('build/index.js')) throw new Error('build/index.js is missing: run `npm run build` first (npm test does)')
  if (!fs.existsSync(chromiumPath())) throw new Error('Chromium is missing: apt-get install -y chromium')
  const start = new Date(process.env.E2E_START || DEFAULT_E2E_START)
  if (Number.isNaN(start.getTime())) throw new Error(`E2E_START is not an instant: ${process.env.E2E_START}`)
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'zjcs-e2e-'))
  const servers = await Promise.all(Array.from({ length: E2E_SERVERS }, (_, k) => startServer(path.join(root!, `server-${k + 1}`), start)))
  project.provide('baseUrls', servers.map((s) => s.base))
  project.provide('e2eStart', start.toISOString())
  // Each server's clock as the journeys find it, before any of them moves it.
  project.provide('e2eClocksAtStart', await Promise.all(servers.map(async (s) => ((await (await fetch(`${s.base}/__test/clock`, { method: 'POST', body: new URLSearchParams() })).json()) as { now: string }).now)))
  project.provide('axeUrl', await serveAxe())
  console.info(`[e2e] ${servers.length} servers, clocks start at ${start.toISOString()}`)
  return async () => {
    await Promise.all(
      running.map((server) => {
        server.kill('SIGTERM')
        return new Promise((r) => (server.exitCode !== null ? r(null) : server.once('exit', r)))
      }),
    )
    axeServer?.close()
    if (root) fs.rmSync(root, { recursive: true, force: true })
  }
}

/** One server on its own embedded database, seeded with the demo data, on a free port. */
async function startServer(dir: string, start: Date): Promise<{ base: string }> {
  fs.mkdirSync(dir, { recursive: true })
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '', E2E: 'true', COUNT_QUERIES: 'true', TEST_CLOCK: 'true', TEST_CLOCK_START: start.toISOString(), AUDIT_KEY_FILE: path.join(dir, 'audit-anchor-key.pem') }
  // The demo data goes in as `npm run demo` puts it: through the seed command, before the server opens the database.
  const seeded = await new Promise<{ status: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'seeds/cli.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout!.on('data', (d) => (out += String(d)))
    child.stderr!.on('data', (d) => (out += String(d)))
    child.once('exit', (status) => resolve({ status, out }))
  })
  if (seeded.status !== 0) throw new Error(`seeding the demo data failed:\n${seeded.out}`)
  const log: string[] = []
  const server = spawn(process.execPath, ['app/server.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  running.push(server)
  server.stdout!.on('data', (d) => log.push(String(d)))
  server.stderr!.on('data', (d) => log.push(String(d)))
  // E2E_SERVER_LOG=<file>: the server's output kept, to read after a journey failed.
  if (process.env.E2E_SERVER_LOG) for (const stream of [server.stdout!, server.stderr!]) stream.on('data', (d) => fs.appendFileSync(`${process.env.E2E_SERVER_LOG}.${port}`, d))
  const base = `http://localhost:${port}`
  const deadline = Date.now() + 90_000
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited:\n${log.join('')}`)
    try {
      const response = await fetch(`${base}/healthz`)
      if (response.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not start in 90 s:\n${log.join('')}`)
    await new Promise((r) => setTimeout(r, 250))
  }
  return { base }
}

/**
 * axe-core for the pages' accessibility checks, served with a year's cache: each page loads it
 * from the browser's cache, compiled once, instead of receiving half a megabyte of source.
 */
async function serveAxe(): Promise<string> {
  const body = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'))
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' })
    res.end(body)
  })
  axeServer = server
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/axe.min.js`
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
    /** one server per worker (base.ts picks a journey's) */
    baseUrls: string[]
    /** the instant the servers' clocks read at start-up */
    e2eStart: string
    /** what each server's clock read once it was up, before any journey moved it */
    e2eClocksAtStart: string[]
    /** axe-core, served to be cached */
    axeUrl: string
  }
}
