CREATE TABLE "agency_commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"text_version" text NOT NULL,
	"text_sha256" char(64) NOT NULL,
	"accepted_by" uuid NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "practitioners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"id_number" char(18) NOT NULL,
	"specialty_code" text NOT NULL,
	"certificate_no" text NOT NULL,
	"valid_to" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practitioners_idNumber_unique" UNIQUE("id_number"),
	CONSTRAINT "practitioners_certificateNo_unique" UNIQUE("certificate_no")
);
--> statement-breakpoint
ALTER TABLE "agency_commitments" ADD CONSTRAINT "agency_commitments_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practitioners" ADD CONSTRAINT "practitioners_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practitioners" ADD CONSTRAINT "practitioners_specialty_code_qualification_specialties_code_fk" FOREIGN KEY ("specialty_code") REFERENCES "public"."qualification_specialties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agency_commitments_org_id_index" ON "agency_commitments" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "practitioners_org_id_index" ON "practitioners" USING btree ("org_id");--> statement-breakpoint
-- An accepted commitment is evidence: it is never rewritten or deleted.
CREATE OR REPLACE FUNCTION forbid_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER agency_commitments_append_only BEFORE UPDATE OR DELETE ON agency_commitments
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
