import type { LoaderFunctionArgs } from '@remix-run/node'
import { getApp } from '~/utils/app.server'
import { getSession } from '~/utils/auth.server'
import { SharedReads, auctionBoard } from '~/utils/services.server'

/**
 * The live board over Server-Sent Events, for bidders and the public alike. Each message is the
 * whole board (labels, prices, whose turn, the server's time), so a client that reconnects (the
 * browser sends Last-Event-ID) is whole again with the first message. The board is re-read when
 * a move is broadcast (LISTEN/NOTIFY across processes) and when the clock enters a new turn;
 * between those nothing changes, so nothing is read. The watchers in one process share each read.
 */
const KEEPALIVE_MS = 15_000
/** The watchers of one auction in this process share each read of its board (per viewer: an agency sees its own label). */
const boards = new SharedReads<Awaited<ReturnType<typeof auctionBoard>>>()

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, clock, broadcaster } = await getApp()
  const session = await getSession(request)
  const viewer = session?.org.kind === 'agency' ? session.org.id : undefined
  const id = params.id ?? ''
  // Watchers arriving together (the auction's start) share the first read too.
  const first = await boards.read(`${id}|${viewer ?? ''}`, `${broadcaster.version(id)}:open`, () => auctionBoard(db, clock, id, viewer))
  if (!first) return new Response('Not found', { status: 404 })
  const encoder = new TextEncoder()
  const slotMs = first.turnSeconds * 1000
  const startsAt = Date.parse(first.startsAt)
  const slotOf = () => Math.floor((clock.now().getTime() - startsAt) / slotMs)
  let closed = false
  let stop = () => {}
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let lastSent = ''
      let slot = slotOf()
      let finished = first.finished
      const write = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text))
      }
      const send = async () => {
        const generation = `${broadcaster.version(id)}:${slotOf()}`
        const board = await boards.read(`${id}|${viewer ?? ''}`, generation, () => auctionBoard(db, clock, id, viewer)).catch(() => null)
        if (!board || closed) return
        finished = board.finished
        const body = JSON.stringify(board)
        const key = JSON.stringify([board.phase, board.round, board.turn, board.lastEventId, board.finished])
        if (key === lastSent) return
        lastSent = key
        write(`id: ${board.lastEventId}\nevent: board\ndata: ${body}\n\n`)
      }
      write('retry: 2000\n\n')
      void send()
      const unsubscribe = broadcaster.subscribe(id, () => void send())
      // The clock, not a message, moves the turn: look once a second whether it did (no query unless so).
      const tick = setInterval(() => {
        const now = slotOf()
        if (now !== slot || (now >= 0 && !finished && Date.parse(first.endsAt) <= clock.now().getTime())) {
          slot = now
          void send()
        }
      }, 1000)
      const keepalive = setInterval(() => write(': keep-alive\n\n'), KEEPALIVE_MS)
      stop = () => {
        if (closed) return
        closed = true
        clearInterval(tick)
        clearInterval(keepalive)
        unsubscribe()
        try {
          controller.close()
        } catch {
          // already closed by the client
        }
      }
      request.signal.addEventListener('abort', () => stop())
    },
    cancel() {
      stop()
    },
  })
  return new Response(stream, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' } })
}
