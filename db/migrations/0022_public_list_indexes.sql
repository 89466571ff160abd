ALTER TABLE "procurements" ADD COLUMN "catalog_codes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
-- The codes of each procurement's items and their categories (C05-04 and C05), from its items.
UPDATE "procurements" p SET "catalog_codes" = coalesce((
  SELECT array_agg(DISTINCT c ORDER BY c) FROM "procurement_items" pi JOIN "service_items" si ON si."id" = pi."item_id"
  CROSS JOIN LATERAL (VALUES (si."code"), (split_part(si."code", '-', 1))) v(c)
  WHERE pi."procurement_id" = p."id"), '{}'::text[]);--> statement-breakpoint
CREATE INDEX "procurements_public_by_publication" ON "procurements" USING btree ("published_at","id") WHERE "procurements"."status" <> 'draft' and "procurements"."published_at" is not null;--> statement-breakpoint
CREATE INDEX "procurements_public_by_deadline" ON "procurements" USING btree ("bid_deadline","id") WHERE "procurements"."status" <> 'draft' and "procurements"."published_at" is not null;--> statement-breakpoint
CREATE INDEX "procurements_public_by_price" ON "procurements" USING btree ("max_price_fen","id") WHERE "procurements"."status" <> 'draft' and "procurements"."published_at" is not null;--> statement-breakpoint
CREATE INDEX "procurements_catalog_codes" ON "procurements" USING gin ("catalog_codes");