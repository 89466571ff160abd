import { readForm } from '~/utils/request.server'
import type { ActionFunctionArgs } from '@remix-run/node'
import * as z from 'zod'
import { getApp } from '~/utils/app.server'

/**
 * Moves the server's clock, for journeys that must see deadlines pass (TEST_CLOCK=true only;
 * otherwise this route does not exist). POST { to: ISO instant } moves it forward to that instant
 * (never back: what happened stays in the past); POST {} only reads it. Journeys move to the
 * instant a step needs, read from the page (a deadline, a turn), never by a guessed number of days.
 */
const schema = z.object({ to: z.iso.datetime({ offset: true }).optional() })

export async function action({ request }: ActionFunctionArgs) {
  const { testClock, queue } = await getApp()
  if (!testClock) throw new Response('Not found', { status: 404 })
  const parsed = schema.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return Response.json({ error: 'to: an ISO 8601 instant' }, { status: 400 })
  if (parsed.data.to) testClock.moveTo(parsed.data.to)
  // Whatever fell due by the new time runs now, as it would have on a real clock.
  const ran = await queue.runDue()
  return Response.json({ now: testClock.now().toISOString(), ran })
}

export function loader() {
  throw new Response('Not found', { status: 404 })
}
