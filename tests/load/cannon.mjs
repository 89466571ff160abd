// The load generator, in its own process so that it does not share the event loop or the cores'
// scheduling with what it measures: autocannon against one URL, with every response's time kept,
// so the percentiles are exact (autocannon's own table has no p95).
// node tests/load/cannon.mjs '{"url":"http://127.0.0.1:3400/procurements","connections":10,"duration":10}'
import autocannon from 'autocannon'

const { url, connections = 10, duration = 10, headers = {}, warmup = 2, raw = false } = JSON.parse(process.argv[2] ?? '{}')
if (!url) throw new Error('usage: cannon.mjs {"url": ...}')

async function run(seconds, keep) {
  const times = []
  let non2xx = 0
  const instance = autocannon({ url, connections, duration: seconds, headers })
  instance.on('response', (_client, status, _bytes, ms) => {
    if (keep) times.push(ms)
    if (status < 200 || status >= 300) non2xx++
  })
  const result = await instance
  return { times, non2xx, errors: result.errors + result.timeouts, seconds: result.duration }
}

if (warmup) await run(warmup, false)
const { times, non2xx, errors, seconds } = await run(duration, true)
times.sort((a, b) => a - b)
const at = (q) => (times.length ? times[Math.min(times.length - 1, Math.floor(q * times.length))] : null)
process.stdout.write(JSON.stringify({ requests: times.length, rate: times.length / seconds, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: times.at(-1) ?? null, non2xx, errors, ...(raw ? { times } : {}) }))
