import { sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { qualificationSpecialties, regions, serviceCategories, serviceItems, serviceItemSpecialties, serviceItemVersions } from '../../db/schema'
import { installShippedCalendar } from '../calendar'
import { CATALOG, CATEGORY_TERMS } from './data/catalog'
import { regionRows } from './data/regions-guangxi'

/**
 * Reference data every marketplace needs, demo or not: regions, the service catalog and the
 * working-day calendar. Idempotent: rows already present (perhaps edited) are left alone.
 */
export async function installReferenceData(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(regions).values(regionRows()).onConflictDoNothing()
    for (const [index, category] of CATALOG.entries()) {
      const [row] = await tx
        .insert(serviceCategories)
        .values({ code: category.code, nameZh: category.nameZh, nameEn: category.nameEn, sortOrder: index + 1 })
        .onConflictDoUpdate({ target: serviceCategories.code, set: { code: sql`excluded.code` } })
        .returning({ id: serviceCategories.id })
      const categoryId = row!.id
      await tx
        .insert(qualificationSpecialties)
        .values(category.specialties.map(([code, nameZh, nameEn]) => ({ code, nameZh, nameEn, categoryId })))
        .onConflictDoNothing()
      const terms = CATEGORY_TERMS[category.code]!
      for (const [code, nameZh, nameEn, standardDays, specialties] of category.items) {
        const values = {
          nameZh,
          nameEn,
          standardDays,
          legalBasis: terms.legalBasis,
          authorityZh: terms.authorityZh,
          authorityEn: terms.authorityEn,
          feeMinFen: terms.feeYuan[0] * 100,
          feeMaxFen: terms.feeYuan[1] * 100,
        }
        const [item] = await tx
          .insert(serviceItems)
          .values({ categoryId, code, ...values })
          .onConflictDoUpdate({ target: serviceItems.code, set: { code: sql`excluded.code` } })
          .returning({ id: serviceItems.id })
        await tx
          .insert(serviceItemSpecialties)
          .values(specialties.map((specialtyCode) => ({ itemId: item!.id, specialtyCode })))
          .onConflictDoNothing()
        // Version 1 is the shipped catalog; later versions are the market office's edits.
        await tx
            .insert(serviceItemVersions)
            .values({ itemId: item!.id, version: 1, terms: { ...values, specialties }, createdAt: new Date(0) })
            .onConflictDoNothing()
      }
    }
    await installShippedCalendar(tx)
  })
}
