import { describe, expect, it } from 'vitest'
import { baseUrl as base } from './base'

/** The Atom feed tells readers when a procurement changed, not only when it was published. */

const entries = (xml: string) =>
  [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map(([, body]) => ({
    id: /<id>urn:zjcs:procurement:([^<]+)<\/id>/.exec(body!)![1]!,
    updated: Date.parse(/<updated>([^<]+)<\/updated>/.exec(body!)![1]!),
    published: Date.parse(/<published>([^<]+)<\/published>/.exec(body!)?.[1] ?? 'x'),
  }))

describe('the announcements feed', () => {
  it('moves an entry’s `updated` when its result or failure comes, and the feed’s with its newest entry', async () => {
    for (const status of ['awarded', 'failed']) {
      const xml = await (await fetch(`${base}/procurements/feed.xml?status=${status}`)).text()
      const list = entries(xml)
      expect(list.length, status).toBeGreaterThan(0)
      // Each was decided after it was published: its entry says so.
      for (const e of list) expect(e.updated, `${status} ${e.id}`).toBeGreaterThan(e.published)
      const feedUpdated = Date.parse(/<feed[\s\S]*?<updated>([^<]+)<\/updated>/.exec(xml)![1]!)
      expect(feedUpdated).toBe(Math.max(...list.map((e) => e.updated)))
    }
  })
})
