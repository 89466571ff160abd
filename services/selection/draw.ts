import { createHash, createHmac, randomBytes } from 'node:crypto'

/**
 * zjcs-draw-v1: the one verifiable draw engine (random draws, tie-breaks, the optimal-price base,
 * later shortlists and spot checks). The algorithm is published at /draws/algorithm and must not
 * change: a new one gets a new name.
 *
 * 1. At publication: secret = 32 bytes from a CSPRNG; commitment = hex SHA-256 of those bytes.
 * 2. seed = SHA-256 of the UTF-8 string
 *    `zjcs-draw-v1|<procurement id>|<purpose>|<hex secret>|<nonces sorted ascending, joined by ",">|<beacon or empty>`
 * 3. Each candidate's score = hex HMAC-SHA256 keyed with the 32 seed bytes over the candidate's
 *    key (a USCC, or a contract id); candidates sort by score ascending; the first wins.
 * 4. To pick one of k values: HMAC-SHA256(seed, "pick"), first 8 bytes as a big-endian unsigned
 *    integer, modulo k.
 */
export const ALGORITHM = 'zjcs-draw-v1'
const HEX64 = /^[0-9a-f]{64}$/

export function newSecret(): { secret: string; commitment: string } {
  const secret = randomBytes(32).toString('hex')
  return { secret, commitment: commitmentOf(secret) }
}

export function commitmentOf(secretHex: string): string {
  if (!HEX64.test(secretHex)) throw new Error('a secret is 32 bytes as 64 lowercase hex characters')
  return createHash('sha256').update(Buffer.from(secretHex, 'hex')).digest('hex')
}

export interface SeedInput {
  procurementId: string
  purpose: string
  secret: string
  /** the nonces of the eligible bids, in any order (they are sorted here); empty for spot checks */
  nonces: readonly string[]
  beacon?: string
}

/** The exact string that is hashed into the seed (shown in the published description). */
export function seedMessage(input: SeedInput): string {
  if (!HEX64.test(input.secret)) throw new Error('a secret is 64 lowercase hex characters')
  for (const n of input.nonces) if (!HEX64.test(n)) throw new Error(`a nonce is 64 lowercase hex characters: ${n}`)
  if (/[|]/.test(input.procurementId + input.purpose + (input.beacon ?? ''))) throw new Error('"|" is the separator and may not appear in a field')
  const nonces = [...input.nonces].sort().join(',')
  return `${ALGORITHM}|${input.procurementId}|${input.purpose}|${input.secret}|${nonces}|${input.beacon ?? ''}`
}

export function drawSeed(input: SeedInput): Buffer {
  return createHash('sha256').update(seedMessage(input), 'utf8').digest()
}

export function score(seed: Buffer, key: string): string {
  return createHmac('sha256', seed).update(key, 'utf8').digest('hex')
}

/** Candidates in draw order: by score ascending (scores are 256-bit, so a tie does not happen). */
export function drawOrder<T extends { key: string }>(seed: Buffer, candidates: readonly T[]): Array<T & { score: string }> {
  const keys = new Set(candidates.map((c) => c.key))
  if (keys.size !== candidates.length) throw new Error('candidate keys must be distinct')
  return candidates.map((c) => ({ ...c, score: score(seed, c.key) })).sort((a, b) => (a.score < b.score ? -1 : a.score > b.score ? 1 : 0))
}

/** One of k values (e.g. the four optimal-price bases): the index in 0 … k-1. */
export function pickIndex(seed: Buffer, k: number): number {
  if (!Number.isSafeInteger(k) || k < 1) throw new Error('k is a positive integer')
  const mac = createHmac('sha256', seed).update('pick', 'utf8').digest()
  return Number(mac.readBigUInt64BE(0) % BigInt(k))
}

/** The published draw record, with exactly these field names (see the issue and /draws/algorithm). */
export interface DrawRecord {
  algorithm: typeof ALGORITHM
  procurementId: string
  purpose: string
  commitment: string
  committedAt: string
  secret: string
  beacon: string
  candidates: Array<{ key: string; nonce: string; score: string }>
  order: string[]
  winner?: string
  pick?: { k: number; index: number }
}

/** Runs a draw and writes its record. `candidates` carry their keys and nonces ('' for none). */
export function makeRecord(input: {
  procurementId: string
  purpose: string
  secret: string
  committedAt: Date
  beacon?: string
  candidates: ReadonlyArray<{ key: string; nonce: string }>
  pickAmong?: number
  chooseWinner?: boolean
}): DrawRecord {
  const seed = drawSeed({ procurementId: input.procurementId, purpose: input.purpose, secret: input.secret, nonces: input.candidates.map((c) => c.nonce).filter(Boolean), beacon: input.beacon })
  const ordered = drawOrder(seed, input.candidates)
  const record: DrawRecord = {
    algorithm: ALGORITHM,
    procurementId: input.procurementId,
    purpose: input.purpose,
    commitment: commitmentOf(input.secret),
    committedAt: input.committedAt.toISOString(),
    secret: input.secret,
    beacon: input.beacon ?? '',
    candidates: input.candidates.map((c) => ({ key: c.key, nonce: c.nonce, score: score(seed, c.key) })),
    order: ordered.map((c) => c.key),
  }
  if (input.chooseWinner !== false && ordered.length) record.winner = ordered[0]!.key
  if (input.pickAmong) record.pick = { k: input.pickAmong, index: pickIndex(seed, input.pickAmong) }
  return record
}

/** Recomputes a record from its own fields: what a verifier does. Lists every disagreement. */
export function verifyRecord(record: DrawRecord): { ok: boolean; problems: string[] } {
  const problems: string[] = []
  try {
    if (record.algorithm !== ALGORITHM) problems.push(`unknown algorithm ${record.algorithm}`)
    if (commitmentOf(record.secret) !== record.commitment) problems.push('the secret does not match the commitment')
    const seed = drawSeed({ procurementId: record.procurementId, purpose: record.purpose, secret: record.secret, nonces: record.candidates.map((c) => c.nonce).filter(Boolean), beacon: record.beacon })
    for (const c of record.candidates) if (score(seed, c.key) !== c.score) problems.push(`the score of ${c.key} is not what the seed gives`)
    const order = drawOrder(seed, record.candidates.map((c) => ({ key: c.key }))).map((c) => c.key)
    if (JSON.stringify(order) !== JSON.stringify(record.order)) problems.push('the order is not what the scores give')
    if (record.winner !== undefined && record.winner !== order[0]) problems.push('the winner is not the first in the order')
    if (record.pick && pickIndex(seed, record.pick.k) !== record.pick.index) problems.push('the pick is not what the seed gives')
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error))
  }
  return { ok: problems.length === 0, problems }
}
