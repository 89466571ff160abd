CREATE TYPE "public"."objection_matter" AS ENUM('terms', 'result', 'qualification');--> statement-breakpoint
CREATE TYPE "public"."objection_status" AS ENUM('draft', 'submitted', 'answered', 'resolved', 'not_resolved');--> statement-breakpoint
CREATE TYPE "public"."complaint_status" AS ENUM('pending', 'accepted', 'invalid', 'upheld', 'dismissed', 'withdrawn');--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"objection_id" uuid NOT NULL,
	"procurement_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"matter" "objection_matter" NOT NULL,
	"violation" text NOT NULL,
	"remedy" text NOT NULL,
	"arguments" text NOT NULL,
	"evidence_file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" "complaint_status" DEFAULT 'pending' NOT NULL,
	"filed_by" uuid NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"accept_by" timestamp with time zone NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"decide_by" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision" text,
	"remedy_applied" text,
	"reannounced_as" uuid,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "objections" ADD COLUMN "matter" "objection_matter" DEFAULT 'result' NOT NULL;--> statement-breakpoint
ALTER TABLE "objections" ADD COLUMN "status" "objection_status" DEFAULT 'submitted' NOT NULL;--> statement-breakpoint
ALTER TABLE "objections" ADD COLUMN "violation" text DEFAULT 'other' NOT NULL;--> statement-breakpoint
ALTER TABLE "objections" ADD COLUMN "remedy" text;--> statement-breakpoint
ALTER TABLE "objections" ADD COLUMN "answer_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "objections" ADD COLUMN "judged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "objections" ADD COLUMN "escalate_by" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_objection_id_objections_id_fk" FOREIGN KEY ("objection_id") REFERENCES "public"."objections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_procurement_id_procurements_id_fk" FOREIGN KEY ("procurement_id") REFERENCES "public"."procurements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_objection_id_index" ON "complaints" USING btree ("objection_id");--> statement-breakpoint
CREATE INDEX "complaints_status_filed_at_index" ON "complaints" USING btree ("status","filed_at");--> statement-breakpoint
CREATE INDEX "complaints_procurement_id_index" ON "complaints" USING btree ("procurement_id");--> statement-breakpoint
CREATE INDEX "complaints_org_id_index" ON "complaints" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "objections_org_id_status_index" ON "objections" USING btree ("org_id","status");--> statement-breakpoint
UPDATE "objections" SET "status" = 'answered' WHERE "response" IS NOT NULL;
