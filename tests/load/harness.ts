import { execFile, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'

/** What the bench's figures share: the server as production runs it, the load generator, percentiles and units. */

const run = promisify(execFile)

export function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024
}

export interface Server {
  child: ChildProcess
  port: number
  stop: () => Promise<void>
}

/** The production server in its own process, as `npm start` runs it: a 256 MB heap, so the collector works before the process grows past the RSS target. */
export async function startServer(env: Record<string, string>, port: number): Promise<Server> {
  const child = spawn(process.execPath, ['--max-old-space-size=256', 'app/server.js'], { env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', COOKIE_SECURE: 'false', ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-20_000)))
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${stderr}`)
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok).catch(() => false)
    if (ok) return { child, port, stop: () => new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM')))) }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`the server did not answer /healthz in 120 s: ${stderr}`)
}

export interface Load {
  requests: number
  rate: number
  p50: number
  p95: number
  p99: number
  max: number
  non2xx: number
  errors: number
  times?: number[]
}

export interface CannonSpec {
  url: string
  connections: number
  duration: number
  raw?: boolean
  method?: string
  body?: string
  headers?: Record<string, string>
  /** requests a second per connection (paced, not as fast as answers come) */
  connectionRate?: number
  /** connection c sends its k-th request to paths[c + k], with headers[c]: each its own agency, never the same announcement twice */
  sequence?: { headers: Array<Record<string, string>>; paths: string[] }
}

/** autocannon in its own process (tests/load/cannon.mjs), so it shares neither the event loop nor the scheduling of what it measures. */
export async function cannon(spec: CannonSpec): Promise<Load> {
  const { stdout } = await run(process.execPath, [path.resolve('tests/load/cannon.mjs'), JSON.stringify(spec)], { maxBuffer: 64 << 20 })
  return JSON.parse(stdout) as Load
}

/** The quantile of sorted numbers. */
export const quantile = (sorted: readonly number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN)

/** Response times as a load: their rate over `seconds`, their percentiles. */
export function loadOf(times: number[], seconds: number, non2xx = 0, errors = 0): Load {
  const sorted = [...times].sort((a, b) => a - b)
  return { requests: sorted.length, rate: sorted.length / seconds, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), p99: quantile(sorted, 0.99), max: sorted.at(-1) ?? NaN, non2xx, errors }
}

/** Several loads at once (one per app process), as one: their rates added, their response times pooled. */
export const pooled = (loads: Load[], duration: number): Load =>
  loadOf(
    loads.flatMap((l) => l.times ?? []),
    duration,
    loads.reduce((n, l) => n + l.non2xx, 0),
    loads.reduce((n, l) => n + l.errors, 0),
  )

/** Samples processes' RSS while `work` runs; the peak of each. */
export async function peakRss<T>(pids: number[], work: () => Promise<T>): Promise<{ result: T; peaks: number[] }> {
  const peaks = pids.map(rssOf)
  const timer = setInterval(() => pids.forEach((pid, i) => (peaks[i] = Math.max(peaks[i]!, rssOf(pid)))), 100)
  try {
    return { result: await work(), peaks }
  } finally {
    clearInterval(timer)
  }
}

export const ms = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? '–' : `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`)
export const rate = (v: number) => `${v < 10 ? v.toFixed(1) : Math.round(v)}/s`
export const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`
export const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`
export const sleep = (milliseconds: number) => new Promise((r) => setTimeout(r, milliseconds))
export const log = (line: string) => process.stderr.write(`${line}\n`)
