// The production server: remix-serve's express stack (compression, static files, access log,
// the Remix handler), with one screen in front of every route. Remix's own cross-site guard
// answers an empty 500 before any of our code runs; the screen (`screenRequest` in
// entry.server.tsx) refuses such requests first, with a 403 or 400 in the user's language.
// Run as `node app/server.js` after `remix build`; PORT and HOST as for remix-serve.
import { createHash, randomBytes } from 'node:crypto'
import path from 'node:path'
import url from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import { installGlobals } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import morgan from 'morgan'

const root = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), '..')
const build = await import(url.pathToFileURL(path.join(root, 'build/index.js')).href)
installGlobals({ nativeFetch: build.future.v3_singleFetch })
const screenRequest = build.entry.module.screenRequest

const app = express()
app.disable('x-powered-by')
app.use(compression())
app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: '1y' }))
app.use(express.static(path.join(root, 'public'), { maxAge: '1h' }))
app.use(morgan('tiny'))
// The local payment provider (development and the demo, when no PAYMENT_PROVIDER_URL is set): its
// own small API beside the site, which the site reaches over loopback like any provider. Only this
// machine may call it (and with its key): from anywhere else, or through a proxy, it does not exist,
// so nobody can release a demo's escrow by hand.
const localProvider = build.entry.module.localProvider
const fromThisMachine = (req) => ['127.0.0.1', '::1'].includes((req.socket.remoteAddress || '').replace(/^::ffff:/, '')) && !req.headers['x-forwarded-for'] && !req.headers.forwarded
app.use('/local-provider', (req, res, next) => (fromThisMachine(req) ? next() : res.status(404).end()), express.raw({ type: () => true, limit: '64kb' }), async (req, res, next) => {
  try {
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
    const hasBody = !['GET', 'HEAD'].includes(req.method) && Buffer.isBuffer(req.body)
    const response = await localProvider(new Request(`http://localhost${req.originalUrl}`, { method: req.method, headers, body: hasBody ? req.body : undefined }), req.path)
    res.status(response.status)
    response.headers.forEach((value, name) => res.setHeader(name, value))
    res.end(Buffer.from(await response.arrayBuffer()))
  } catch (error) {
    next(error)
  }
})
// The client's address for the audit log, in one header the app reads (x-real-ip): the socket's,
// or with TRUST_PROXY=true (behind our own reverse proxy) the first X-Forwarded-For hop. What a
// client says of itself in these headers is dropped first, so nobody can write another's address.
const trustProxy = process.env.TRUST_PROXY === 'true'
app.use((req, res, next) => {
  const forwarded = trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',')[0].trim() : ''
  delete req.headers['x-forwarded-for']
  delete req.headers['x-real-ip']
  const address = (forwarded || req.socket.remoteAddress || '').replace(/^::ffff:/, '').slice(0, 64)
  if (address) req.headers['x-real-ip'] = address
  next()
})
// The browser's device mark for an agency's pages: a random id its cookie keeps, recorded with each
// bid (a red flag compares them across agencies). Only under /agency, so public pages stay cacheable.
const secureCookies = process.env.COOKIE_SECURE ? process.env.COOKIE_SECURE === 'true' : process.env.NODE_ENV === 'production'
app.use((req, res, next) => {
  if (req.path.startsWith('/agency') && !/(?:^|;\s*)zjcs_device=/.test(req.headers.cookie ?? ''))
    res.append('Set-Cookie', `zjcs_device=${randomBytes(16).toString('base64url')}; Path=/; SameSite=Lax; HttpOnly; Max-Age=63072000${secureCookies ? '; Secure' : ''}`)
  next()
})
// Public pages, as anyone not signed in sees them, carry a validator: each is rendered, and its
// ETag (a hash of the bytes) lets a browser or a proxy that holds the same page take a 304 instead
// of the page again. `no-cache` keeps every view fresh (an announcement may close any minute), and
// Vary keeps a language's page, or a signed-in one, from answering for another. Only complete HTML
// pages of 200 that set no cookie: never a stream (the auction's SSE), a download, or a session.
const SESSION_COOKIE = /(?:^|;\s*)zjcs_session=/
app.use((req, res, next) => {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || SESSION_COOKIE.test(req.headers.cookie ?? '')) return next()
  const { write, end } = res
  const chunks = []
  let held = null
  const bytes = (chunk, encoding) => (Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8'))
  const hold = () => (held ??= res.statusCode === 200 && !res.headersSent && /^text\/html/.test(String(res.getHeader('content-type') ?? '')) && !res.getHeader('set-cookie'))
  res.write = function (chunk, encoding, callback) {
    if (!hold()) return write.call(this, chunk, encoding, callback)
    chunks.push(bytes(chunk, encoding))
    const done = typeof encoding === 'function' ? encoding : callback
    if (done) process.nextTick(done)
    return true
  }
  res.end = function (chunk, encoding, callback) {
    if (!hold()) return end.call(this, chunk, encoding, callback)
    if (chunk && typeof chunk !== 'function') chunks.push(bytes(chunk, encoding))
    const done = [chunk, encoding, callback].find((x) => typeof x === 'function')
    const body = Buffer.concat(chunks)
    const tag = `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`
    res.setHeader('ETag', tag)
    res.setHeader('Cache-Control', 'public, no-cache')
    res.setHeader('Vary', 'Accept-Language, Cookie')
    const known = String(req.headers['if-none-match'] ?? '').split(',').map((t) => t.trim())
    if (known.includes(tag) || known.includes('*')) {
      res.statusCode = 304
      for (const name of ['content-type', 'content-length', 'transfer-encoding']) res.removeHeader(name)
      return end.call(this, done)
    }
    res.setHeader('Content-Length', body.length)
    return end.call(this, req.method === 'HEAD' ? undefined : body, done)
  }
  next()
})
// One scope per request, which its loaders and action share (app/utils/request-scope.server.ts): the session is read once.
app.use((req, res, next) => (globalThis.__zjcsRequestScope ? globalThis.__zjcsRequestScope.run(new Map(), next) : next()))
if (process.env.COUNT_QUERIES === 'true' || process.env.COUNT_QUERIES === 'log') {
  // Each request's database queries, counted (db/client.ts) and told in a header, for the query-budget test; `log` prints them too.
  app.use((req, res, next) => {
    const queries = []
    const writeHead = res.writeHead
    res.writeHead = function (...args) {
      res.setHeader('x-db-queries', String(queries.length))
      if (process.env.COUNT_QUERIES === 'log') console.log(`[queries] ${req.method} ${req.originalUrl}: ${queries.length}\n  ${queries.join('\n  ')}`)
      return writeHead.apply(this, args)
    }
    globalThis.__zjcsQueryLog.run(queries, next)
  })
}
app.use(async (req, res, next) => {
  // Only what the screen reads: method, address and headers (never the body).
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
  let refusal
  try {
    refusal = screenRequest(new Request(`http://${req.headers.host ?? 'localhost'}${req.originalUrl}`, { method: req.method, headers }))
  } catch {
    // An address the URL parser cannot read at all.
    refusal = new Response('Bad request', { status: 400 })
  }
  if (!refusal) return next()
  res.status(refusal.status)
  refusal.headers.forEach((value, name) => res.setHeader(name, value))
  res.end(await refusal.text())
})
app.all('*', createRequestHandler({ build, mode: process.env.NODE_ENV }))

const port = Number(process.env.PORT || 3000)
const onListen = () => console.log(`[server] http://${process.env.HOST || 'localhost'}:${port}`)
const server = process.env.HOST ? app.listen(port, process.env.HOST, onListen) : app.listen(port, onListen)
// app/utils/app.server.ts closes the database on these signals and exits.
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => server.close())
