import { asc, count, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { organizations, qualificationSpecialties, serviceCategories, serviceItems, serviceItemSpecialties } from '../../db/schema'

/** The catalog's categories and items by name only, in one query: what the public lists filter by. */
export async function catalogNames(db: Db) {
  const rows = await db
    .select({ categoryId: serviceCategories.id, categoryCode: serviceCategories.code, categoryZh: serviceCategories.nameZh, categoryEn: serviceCategories.nameEn, code: serviceItems.code, nameZh: serviceItems.nameZh, nameEn: serviceItems.nameEn })
    .from(serviceCategories)
    .leftJoin(serviceItems, eq(serviceItems.categoryId, serviceCategories.id))
    .orderBy(asc(serviceCategories.sortOrder), asc(serviceItems.code))
  const categories = new Map<string, { code: string; nameZh: string; nameEn: string; items: Array<{ code: string; nameZh: string; nameEn: string }> }>()
  for (const r of rows) {
    const category = categories.get(r.categoryId) ?? { code: r.categoryCode, nameZh: r.categoryZh, nameEn: r.categoryEn, items: [] }
    categories.set(r.categoryId, category)
    if (r.code) category.items.push({ code: r.code, nameZh: r.nameZh!, nameEn: r.nameEn! })
  }
  return [...categories.values()]
}

export async function listCatalog(db: Db) {
  const [categories, items, links, specialties] = await Promise.all([
    db.select().from(serviceCategories).orderBy(asc(serviceCategories.sortOrder)),
    db.select().from(serviceItems).orderBy(asc(serviceItems.code)),
    db.select().from(serviceItemSpecialties),
    db.select().from(qualificationSpecialties),
  ])
  const specialtyByCode = new Map(specialties.map((s) => [s.code, s]))
  return categories.map((category) => ({
    ...category,
    items: items
      .filter((item) => item.categoryId === category.id)
      .map((item) => ({
        ...item,
        specialties: links.filter((l) => l.itemId === item.id).map((l) => specialtyByCode.get(l.specialtyCode)!),
      })),
  }))
}

export async function marketplaceStats(db: Db) {
  const kinds = await db.select({ kind: organizations.kind, n: count() }).from(organizations).groupBy(organizations.kind)
  const [categories] = await db.select({ n: count() }).from(serviceCategories)
  const [items] = await db.select({ n: count() }).from(serviceItems)
  const byKind = Object.fromEntries(kinds.map((k) => [k.kind, k.n])) as Partial<Record<string, number>>
  return { agencies: byKind.agency ?? 0, owners: byKind.owner ?? 0, categories: categories!.n, items: items!.n }
}

export async function categoryItemCounts(db: Db) {
  return db
    .select({ id: serviceCategories.id, code: serviceCategories.code, nameZh: serviceCategories.nameZh, nameEn: serviceCategories.nameEn, items: count(serviceItems.id) })
    .from(serviceCategories)
    .leftJoin(serviceItems, eq(serviceItems.categoryId, serviceCategories.id))
    .groupBy(serviceCategories.id)
    .orderBy(asc(serviceCategories.sortOrder))
}
