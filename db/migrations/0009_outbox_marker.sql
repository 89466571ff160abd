ALTER TABLE "notifications" ADD COLUMN "emailed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "notifications_emailed_at_index" ON "notifications" USING btree ("emailed_at");