import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { asc, desc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { auditAnchors, auditLog, type AuditAnchor } from '../../db/schema'
import { canonicalJson } from '../shared/canonical-json'

/**
 * Anchors: the audit chain's head, published at fixed times and signed with an Ed25519 key that
 * lives outside the database (a file, `AUDIT_KEY_FILE`). The chain alone proves its entries agree
 * with each other; it cannot tell whether the newest were deleted, or whether an entry was edited
 * and every later hash recomputed. A copy of the anchors archived elsewhere can: each archived
 * anchor names an entry and its hash, which the database must still hold, unchanged.
 */
export const ANCHOR_ALGORITHM = 'zjcs-audit-anchor-v1'

export interface AnchorSigner {
  keyId: string
  publicKeyPem: string
  sign(statement: string): string
}

/** What an anchor's signature covers: the algorithm, the head and when it was published, as canonical JSON. */
export function anchorStatement(a: Pick<AuditAnchor, 'headId' | 'headHash' | 'publishedAt' | 'keyId'>): string {
  return canonicalJson({ algorithm: ANCHOR_ALGORITHM, headId: a.headId, headHash: a.headHash, publishedAt: a.publishedAt.toISOString(), keyId: a.keyId })
}

const keyIdOf = (publicKeyPem: string) => createHash('sha256').update(publicKeyPem).digest('hex').slice(0, 16)

export function signerFromKey(privateKey: KeyObject): AnchorSigner {
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString()
  return { keyId: keyIdOf(publicKeyPem), publicKeyPem, sign: (statement) => sign(null, Buffer.from(statement), privateKey).toString('base64') }
}

/** The signing key from its file, made there (readable by this user only) the first time. */
export function loadSigner(file: string): AnchorSigner {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const { privateKey } = generateKeyPairSync('ed25519')
    fs.writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' })
  }
  return signerFromKey(createPrivateKey(fs.readFileSync(file)))
}

/** Publishes the head as it stands, unless it is the head the last anchor already names. Returns the anchor, if a new one. */
export async function publishAnchor(db: Db, at: Date, signer: AnchorSigner): Promise<AuditAnchor | null> {
  const [head] = await db.select({ id: auditLog.id, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1)
  if (!head) return null
  const [last] = await db.select().from(auditAnchors).orderBy(desc(auditAnchors.id)).limit(1)
  if (last && last.headId === head.id && last.headHash === head.hash) return null
  const unsigned = { headId: head.id, headHash: head.hash, publishedAt: new Date(Math.floor(at.getTime())), keyId: signer.keyId }
  const [row] = await db.insert(auditAnchors).values({ ...unsigned, signature: signer.sign(anchorStatement(unsigned)) }).returning()
  return row!
}

/** The published record anyone may archive: the public key, and every anchor in order. */
export interface AnchorFeed {
  algorithm: typeof ANCHOR_ALGORITHM
  keys: Array<{ keyId: string; publicKey: string }>
  anchors: Array<{ headId: number; headHash: string; publishedAt: string; keyId: string; signature: string }>
}

export async function anchorFeed(db: Db, signer: Pick<AnchorSigner, 'keyId' | 'publicKeyPem'>): Promise<AnchorFeed> {
  const rows = await db.select().from(auditAnchors).orderBy(asc(auditAnchors.id))
  return {
    algorithm: ANCHOR_ALGORITHM,
    keys: [{ keyId: signer.keyId, publicKey: signer.publicKeyPem }],
    anchors: rows.map((r) => ({ headId: r.headId, headHash: r.headHash, publishedAt: r.publishedAt.toISOString(), keyId: r.keyId, signature: r.signature })),
  }
}

export type AnchorProblem =
  | { anchor: number; reason: 'signature' }
  | { anchor: number; reason: 'missing'; headId: number }
  | { anchor: number; reason: 'changed'; headId: number }

/**
 * Checks the database against a saved copy of the anchors: each must be signed by a key the copy
 * names, and its entry must still be in the chain with the same hash. (The chain itself is
 * recomputed by `verifyChain`; together they catch truncation and re-hashing up to the newest
 * archived anchor.)
 */
export async function checkAnchors(db: Db, saved: AnchorFeed): Promise<{ ok: boolean; checked: number; problems: AnchorProblem[] }> {
  const keys = new Map(saved.keys.map((k) => [k.keyId, createPublicKey(k.publicKey)]))
  const problems: AnchorProblem[] = []
  for (const [n, a] of saved.anchors.entries()) {
    const key = keys.get(a.keyId)
    const statement = anchorStatement({ headId: a.headId, headHash: a.headHash, publishedAt: new Date(a.publishedAt), keyId: a.keyId })
    if (!key || !verify(null, Buffer.from(statement), key, Buffer.from(a.signature, 'base64'))) {
      problems.push({ anchor: n, reason: 'signature' })
      continue
    }
    const [entry] = await db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.id, a.headId))
    if (!entry) problems.push({ anchor: n, reason: 'missing', headId: a.headId })
    else if (entry.hash !== a.headHash) problems.push({ anchor: n, reason: 'changed', headId: a.headId })
  }
  return { ok: problems.length === 0, checked: saved.anchors.length, problems }
}
