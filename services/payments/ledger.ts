import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { Db } from '../../db/client'

const rowsOf = async <T>(db: Db, query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: T[] }).rows
import { ledgerEntries, type Payment } from '../../db/schema'

/**
 * The ledger's three accounts for one payment, in fen, positive when money comes into the account:
 * funding takes it from the owner (payer) into escrow; a release moves it from escrow to the agency
 * (payee); a refund from escrow back to the owner. Each movement is two entries that sum to zero,
 * and the database refuses a commit in which one does not (migration 0030).
 */
export type MovementKind = 'fund' | 'release' | 'refund'

export async function recordMovement(tx: Db, payment: Payment, kind: MovementKind, amountFen: number, at: Date, detail: Record<string, unknown> = {}): Promise<void> {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw new Error(`a ${kind} of ${amountFen} fen is not a movement`)
  const movementId = randomUUID()
  const payer = { account: 'payer' as const, orgId: payment.payerOrgId }
  const payee = { account: 'payee' as const, orgId: payment.payeeOrgId }
  const escrow = { account: 'escrow' as const, orgId: null }
  const [from, to] = kind === 'fund' ? [payer, escrow] : kind === 'release' ? [escrow, payee] : [escrow, payer]
  const base = { movementId, paymentId: payment.id, kind, at, detail }
  await tx.insert(ledgerEntries).values([
    { ...base, ...from, amountFen: -amountFen },
    { ...base, ...to, amountFen },
  ])
}

/**
 * What is wrong with the ledger, if anything: a movement that does not sum to zero, or a payment
 * whose accounts disagree with its state (escrow must hold what was funded and neither released nor
 * refunded; the agency must have what was released; the owner must have lost what was funded and
 * not refunded). Empty when the ledger is exactly right. Run after every test file and by the
 * office's page.
 */
export async function ledgerProblems(db: Db): Promise<string[]> {
  const unbalanced = await rowsOf<{ movement_id: string; total: string }>(db, sql`
    select movement_id, sum(amount_fen)::text as total from ledger_entries group by movement_id having sum(amount_fen) <> 0 limit 20`)
  const mismatched = await rowsOf<{ id: string; status: string; escrow: string; payee: string; payer: string; expected_escrow: string; expected_payee: string; expected_payer: string }>(db, sql`
    with balances as (
      select payment_id,
        coalesce(sum(amount_fen) filter (where account = 'escrow'), 0) as escrow,
        coalesce(sum(amount_fen) filter (where account = 'payee'), 0) as payee,
        coalesce(sum(amount_fen) filter (where account = 'payer'), 0) as payer
      from ledger_entries group by payment_id
    ), expected as (
      select p.id, p.status::text as status,
        case when p.status in ('held', 'settled') then p.amount_fen else 0 end as funded,
        p.released_fen, p.refunded_fen
      from payments p
    )
    select e.id, e.status,
      coalesce(b.escrow, 0)::text as escrow, coalesce(b.payee, 0)::text as payee, coalesce(b.payer, 0)::text as payer,
      (e.funded - e.released_fen - e.refunded_fen)::text as expected_escrow, e.released_fen::text as expected_payee, (e.refunded_fen - e.funded)::text as expected_payer
    from expected e left join balances b on b.payment_id = e.id
    where coalesce(b.escrow, 0) <> e.funded - e.released_fen - e.refunded_fen
       or coalesce(b.payee, 0) <> e.released_fen
       or coalesce(b.payer, 0) <> e.refunded_fen - e.funded
    limit 20`)
  return [
    ...unbalanced.map((r) => `movement ${r.movement_id} sums to ${r.total}`),
    ...mismatched.map((r) => `payment ${r.id} (${r.status}): escrow ${r.escrow}/${r.expected_escrow}, payee ${r.payee}/${r.expected_payee}, payer ${r.payer}/${r.expected_payer}`),
  ]
}

/** What escrow holds now, and what has been released and refunded, in fen: for the office's page. */
export async function ledgerTotals(db: Db): Promise<{ escrowFen: number; releasedFen: number; refundedFen: number; fundedFen: number }> {
  const result = await rowsOf<{ escrow: string; released: string; refunded: string; funded: string }>(db, sql`
    select coalesce(sum(amount_fen) filter (where account = 'escrow'), 0)::text as escrow,
      coalesce(sum(amount_fen) filter (where account = 'payee'), 0)::text as released,
      coalesce(sum(amount_fen) filter (where kind = 'refund' and account = 'payer'), 0)::text as refunded,
      coalesce(sum(amount_fen) filter (where kind = 'fund' and account = 'escrow'), 0)::text as funded
    from ledger_entries`)
  const row = result[0]!
  return { escrowFen: Number(row.escrow), releasedFen: Number(row.released), refundedFen: Number(row.refunded), fundedFen: Number(row.funded) }
}
