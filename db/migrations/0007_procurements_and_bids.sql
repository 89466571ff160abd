CREATE TYPE "public"."bid_status" AS ENUM('active', 'withdrawn', 'needs_reconfirm');--> statement-breakpoint
CREATE TYPE "public"."funding_source" AS ENUM('public', 'private');--> statement-breakpoint
CREATE TYPE "public"."procurement_status" AS ENUM('draft', 'published', 'closed', 'selecting', 'awarded', 'contracted', 'in_service', 'delivered', 'accepted', 'evaluated', 'cancelled', 'failed');--> statement-breakpoint
CREATE TYPE "public"."selection_method" AS ENUM('direct', 'random_draw', 'lowest_price', 'optimal_price', 'reverse_auction', 'scoring', 'credit_shortlist');--> statement-breakpoint
CREATE SEQUENCE "public"."procurement_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "awards" (
	"procurement_id" uuid PRIMARY KEY NOT NULL,
	"bid_id" uuid NOT NULL,
	"agency_org_id" uuid NOT NULL,
	"price_fen" bigint NOT NULL,
	"committed_days" integer NOT NULL,
	"method" "selection_method" NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"standstill_ends_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "bids" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procurement_id" uuid NOT NULL,
	"agency_org_id" uuid NOT NULL,
	"price_fen" bigint NOT NULL,
	"committed_days" integer NOT NULL,
	"nonce" char(64) NOT NULL,
	"status" "bid_status" DEFAULT 'active' NOT NULL,
	"terms_version" integer NOT NULL,
	"basis" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"practitioner_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bids_procurementId_agencyOrgId_unique" UNIQUE("procurement_id","agency_org_id"),
	CONSTRAINT "bid_positive" CHECK ("bids"."price_fen" > 0 and "bids"."committed_days" > 0)
);
--> statement-breakpoint
CREATE TABLE "market_rules" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "procurement_items" (
	"procurement_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"item_version" integer NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "procurement_items_procurement_id_item_id_pk" PRIMARY KEY("procurement_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "procurements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text,
	"owner_org_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"project_code" text NOT NULL,
	"project_name" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"region_code" char(6) NOT NULL,
	"funding_source" "funding_source" NOT NULL,
	"method" "selection_method" NOT NULL,
	"method_params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"direct_agency_id" uuid,
	"direct_reason" text,
	"max_price_fen" bigint NOT NULL,
	"floor_price_fen" bigint,
	"expected_days" integer NOT NULL,
	"consortium_allowed" boolean DEFAULT false NOT NULL,
	"practitioners_required" boolean DEFAULT false NOT NULL,
	"requirement" jsonb,
	"announcement_days" integer NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"status" "procurement_status" DEFAULT 'draft' NOT NULL,
	"terms_version" integer DEFAULT 1 NOT NULL,
	"published_at" timestamp with time zone,
	"bid_deadline" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"failed_reason" text,
	"previous_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procurements_number_unique" UNIQUE("number"),
	CONSTRAINT "procurement_price_bounds" CHECK ("procurements"."max_price_fen" > 0 and ("procurements"."floor_price_fen" is null or ("procurements"."floor_price_fen" > 0 and "procurements"."floor_price_fen" <= "procurements"."max_price_fen"))),
	CONSTRAINT "procurement_days" CHECK ("procurements"."expected_days" > 0 and "procurements"."announcement_days" > 0)
);
--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_procurement_id_procurements_id_fk" FOREIGN KEY ("procurement_id") REFERENCES "public"."procurements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_bid_id_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."bids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_agency_org_id_organizations_id_fk" FOREIGN KEY ("agency_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_procurement_id_procurements_id_fk" FOREIGN KEY ("procurement_id") REFERENCES "public"."procurements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_agency_org_id_organizations_id_fk" FOREIGN KEY ("agency_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_items" ADD CONSTRAINT "procurement_items_procurement_id_procurements_id_fk" FOREIGN KEY ("procurement_id") REFERENCES "public"."procurements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_items" ADD CONSTRAINT "procurement_items_item_id_service_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."service_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurements" ADD CONSTRAINT "procurements_owner_org_id_organizations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurements" ADD CONSTRAINT "procurements_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurements" ADD CONSTRAINT "procurements_direct_agency_id_organizations_id_fk" FOREIGN KEY ("direct_agency_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bids_agency_org_id_index" ON "bids" USING btree ("agency_org_id");--> statement-breakpoint
CREATE INDEX "procurements_status_bid_deadline_index" ON "procurements" USING btree ("status","bid_deadline");--> statement-breakpoint
CREATE INDEX "procurements_owner_org_id_index" ON "procurements" USING btree ("owner_org_id");