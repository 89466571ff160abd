import { createHash } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { files, type OrgId, type UserId } from '../../db/schema'
import { DomainError } from '../shared/errors'
import { isUuid } from '../shared/schemas'

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024
export const SCAN_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const
export type ScanType = (typeof SCAN_TYPES)[number]

/** The type from the first bytes of the content; the name and the browser's claim are ignored. */
export function sniffType(bytes: Uint8Array): ScanType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b)
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf' // %PDF-
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  return null
}

/**
 * Checks and stores a document (PDF, JPEG or PNG by content); throws field errors for an empty,
 * oversized or forged file. A contract or deliverable names its procurement, whose two parties
 * may then read it.
 */
export async function storeScan(db: Db, input: { orgId: OrgId; userId: UserId; bytes: Uint8Array; field: string; at: Date; purpose?: 'qualification_scan' | 'contract' | 'deliverable' | 'attachment' | 'evidence' | 'rectification'; procurementId?: string; name?: string }) {
  if (input.bytes.length === 0) throw new DomainError('errors.fileRequired', input.field)
  if (input.bytes.length > MAX_UPLOAD_BYTES) throw new DomainError('errors.fileTooLarge', input.field)
  const mime = sniffType(input.bytes)
  if (!mime) throw new DomainError('errors.fileType', input.field)
  const [row] = await db
    .insert(files)
    .values({
      orgId: input.orgId,
      purpose: input.purpose ?? 'qualification_scan',
      procurementId: input.procurementId ?? null,
      name: input.name ?? null,
      mime,
      size: input.bytes.length,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      content: input.bytes,
      createdAt: input.at,
      createdBy: input.userId,
    })
    .returning({ id: files.id })
  return row!.id
}

export async function readFile(db: Db, id: string) {
  if (!isUuid(id)) return null
  const [row] = await db.select().from(files).where(eq(files.id, id))
  return row ?? null
}
