DROP INDEX "jobs_status_run_at_index";--> statement-breakpoint
CREATE INDEX "jobs_due" ON "jobs" USING btree ("run_at","id") WHERE "jobs"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "jobs_leased" ON "jobs" USING btree ("locked_until","id") WHERE "jobs"."status" = 'running';--> statement-breakpoint
-- The queue churns (each job is written three times): vacuum it long before a fifth of it is dead.
ALTER TABLE "jobs" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 500, autovacuum_analyze_scale_factor = 0.05);
