CREATE TYPE "public"."petition_kind" AS ENUM('appeal', 'repair');--> statement-breakpoint
CREATE TYPE "public"."petition_outcome" AS ENUM('granted', 'refused');--> statement-breakpoint
ALTER TYPE "public"."user_role" ADD VALUE 'purchaser';--> statement-breakpoint
ALTER TYPE "public"."user_role" ADD VALUE 'operator';--> statement-breakpoint
ALTER TYPE "public"."user_role" ADD VALUE 'approver';--> statement-breakpoint
ALTER TYPE "public"."sanction_kind" ADD VALUE 'yellow_card';--> statement-breakpoint
ALTER TYPE "public"."sanction_kind" ADD VALUE 'suspension';--> statement-breakpoint
CREATE TABLE "credit_petitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "petition_kind" NOT NULL,
	"org_id" uuid NOT NULL,
	"procurement_id" uuid,
	"sanction_id" uuid,
	"event_id" uuid,
	"statement" text NOT NULL,
	"filed_by" uuid NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"outcome" "petition_outcome",
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text
);
--> statement-breakpoint
ALTER TABLE "sanctions" ALTER COLUMN "decided_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "sanctions" ALTER COLUMN "decided_at" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "sanctions" ADD COLUMN "legal_basis" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "sanctions" ADD COLUMN "proposed_by" uuid;--> statement-breakpoint
ALTER TABLE "sanctions" ADD COLUMN "proposed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sanctions" ADD COLUMN "refused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sanctions" ADD COLUMN "refused_by" uuid;--> statement-breakpoint
ALTER TABLE "sanctions" ADD COLUMN "refuse_reason" text;--> statement-breakpoint
ALTER TABLE "credit_petitions" ADD CONSTRAINT "credit_petitions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_petitions" ADD CONSTRAINT "credit_petitions_sanction_id_sanctions_id_fk" FOREIGN KEY ("sanction_id") REFERENCES "public"."sanctions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credit_petitions_org_id_index" ON "credit_petitions" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_petitions_one_appeal" ON "credit_petitions" USING btree ("procurement_id") WHERE "credit_petitions"."kind" = 'appeal';--> statement-breakpoint
CREATE UNIQUE INDEX "credit_petitions_one_open_repair_of_sanction" ON "credit_petitions" USING btree ("sanction_id") WHERE "credit_petitions"."kind" = 'repair' and "credit_petitions"."outcome" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "credit_petitions_one_open_repair_of_event" ON "credit_petitions" USING btree ("event_id") WHERE "credit_petitions"."kind" = 'repair' and "credit_petitions"."outcome" is null;--> statement-breakpoint
UPDATE "sanctions" SET "proposed_by" = "decided_by", "proposed_at" = "decided_at";