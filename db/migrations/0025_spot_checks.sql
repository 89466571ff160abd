CREATE TABLE "spot_check_items" (
	"spot_check_id" uuid NOT NULL,
	"procurement_id" uuid NOT NULL,
	"agency_org_id" uuid NOT NULL,
	"score" integer,
	"comment" text,
	"scored_by" uuid,
	"scored_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "spot_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"authority_org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"quarter" integer NOT NULL,
	"percent" integer NOT NULL,
	"secret" text NOT NULL,
	"commitment" text NOT NULL,
	"announced_by" uuid NOT NULL,
	"announced_at" timestamp with time zone NOT NULL,
	"draw_id" uuid,
	"drawn_at" timestamp with time zone,
	CONSTRAINT "spot_check_quarter" CHECK ("spot_checks"."quarter" between 1 and 4)
);
--> statement-breakpoint
ALTER TABLE "spot_check_items" ADD CONSTRAINT "spot_check_items_spot_check_id_spot_checks_id_fk" FOREIGN KEY ("spot_check_id") REFERENCES "public"."spot_checks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_check_items" ADD CONSTRAINT "spot_check_items_agency_org_id_organizations_id_fk" FOREIGN KEY ("agency_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD CONSTRAINT "spot_checks_authority_org_id_organizations_id_fk" FOREIGN KEY ("authority_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "spot_check_items_pk" ON "spot_check_items" USING btree ("spot_check_id","procurement_id");--> statement-breakpoint
CREATE INDEX "spot_check_items_agency_org_id_index" ON "spot_check_items" USING btree ("agency_org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "spot_checks_one_per_quarter" ON "spot_checks" USING btree ("authority_org_id","year","quarter");