import { eq } from 'drizzle-orm'
import * as z from 'zod'
import type { Db } from '../../db/client'
import { organizations, regions } from '../../db/schema'
import { appendAudit } from '../audit'
import { emailField, phoneField } from '../shared/schemas'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { DomainError } from '../shared/errors'

const text = (max: number) => z.string({ error: 'errors.required' }).trim().min(1, 'errors.required').max(max, 'errors.tooLong')

/**
 * What an organization's admin may change after sign-up. The name and the USCC are not here:
 * they identify the organization in every record, and change only through the market office.
 */
export const profileSchema = z.object({
  legalRepresentative: text(40),
  address: text(200),
  regionCode: z.string({ error: 'errors.required' }).regex(/^\d{6}$/, 'errors.region'),
  contactName: text(40),
  contactPhone: phoneField,
  contactEmail: emailField,
  nameEn: z.string().trim().max(160, 'errors.tooLong').optional().default(''),
})
export type ProfileInput = z.infer<typeof profileSchema>

export async function updateProfile(db: Db, clock: Clock, actor: Actor, input: ProfileInput) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(organizations).where(eq(organizations.id, actor.orgId)).for('update')
    if (!current) throw new DomainError('errors.notFound')
    const [region] = await tx.select({ level: regions.level }).from(regions).where(eq(regions.code, input.regionCode))
    if (!region || region.level < 2) throw new DomainError('errors.region', 'regionCode')
    const now = clock.now()
    const next = { ...input, nameEn: input.nameEn || current.nameEn }
    const changed = (Object.keys(next) as Array<keyof typeof next>).filter((k) => (current[k] ?? '') !== next[k])
    if (!changed.length) return current
    const [row] = await tx.update(organizations).set({ ...next, updatedAt: now }).where(eq(organizations.id, actor.orgId)).returning()
    await appendAudit(tx, {
      actor,
      action: 'organization.update',
      entityType: 'organization',
      entityId: actor.orgId,
      before: Object.fromEntries(changed.map((k) => [k, current[k]])),
      after: Object.fromEntries(changed.map((k) => [k, next[k]])),
      at: now,
    })
    return row!
  })
}
