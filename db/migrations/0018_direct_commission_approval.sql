CREATE TYPE "public"."direct_approval_decision" AS ENUM('approved', 'rejected');--> statement-breakpoint
CREATE TABLE "direct_approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procurement_id" uuid NOT NULL,
	"max_price_fen" bigint NOT NULL,
	"direct_agency_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decision" "direct_approval_decision",
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text
);
--> statement-breakpoint
ALTER TABLE "direct_approvals" ADD CONSTRAINT "direct_approvals_procurement_id_procurements_id_fk" FOREIGN KEY ("procurement_id") REFERENCES "public"."procurements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "direct_approvals" ADD CONSTRAINT "direct_approvals_direct_agency_id_organizations_id_fk" FOREIGN KEY ("direct_agency_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "direct_approvals_procurement_id_index" ON "direct_approvals" USING btree ("procurement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "direct_approvals_one_open" ON "direct_approvals" USING btree ("procurement_id") WHERE "direct_approvals"."decision" is null;--> statement-breakpoint
-- An approval, like a sanction, is a record of a decision: never deleted.
CREATE TRIGGER "direct_approvals_no_delete" BEFORE DELETE ON "direct_approvals" FOR EACH ROW EXECUTE FUNCTION forbid_change();