import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { organizations, regions } from '../../db/schema'
import { appendAudit } from '../audit'
import type { ProfileInput } from './profile-input'
import type { Actor } from '../shared/actor'
import type { Clock } from '../shared/clock'
import { DomainError } from '../shared/errors'

export { profileSchema, type ProfileInput } from './profile-input'

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
