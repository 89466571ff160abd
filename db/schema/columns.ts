import { timestamp, uuid } from 'drizzle-orm/pg-core'

/** A primary key of random UUIDs, branded so that one entity's id cannot be passed for another's. */
export const idColumn = <Brand extends string>() => ({
  id: uuid().primaryKey().defaultRandom().$type<Brand>(),
})

export const timestamps = {
  createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}

/** All times are stored as timestamptz (UTC) and shown in Asia/Shanghai. */
export const tstz = () => timestamp({ withTimezone: true, mode: 'date' })
