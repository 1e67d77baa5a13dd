CREATE TYPE "public"."ambition_level" AS ENUM('basic', 'advanced', 'leading');--> statement-breakpoint
CREATE TYPE "public"."baseline_kind" AS ENUM('manual', 'review', 'approved');--> statement-breakpoint
CREATE TYPE "public"."obligation" AS ENUM('ska', 'bor');--> statement-breakpoint
CREATE TYPE "public"."requirement_type" AS ENUM('qualification', 'technical', 'award', 'contract');--> statement-breakpoint
CREATE TYPE "public"."set_status" AS ENUM('draft', 'in_review', 'approved', 'published', 'superseded');--> statement-breakpoint
CREATE TYPE "public"."verification_method" AS ENUM('yes_no', 'description', 'attachment', 'demonstration', 'scenario_test', 'reference_check', 'acceptance_test', 'contract_follow_up');--> statement-breakpoint
CREATE TYPE "public"."visibility" AS ENUM('private', 'collaboration', 'portal');--> statement-breakpoint
CREATE TABLE "baselines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"set_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" "baseline_kind" NOT NULL,
	"set_version" integer NOT NULL,
	"requirement_count" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requirement_lesson_links" (
	"requirement_id" uuid NOT NULL,
	"lesson_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requirement_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_region_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"procurement_reference" text DEFAULT '' NOT NULL,
	"status" "set_status" DEFAULT 'draft' NOT NULL,
	"visibility" "visibility" DEFAULT 'private' NOT NULL,
	"collaboration_id" uuid,
	"previous_set_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_by_user_id" uuid,
	"updated_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requirement_standard_links" (
	"requirement_id" uuid NOT NULL,
	"standard_id" uuid NOT NULL,
	"standard_version" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requirements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"set_id" uuid NOT NULL,
	"section_id" uuid,
	"position" integer NOT NULL,
	"ref" text NOT NULL,
	"title" text NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"obligation" "obligation" NOT NULL,
	"type" "requirement_type" NOT NULL,
	"area" text NOT NULL,
	"rationale" text DEFAULT '' NOT NULL,
	"verification" "verification_method" NOT NULL,
	"weight" integer,
	"ambition" "ambition_level",
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_by_user_id" uuid,
	"updated_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "set_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"set_id" uuid NOT NULL,
	"requirement_id" uuid,
	"section_id" uuid,
	"kind" text NOT NULL,
	"version" integer,
	"changes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"changed_by_user_id" uuid,
	"changed_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "set_sections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"set_id" uuid NOT NULL,
	"parent_id" uuid,
	"title" text NOT NULL,
	"position" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "baselines" ADD CONSTRAINT "baselines_set_id_requirement_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."requirement_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "baselines" ADD CONSTRAINT "baselines_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_lesson_links" ADD CONSTRAINT "requirement_lesson_links_requirement_id_requirements_id_fk" FOREIGN KEY ("requirement_id") REFERENCES "public"."requirements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_sets" ADD CONSTRAINT "requirement_sets_owner_region_id_regions_id_fk" FOREIGN KEY ("owner_region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_sets" ADD CONSTRAINT "requirement_sets_collaboration_id_collaborations_id_fk" FOREIGN KEY ("collaboration_id") REFERENCES "public"."collaborations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_sets" ADD CONSTRAINT "requirement_sets_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_sets" ADD CONSTRAINT "requirement_sets_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_standard_links" ADD CONSTRAINT "requirement_standard_links_requirement_id_requirements_id_fk" FOREIGN KEY ("requirement_id") REFERENCES "public"."requirements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirements" ADD CONSTRAINT "requirements_set_id_requirement_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."requirement_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirements" ADD CONSTRAINT "requirements_section_id_set_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."set_sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirements" ADD CONSTRAINT "requirements_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirements" ADD CONSTRAINT "requirements_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "set_changes" ADD CONSTRAINT "set_changes_set_id_requirement_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."requirement_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "set_changes" ADD CONSTRAINT "set_changes_requirement_id_requirements_id_fk" FOREIGN KEY ("requirement_id") REFERENCES "public"."requirements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "set_changes" ADD CONSTRAINT "set_changes_section_id_set_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."set_sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "set_changes" ADD CONSTRAINT "set_changes_changed_by_user_id_users_id_fk" FOREIGN KEY ("changed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "set_sections" ADD CONSTRAINT "set_sections_set_id_requirement_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."requirement_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "baselines_set_idx" ON "baselines" USING btree ("set_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "requirement_lesson_links_key" ON "requirement_lesson_links" USING btree ("requirement_id","lesson_id");--> statement-breakpoint
CREATE INDEX "requirement_sets_owner_idx" ON "requirement_sets" USING btree ("owner_region_id");--> statement-breakpoint
CREATE INDEX "requirement_sets_visibility_idx" ON "requirement_sets" USING btree ("visibility","collaboration_id");--> statement-breakpoint
CREATE UNIQUE INDEX "requirement_standard_links_key" ON "requirement_standard_links" USING btree ("requirement_id","standard_id");--> statement-breakpoint
CREATE INDEX "requirements_set_order_idx" ON "requirements" USING btree ("set_id","section_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "requirements_set_ref_key" ON "requirements" USING btree ("set_id","ref") WHERE "requirements"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "set_changes_set_time_idx" ON "set_changes" USING btree ("set_id","changed_at");--> statement-breakpoint
CREATE INDEX "set_changes_requirement_idx" ON "set_changes" USING btree ("requirement_id","changed_at");--> statement-breakpoint
CREATE INDEX "set_sections_set_idx" ON "set_sections" USING btree ("set_id","parent_id","position");