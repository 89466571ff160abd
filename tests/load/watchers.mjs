// The watchers of a live auction, in their own process: opens `n` Server-Sent Events streams
// (spread over the given URLs, one per app process), notes when each first sees each move (the
// board's lastEventId, in epoch milliseconds), prints "ready" once every stream has its first
// board, and on "done" (a line on stdin) prints what it saw as JSON and exits.
// node tests/load/watchers.mjs '{"urls":["http://127.0.0.1:3400/procurements/<id>/auction/stream"],"n":1000}'
import http from 'node:http'
import readline from 'node:readline'

const { urls, n } = JSON.parse(process.argv[2] ?? '{}')
const arrivals = {}
let ready = 0
let failed = 0
const requests = []

for (let i = 0; i < n; i++) {
  const url = urls[i % urls.length]
  let buffer = ''
  let first = true
  const request = http.get(url, { agent: false, headers: { accept: 'text/event-stream' } }, (response) => {
    if (response.statusCode !== 200) {
      failed++
      response.resume()
      return
    }
    response.setEncoding('utf8')
    response.on('data', (chunk) => {
      const at = Date.now()
      buffer += chunk
      let end
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const message = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const data = message.split('\n').find((line) => line.startsWith('data: '))
        if (!/^event: board$/m.test(message) || !data) continue
        const board = JSON.parse(data.slice(6))
        const seen = (arrivals[board.lastEventId] ??= {})
        seen[i] ??= at
        if (first) {
          first = false
          if (++ready + failed === n) process.stdout.write('ready\n')
        }
      }
    })
  })
  request.on('error', () => {
    failed++
    if (ready + failed === n) process.stdout.write('ready\n')
  })
  requests.push(request)
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'done') return
  process.stdout.write(`${JSON.stringify({ ready, failed, arrivals: Object.fromEntries(Object.entries(arrivals).map(([id, byWatcher]) => [id, Object.values(byWatcher)])) })}\n`)
  for (const r of requests) r.destroy()
  process.exit(0)
})
