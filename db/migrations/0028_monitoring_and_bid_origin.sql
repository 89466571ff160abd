CREATE TYPE "public"."monitoring_reason" AS ENUM('red_flag', 'complaint', 'media', 'spot_check', 'public');--> statement-breakpoint
CREATE TYPE "public"."monitoring_status" AS ENUM('open', 'rectifying', 'reported', 'closed', 'escalated');--> statement-breakpoint
CREATE TABLE "monitoring_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"monitoring_id" uuid NOT NULL,
	"question" text NOT NULL,
	"asked_by" uuid NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "monitorings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procurement_id" uuid,
	"party_org_id" uuid NOT NULL,
	"reason" "monitoring_reason" NOT NULL,
	"reason_note" text NOT NULL,
	"source_id" uuid,
	"status" "monitoring_status" DEFAULT 'open' NOT NULL,
	"opened_by" uuid NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"findings" text,
	"concluded_by" uuid,
	"concluded_at" timestamp with time zone,
	"rectify_by" timestamp with time zone,
	"report_text" text,
	"report_file_id" uuid,
	"reported_by" uuid,
	"reported_at" timestamp with time zone,
	"decision_note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"sanction_id" uuid
);
--> statement-breakpoint
ALTER TABLE "bids" ADD COLUMN "client_ip" text;--> statement-breakpoint
ALTER TABLE "bids" ADD COLUMN "device_id" text;--> statement-breakpoint
ALTER TABLE "bids" ADD COLUMN "user_agent" text;--> statement-breakpoint
ALTER TABLE "monitoring_questions" ADD CONSTRAINT "monitoring_questions_monitoring_id_monitorings_id_fk" FOREIGN KEY ("monitoring_id") REFERENCES "public"."monitorings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitorings" ADD CONSTRAINT "monitorings_procurement_id_procurements_id_fk" FOREIGN KEY ("procurement_id") REFERENCES "public"."procurements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitorings" ADD CONSTRAINT "monitorings_party_org_id_organizations_id_fk" FOREIGN KEY ("party_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "monitoring_questions_monitoring_id_asked_at_index" ON "monitoring_questions" USING btree ("monitoring_id","asked_at");--> statement-breakpoint
CREATE INDEX "monitorings_status_opened_at_index" ON "monitorings" USING btree ("status","opened_at");--> statement-breakpoint
CREATE INDEX "monitorings_party_org_id_index" ON "monitorings" USING btree ("party_org_id");--> statement-breakpoint
CREATE INDEX "monitorings_procurement_id_index" ON "monitorings" USING btree ("procurement_id");