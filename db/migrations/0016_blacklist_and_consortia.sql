CREATE TYPE "public"."bid_party_role" AS ENUM('lead', 'member');--> statement-breakpoint
CREATE TYPE "public"."bid_party_status" AS ENUM('invited', 'accepted', 'declined', 'released');--> statement-breakpoint
CREATE TYPE "public"."sanction_kind" AS ENUM('blacklist');--> statement-breakpoint
CREATE TABLE "bid_parties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bid_id" uuid NOT NULL,
	"procurement_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"role" "bid_party_role" NOT NULL,
	"item_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" "bid_party_status" NOT NULL,
	"invited_at" timestamp with time zone NOT NULL,
	"responded_by" uuid,
	"responded_at" timestamp with time zone,
	"decline_reason" text
);
--> statement-breakpoint
CREATE TABLE "sanctions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" "sanction_kind" NOT NULL,
	"reason" text NOT NULL,
	"decision_no" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"lifted_at" timestamp with time zone,
	"lifted_by" uuid,
	"lift_reason" text,
	CONSTRAINT "sanction_term" CHECK ("sanctions"."ends_on" is null or "sanctions"."ends_on" >= "sanctions"."starts_on")
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "sealed_until_opening_of" uuid;--> statement-breakpoint
ALTER TABLE "bids" ADD COLUMN "excluded" text;--> statement-breakpoint
ALTER TABLE "bid_parties" ADD CONSTRAINT "bid_parties_bid_id_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."bids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_parties" ADD CONSTRAINT "bid_parties_procurement_id_procurements_id_fk" FOREIGN KEY ("procurement_id") REFERENCES "public"."procurements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_parties" ADD CONSTRAINT "bid_parties_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sanctions" ADD CONSTRAINT "sanctions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bid_parties_bid_id_index" ON "bid_parties" USING btree ("bid_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bid_parties_one_bid_per_procurement" ON "bid_parties" USING btree ("procurement_id","org_id") WHERE "bid_parties"."status" in ('invited', 'accepted');--> statement-breakpoint
CREATE INDEX "bid_parties_org_id_index" ON "bid_parties" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "sanctions_org_id_kind_index" ON "sanctions" USING btree ("org_id","kind");--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_sealed_until_opening_of_procurements_id_fk" FOREIGN KEY ("sealed_until_opening_of") REFERENCES "public"."procurements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Every bid has its lead party: the bids made before consortia existed get theirs here.
INSERT INTO "bid_parties" ("bid_id", "procurement_id", "org_id", "role", "item_ids", "status", "invited_at", "responded_by", "responded_at")
SELECT b."id", b."procurement_id", b."agency_org_id", 'lead',
  COALESCE((SELECT jsonb_agg(pi."item_id" ORDER BY pi."sort_order") FROM "procurement_items" pi WHERE pi."procurement_id" = b."procurement_id"), '[]'::jsonb),
  'accepted', b."submitted_at", b."submitted_by", b."submitted_at"
FROM "bids" b;--> statement-breakpoint
-- The notifications sent to a procurement's bidders (or askers) before its opening name them:
-- sealed from the office's outbox view until the opening.
UPDATE "notifications" SET "sealed_until_opening_of" = substring("link" from '^/(?:agency/bids|procurements)/([0-9a-f-]{36})')::uuid
WHERE "kind" IN ('bidReceived', 'termsAmended', 'auctionScheduled', 'questionAnswered') AND "link" ~ '^/(agency/bids|procurements)/[0-9a-f-]{36}';--> statement-breakpoint
-- A listing is lifted, never deleted.
CREATE TRIGGER "sanctions_no_delete" BEFORE DELETE ON "sanctions" FOR EACH ROW EXECUTE FUNCTION forbid_change();
