/**
 * Requests per second that pages sustain: `npx tsx tests/load/pages.ts <base URL> [seconds] [connections] [path ...]`.
 * Each path in turn gets `connections` concurrent keep-alive clients for `seconds`; prints
 * requests/s, p50 and p95. A measuring tool run by hand against a server already started (its
 * figures go into closing notes and the bench results), never a test: speed is not asserted here.
 */
export {}

const [base = 'http://127.0.0.1:3000', seconds = '10', connections = '10', ...given] = process.argv.slice(2)
const paths = given.length ? given : ['/healthz', '/', '/procurements', '/agencies']

async function measure(path: string) {
  const until = Date.now() + Number(seconds) * 1000
  const times: number[] = []
  let failed = 0
  await Promise.all(
    Array.from({ length: Number(connections) }, async () => {
      while (Date.now() < until) {
        const started = performance.now()
        const response = await fetch(`${base}${path}`, { headers: { 'accept-language': 'zh-CN' } })
        await response.arrayBuffer()
        if (!response.ok) failed++
        times.push(performance.now() - started)
      }
    }),
  )
  times.sort((a, b) => a - b)
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(0)
  return { path, rps: (times.length / Number(seconds)).toFixed(1), p50: at(0.5), p95: at(0.95), failed }
}

// Warm up once, so the first measure does not pay for the first compilation of each route.
for (const path of paths) await (await fetch(`${base}${path}`)).arrayBuffer()
for (const path of paths) console.log(JSON.stringify(await measure(path)))
