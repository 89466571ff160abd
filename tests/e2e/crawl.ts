import fs from 'node:fs'
import path from 'node:path'
import { DEMO_PASSWORD } from '../../seeds/demo'
import { baseUrl as base } from './base'

/** Reading the site from the outside, as a crawler: for the sealed crawl and the narrow-screen walk. */

/** A session cookie for a demo account, signed in through the form's action. */
export async function cookieOf(email: string) {
  const response = await fetch(`${base}/login`, { method: 'POST', body: new URLSearchParams({ email, password: DEMO_PASSWORD }), redirect: 'manual' })
  const cookie = response.headers.get('set-cookie')?.split(';')[0]
  if (response.status !== 302 || !cookie) throw new Error(`sign-in failed for ${email}: ${response.status}`)
  return cookie
}

/** The whole answer to a GET: a page's HTML (hydration data included), a feed, JSON, a file, or an event stream's first message. */
export async function read(url: string, cookie: string | undefined) {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), 5_000)
  try {
    const response = await fetch(base + url, { headers: cookie ? { cookie } : {}, redirect: 'manual', signal: controller.signal })
    if (!response.headers.get('content-type')?.includes('text/event-stream')) return `${response.status} ${await response.text()}`
    const first = await response.body!.getReader().read()
    controller.abort()
    return `${response.status} ${new TextDecoder().decode(first.value)}`
  } catch (error) {
    if ((error as Error).name === 'AbortError') return 'aborted'
    throw error
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Actions and hooks that hold no data: signing out, switching language, the test clock, opening a
 * message (it marks the message read and redirects to a page crawled anyway); and the static bundles.
 */
const SKIP = /^\/(logout|lang|__test|build\/|favicon|inbox\/)|\.(css|js|map|ico|woff2?)(\?|$)/

/** Breadth first from the seeds, through every same-site link, up to `limit` answers; at most 25 filtered lists. */
export async function crawlSite(cookie: string | undefined, seeds: string[], limit: number) {
  const answers = new Map<string, string>()
  const queue = [...seeds]
  let queries = 0
  while (queue.length && answers.size < limit) {
    const url = queue.shift()!
    if (answers.has(url)) continue
    const body = await read(url, cookie)
    answers.set(url, body)
    for (const match of body.matchAll(/(?:href|src|action)="(\/[^"#]*)"/g)) {
      const link = match[1]!.replaceAll('&amp;', '&')
      if (SKIP.test(link) || answers.has(link) || queue.includes(link)) continue
      if (link.includes('?') && ++queries > 25) continue
      queue.push(link)
    }
  }
  return answers
}

/** The URL pattern of each route module (Remix flat routes and folder routes), to show a crawl reached every one. */
export function routePatterns() {
  return fs.readdirSync(path.resolve(__dirname, '../../app/routes')).map((file) => {
    const name = file.replace(/\.tsx?$/, '')
    const parts = name
      .split(/\.(?![^[]*\])/)
      .filter((s) => s !== '_index' && !/^_[^_]/.test(s))
      .map((s) => (s === '$' ? '.*' : s.replace(/_$/, '').replace(/\[([^\]]*)\]/g, '$1').replace(/[.*+?^{}()|\\]/g, '\\$&').replace(/\$[a-zA-Z]+/g, '[^/]+')))
    return { file, pattern: new RegExp(`^/${parts.join('/')}$`) }
  })
}
