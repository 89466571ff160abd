import type { ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { getApp } from '~/utils/app.server'

/**
 * Moves the server's clock, for journeys that must see deadlines pass (TEST_CLOCK=true only;
 * otherwise this route does not exist). POST { advanceMs } or { setIso }.
 */
const schema = z.union([z.object({ advanceMs: z.coerce.number().int().min(0) }), z.object({ setIso: z.iso.datetime() })])

export async function action({ request }: ActionFunctionArgs) {
  const { testClock, queue } = await getApp()
  if (!testClock) throw new Response('Not found', { status: 404 })
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return Response.json({ error: 'advanceMs or setIso' }, { status: 400 })
  if ('advanceMs' in parsed.data) testClock.offsetMs += parsed.data.advanceMs
  else testClock.offsetMs = new Date(parsed.data.setIso).getTime() - Date.now()
  // Whatever fell due by the new time runs now, as it would have on a real clock.
  const ran = await queue.runDue()
  return Response.json({ now: testClock.now().toISOString(), ran })
}

export function loader() {
  throw new Response('Not found', { status: 404 })
}
