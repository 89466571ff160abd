// The load generator, in its own process so that it does not share the event loop or the cores'
// scheduling with what it measures: autocannon against one URL, with every response's time kept,
// so the percentiles are exact (autocannon's own table has no p95).
// node tests/load/cannon.mjs '{"url":"http://127.0.0.1:3400/procurements","connections":10,"duration":10}'
// With `sequence`, connection c sends its k-th request to sequence.paths[c + k] with
// sequence.headers[c], across the warm-up and the measured run: each connection is one signed-in
// agency that never bids on the same announcement twice.
import autocannon from 'autocannon'

const { url, connections = 10, duration = 10, headers = {}, method = 'GET', body, warmup = 2, raw = false, sequence, connectionRate } = JSON.parse(process.argv[2] ?? '{}')
if (!url) throw new Error('usage: cannon.mjs {"url": ...}')

let nextSlot = 0
const steps = []
/**
 * Paced connections (connectionRate) each start their second at the same instant, so their
 * requests would arrive in one burst a second. Each is moved to its own phase of the second
 * instead: 50 bidders at 1 bid/s send one bid every 20 ms. (autocannon 8's client, whose
 * per-second reset this replays, is pinned in package-lock.json.)
 */
function spreadOver(client, phase) {
  // Not even the first request goes at once: it waits for the client's phase too.
  client.reqsMadeThisSecond = connectionRate
  setImmediate(() => {
    if (!client.rateInterval) return
    clearInterval(client.rateInterval)
    const tick = () => {
      client.reqsMadeThisSecond = 0
      if (client.paused) client._doRequest(client.cer)
      client.paused = false
    }
    client.rateInterval = setTimeout(() => {
      tick()
      client.rateInterval = setInterval(tick, 1000)
    }, phase * 1000)
  })
}

function setupClient(client) {
  const slot = nextSlot++ % sequence.headers.length
  if (connectionRate) spreadOver(client, slot / sequence.headers.length)
  client.setRequests([
    {
      method,
      body,
      setupRequest: (request) => {
        const k = (steps[slot] = (steps[slot] ?? -1) + 1)
        return { ...request, path: sequence.paths[Math.min(slot + k, sequence.paths.length - 1)], headers: { ...request.headers, ...sequence.headers[slot] } }
      },
    },
  ])
}

async function run(seconds, keep) {
  const times = []
  let non2xx = 0
  const instance = autocannon({ url, connections, duration: seconds, headers, method, body, ...(connectionRate ? { connectionRate } : {}), ...(sequence ? { setupClient } : {}) })
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
