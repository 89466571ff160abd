ALTER TYPE "public"."procurement_status" ADD VALUE 'terminated';--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "termination_refund_percent" integer DEFAULT 100 NOT NULL;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "terminated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "termination_reason" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "settle_refund_fen" bigint;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_termination_refund_percent" CHECK ("contracts"."termination_refund_percent" between 0 and 100);