import { describe, expect, it } from 'vitest'
import { pagesShipping, pageSizes } from '../load/bundle-sizes'

const KB = 1024

/**
 * What each page makes the browser load (tests/load/bundle-sizes.ts: entry, routes, imports and
 * the page's one dictionary, gzipped), on the build `npm test` just made. A ratchet: the limits
 * are today's sizes with a little room, so a change that ships a library or a dictionary to pages
 * that do not need it fails here. Only the two pages of the procurement form validate in the
 * browser, with zod and conform, and are allowed more.
 */
const LIMITS: Record<string, number> = {
  'routes/_index': 112 * KB,
  'routes/owner.procurements.new': 225 * KB,
  'routes/owner.procurements.$id_.edit': 225 * KB,
}
const EVERY_OTHER_PAGE = 125 * KB

describe('the JavaScript of a page', () => {
  it('stays within its limit, gzipped', () => {
    const sizes = pageSizes()
    console.info('[bundle]', Object.fromEntries(sizes.slice(0, 8).map((s) => [s.route, `${(s.gzip / KB).toFixed(1)} KB`])))
    const over = sizes.filter((s) => s.gzip > (LIMITS[s.route] ?? EVERY_OTHER_PAGE)).map((s) => `${s.route}: ${(s.gzip / KB).toFixed(1)} KB`)
    expect(over).toEqual([])
  })

  it('ships zod only where a form validates in the browser', () => {
    // zod names its error class so; a schema imported into a page's code brings it along.
    expect(pagesShipping('ZodError')).toEqual(['routes/owner.procurements.$id_.edit', 'routes/owner.procurements.new'])
  })
})
