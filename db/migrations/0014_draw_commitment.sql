ALTER TABLE "procurements" ADD COLUMN "draw_secret" char(64);--> statement-breakpoint
ALTER TABLE "procurements" ADD COLUMN "draw_commitment" char(64);