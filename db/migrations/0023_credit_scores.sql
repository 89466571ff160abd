CREATE TABLE "owner_evaluations" (
	"procurement_id" uuid PRIMARY KEY NOT NULL,
	"owner_org_id" uuid NOT NULL,
	"agency_org_id" uuid NOT NULL,
	"payment" integer NOT NULL,
	"cooperation" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_rule_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"table" jsonb NOT NULL,
	"note" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" uuid,
	"recompute_total" integer DEFAULT 0 NOT NULL,
	"recompute_done" integer DEFAULT 0 NOT NULL,
	"recomputed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "credit_scores" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"score" integer NOT NULL,
	"rule_version" integer NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"changes_on" date
);
--> statement-breakpoint
ALTER TABLE "credit_events" ADD COLUMN "voided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "credit_events" ADD COLUMN "voided_by" uuid;--> statement-breakpoint
ALTER TABLE "credit_events" ADD COLUMN "void_reason" text;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "fees" integer;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "compliance" integer;--> statement-breakpoint
ALTER TABLE "owner_evaluations" ADD CONSTRAINT "owner_evaluations_procurement_id_procurements_id_fk" FOREIGN KEY ("procurement_id") REFERENCES "public"."procurements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "owner_evaluations" ADD CONSTRAINT "owner_evaluations_owner_org_id_organizations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "owner_evaluations" ADD CONSTRAINT "owner_evaluations_agency_org_id_organizations_id_fk" FOREIGN KEY ("agency_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_scores" ADD CONSTRAINT "credit_scores_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "owner_evaluations_owner_org_id_index" ON "owner_evaluations" USING btree ("owner_org_id");--> statement-breakpoint
CREATE INDEX "credit_scores_score_index" ON "credit_scores" USING btree ("score");--> statement-breakpoint
CREATE INDEX "credit_scores_changes_on_index" ON "credit_scores" USING btree ("changes_on");--> statement-breakpoint
CREATE INDEX "evaluations_agency_org_id_index" ON "evaluations" USING btree ("agency_org_id");