ALTER TYPE "public"."candidate_state" ADD VALUE 'ineligible';--> statement-breakpoint
ALTER TABLE "bids" ADD COLUMN "excluded_reasons" jsonb;