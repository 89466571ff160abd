CREATE TYPE "public"."candidate_state" AS ENUM('waiting', 'explaining', 'offered', 'confirmed', 'declined', 'timed_out', 'rejected');--> statement-breakpoint
CREATE TABLE "auction_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "auction_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"procurement_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"turn" integer NOT NULL,
	"bid_id" uuid NOT NULL,
	"label" integer NOT NULL,
	"price_fen" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"idempotency_key" text NOT NULL,
	CONSTRAINT "auction_events_procurementId_round_turn_unique" UNIQUE("procurement_id","round","turn"),
	CONSTRAINT "auction_events_procurementId_bidId_idempotencyKey_unique" UNIQUE("procurement_id","bid_id","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "auctions" (
	"procurement_id" uuid PRIMARY KEY NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"turn_seconds" integer NOT NULL,
	"rounds" integer NOT NULL,
	"min_step_fen" bigint NOT NULL,
	"floor_fen" bigint,
	"bidders" jsonb NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "draws" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procurement_id" uuid,
	"purpose" text NOT NULL,
	"record" json NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "draws_procurementId_purpose_unique" UNIQUE("procurement_id","purpose")
);
--> statement-breakpoint
CREATE TABLE "selection_candidates" (
	"procurement_id" uuid NOT NULL,
	"bid_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"agency_org_id" uuid NOT NULL,
	"price_fen" bigint NOT NULL,
	"committed_days" integer NOT NULL,
	"abnormally_low" boolean DEFAULT false NOT NULL,
	"state" "candidate_state" DEFAULT 'waiting' NOT NULL,
	"explanation" text,
	"explained_at" timestamp with time zone,
	"explanation_accepted" boolean,
	"decision_reason" text,
	"respond_by" timestamp with time zone,
	"state_changed_at" timestamp with time zone,
	CONSTRAINT "selection_candidates_procurement_id_bid_id_pk" PRIMARY KEY("procurement_id","bid_id"),
	CONSTRAINT "selection_candidates_procurementId_rank_unique" UNIQUE("procurement_id","rank"),
	CONSTRAINT "candidate_rank" CHECK ("selection_candidates"."rank" > 0)
);
--> statement-breakpoint
CREATE TABLE "selections" (
	"procurement_id" uuid PRIMARY KEY NOT NULL,
	"method" "selection_method" NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "awards" ADD COLUMN "confirm_by" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "auction_events" ADD CONSTRAINT "auction_events_procurement_id_procurements_id_fk" FOREIGN KEY ("procurement_id") REFERENCES "public"."procurements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_events" ADD CONSTRAINT "auction_events_bid_id_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."bids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_procurement_id_procurements_id_fk" FOREIGN KEY ("procurement_id") REFERENCES "public"."procurements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draws" ADD CONSTRAINT "draws_procurement_id_procurements_id_fk" FOREIGN KEY ("procurement_id") REFERENCES "public"."procurements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_candidates" ADD CONSTRAINT "selection_candidates_procurement_id_procurements_id_fk" FOREIGN KEY ("procurement_id") REFERENCES "public"."procurements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_candidates" ADD CONSTRAINT "selection_candidates_bid_id_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."bids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_candidates" ADD CONSTRAINT "selection_candidates_agency_org_id_organizations_id_fk" FOREIGN KEY ("agency_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selections" ADD CONSTRAINT "selections_procurement_id_procurements_id_fk" FOREIGN KEY ("procurement_id") REFERENCES "public"."procurements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "draws_created_at_index" ON "draws" USING btree ("created_at");--> statement-breakpoint
-- A published draw record, and a bid made in a live auction, are never changed or removed.
CREATE TRIGGER draws_append_only BEFORE UPDATE OR DELETE ON draws FOR EACH ROW EXECUTE FUNCTION forbid_change();
--> statement-breakpoint
CREATE TRIGGER auction_events_append_only BEFORE UPDATE OR DELETE ON auction_events FOR EACH ROW EXECUTE FUNCTION forbid_change();
