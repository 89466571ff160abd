CREATE TYPE "public"."red_flag_status" AS ENUM('open', 'dismissed', 'monitoring');--> statement-breakpoint
CREATE TABLE "red_flag_thresholds" (
	"rule" text NOT NULL,
	"method" text NOT NULL,
	"value" integer NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "red_flag_thresholds_rule_method_pk" PRIMARY KEY("rule","method")
);
--> statement-breakpoint
CREATE TABLE "red_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule" text NOT NULL,
	"subject_key" text NOT NULL,
	"procurement_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"org_id" uuid,
	"evidence" jsonb NOT NULL,
	"status" "red_flag_status" DEFAULT 'open' NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"dismissed_by" uuid,
	"dismissed_at" timestamp with time zone,
	"dismiss_reason" text,
	"monitoring_id" uuid
);
--> statement-breakpoint
CREATE UNIQUE INDEX "red_flags_rule_subject_key_index" ON "red_flags" USING btree ("rule","subject_key");--> statement-breakpoint
CREATE INDEX "red_flags_status_raised_at_index" ON "red_flags" USING btree ("status","raised_at");--> statement-breakpoint
CREATE INDEX "red_flags_procurements" ON "red_flags" USING gin ("procurement_ids");