DROP INDEX "credit_events_org_id_occurred_at_index";--> statement-breakpoint
CREATE INDEX "credit_events_scoring" ON "credit_events" USING btree ("org_id","occurred_at","kind","voided_at","id");