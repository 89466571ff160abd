import { customType, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { tstz } from './columns'
import type { OrgId, UserId } from './ids'
import { organizations } from './orgs'

/** Raw bytes; `pg` gives a Buffer and PGlite a Uint8Array, both normalized to Uint8Array. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => new Uint8Array(value),
})

/**
 * Uploaded documents (qualification scans, later contracts and deliverables), kept in the
 * database so every app process and both drivers see the same files and backups include them.
 */
export const files = pgTable(
  'files',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid().notNull().references(() => organizations.id).$type<OrgId>(),
    purpose: text().notNull(),
    /** the type read from the content, never the name the browser sent */
    mime: text().notNull(),
    size: integer().notNull(),
    sha256: text().notNull(),
    content: bytea().notNull(),
    createdAt: tstz().notNull(),
    createdBy: uuid().$type<UserId>(),
    /** a contract or a deliverable: readable by both parties of this procurement; an attachment: public once it is published */
    procurementId: uuid(),
    /** the name shown for a download (attachments); never used to decide the type */
    name: text(),
  },
  (t) => [index().on(t.orgId)],
)
export type StoredFile = typeof files.$inferSelect
