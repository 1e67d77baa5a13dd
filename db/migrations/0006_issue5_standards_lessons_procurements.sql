CREATE TYPE "public"."lesson_severity" AS ENUM('low', 'medium', 'high');--> statement-breakpoint
CREATE TYPE "public"."lesson_source_kind" AS ENUM('court_ruling', 'review_report', 'decision', 'authority', 'other');--> statement-breakpoint
CREATE TYPE "public"."lou_phase" AS ENUM('needs_analysis', 'market_analysis', 'preparation', 'tender_documents', 'publication', 'tender_period', 'opening', 'evaluation', 'award', 'standstill', 'review', 'contract', 'contract_management', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."rag_status" AS ENUM('green', 'amber', 'red');--> statement-breakpoint
CREATE TYPE "public"."common_standard_level" AS ENUM('required', 'recommended');--> statement-breakpoint
CREATE TYPE "public"."standard_adoption_status" AS ENUM('adopted', 'planned', 'evaluating', 'not_applicable');--> statement-breakpoint
CREATE TYPE "public"."standard_category" AS ENUM('architecture', 'informatics', 'terminology', 'interoperability', 'security', 'accessibility', 'law');--> statement-breakpoint
CREATE TYPE "public"."standard_lifecycle" AS ENUM('current', 'incoming', 'outgoing');--> statement-breakpoint
CREATE TABLE "lesson_set_links" (
	"lesson_id" uuid NOT NULL,
	"set_id" uuid NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lessons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_region_id" uuid NOT NULL,
	"title" text NOT NULL,
	"what_happened" text DEFAULT '' NOT NULL,
	"lesson" text DEFAULT '' NOT NULL,
	"recommendation" text DEFAULT '' NOT NULL,
	"source_kind" "lesson_source_kind" NOT NULL,
	"source_title" text DEFAULT '' NOT NULL,
	"source_date" date,
	"source_url" text DEFAULT '' NOT NULL,
	"unverified" boolean DEFAULT false NOT NULL,
	"phase" "lou_phase",
	"areas" text[] DEFAULT '{}'::text[] NOT NULL,
	"severity" "lesson_severity" DEFAULT 'medium' NOT NULL,
	"visibility" "visibility" DEFAULT 'private' NOT NULL,
	"collaboration_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_by_user_id" uuid,
	"updated_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurement_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procurement_id" uuid NOT NULL,
	"body" text NOT NULL,
	"reference" text NOT NULL,
	"decided_on" date NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"link" text DEFAULT '' NOT NULL,
	"unverified" boolean DEFAULT false NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurement_lesson_links" (
	"procurement_id" uuid NOT NULL,
	"lesson_id" uuid NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurement_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procurement_id" uuid NOT NULL,
	"phase" "lou_phase" NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"planned_on" date,
	"actual_on" date,
	"unverified" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurement_regions" (
	"procurement_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procurement_regions_procurement_id_region_id_pk" PRIMARY KEY("procurement_id","region_id")
);
--> statement-breakpoint
CREATE TABLE "procurement_set_links" (
	"procurement_id" uuid NOT NULL,
	"set_id" uuid NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurement_status_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procurement_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"rag" "rag_status" NOT NULL,
	"summary" text NOT NULL,
	"risks" text DEFAULT '' NOT NULL,
	"next_steps" text DEFAULT '' NOT NULL,
	"author_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_region_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"case_number" text DEFAULT '' NOT NULL,
	"phase" "lou_phase" DEFAULT 'needs_analysis' NOT NULL,
	"rag" "rag_status" DEFAULT 'green' NOT NULL,
	"rag_reason" text DEFAULT '' NOT NULL,
	"visibility" "visibility" DEFAULT 'private' NOT NULL,
	"collaboration_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_by_user_id" uuid,
	"updated_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collaboration_standards" (
	"collaboration_id" uuid NOT NULL,
	"standard_id" uuid NOT NULL,
	"level" "common_standard_level" NOT NULL,
	"decision_reference" text NOT NULL,
	"decided_on" date,
	"decided_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "collaboration_standards_collaboration_id_standard_id_pk" PRIMARY KEY("collaboration_id","standard_id")
);
--> statement-breakpoint
CREATE TABLE "region_standard_adoptions" (
	"region_id" uuid NOT NULL,
	"standard_id" uuid NOT NULL,
	"status" "standard_adoption_status" NOT NULL,
	"status_date" date,
	"note" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"recorded_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "region_standard_adoptions_region_id_standard_id_pk" PRIMARY KEY("region_id","standard_id")
);
--> statement-breakpoint
CREATE TABLE "standard_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"standard_id" uuid NOT NULL,
	"label" text NOT NULL,
	"released_on" date,
	"note" text DEFAULT '' NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "standards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"owner_body" text DEFAULT '' NOT NULL,
	"category" "standard_category" NOT NULL,
	"current_version" text DEFAULT '' NOT NULL,
	"link" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"lifecycle" "standard_lifecycle" DEFAULT 'current' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "requirement_lesson_links" ADD COLUMN "created_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "requirement_standard_links" ADD COLUMN "created_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "lesson_set_links" ADD CONSTRAINT "lesson_set_links_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_set_links" ADD CONSTRAINT "lesson_set_links_set_id_requirement_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."requirement_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_set_links" ADD CONSTRAINT "lesson_set_links_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_owner_region_id_regions_id_fk" FOREIGN KEY ("owner_region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_collaboration_id_collaborations_id_fk" FOREIGN KEY ("collaboration_id") REFERENCES "public"."collaborations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_decisions" ADD CONSTRAINT "procurement_decisions_procurement_id_procurements_id_fk" FOREIGN KEY ("procurement_id") REFERENCES "public"."procurements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_decisions" ADD CONSTRAINT "procurement_decisions_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_lesson_links" ADD CONSTRAINT "procurement_lesson_links_procurement_id_procurements_id_fk" FOREIGN KEY ("procurement_id") REFERENCES "public"."procurements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_lesson_links" ADD CONSTRAINT "procurement_lesson_links_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_lesson_links" ADD CONSTRAINT "procurement_lesson_links_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_milestones" ADD CONSTRAINT "procurement_milestones_procurement_id_procurements_id_fk" FOREIGN KEY ("procurement_id") REFERENCES "public"."procurements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_regions" ADD CONSTRAINT "procurement_regions_procurement_id_procurements_id_fk" FOREIGN KEY ("procurement_id") REFERENCES "public"."procurements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_regions" ADD CONSTRAINT "procurement_regions_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_set_links" ADD CONSTRAINT "procurement_set_links_procurement_id_procurements_id_fk" FOREIGN KEY ("procurement_id") REFERENCES "public"."procurements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_set_links" ADD CONSTRAINT "procurement_set_links_set_id_requirement_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."requirement_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_set_links" ADD CONSTRAINT "procurement_set_links_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_status_reports" ADD CONSTRAINT "procurement_status_reports_procurement_id_procurements_id_fk" FOREIGN KEY ("procurement_id") REFERENCES "public"."procurements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_status_reports" ADD CONSTRAINT "procurement_status_reports_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurements" ADD CONSTRAINT "procurements_owner_region_id_regions_id_fk" FOREIGN KEY ("owner_region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurements" ADD CONSTRAINT "procurements_collaboration_id_collaborations_id_fk" FOREIGN KEY ("collaboration_id") REFERENCES "public"."collaborations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurements" ADD CONSTRAINT "procurements_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurements" ADD CONSTRAINT "procurements_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collaboration_standards" ADD CONSTRAINT "collaboration_standards_collaboration_id_collaborations_id_fk" FOREIGN KEY ("collaboration_id") REFERENCES "public"."collaborations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collaboration_standards" ADD CONSTRAINT "collaboration_standards_standard_id_standards_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."standards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collaboration_standards" ADD CONSTRAINT "collaboration_standards_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_standard_adoptions" ADD CONSTRAINT "region_standard_adoptions_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_standard_adoptions" ADD CONSTRAINT "region_standard_adoptions_standard_id_standards_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."standards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_standard_adoptions" ADD CONSTRAINT "region_standard_adoptions_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_versions" ADD CONSTRAINT "standard_versions_standard_id_standards_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."standards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_versions" ADD CONSTRAINT "standard_versions_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standards" ADD CONSTRAINT "standards_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lesson_set_links_key" ON "lesson_set_links" USING btree ("lesson_id","set_id");--> statement-breakpoint
CREATE INDEX "lesson_set_links_set_idx" ON "lesson_set_links" USING btree ("set_id");--> statement-breakpoint
CREATE INDEX "lessons_owner_idx" ON "lessons" USING btree ("owner_region_id");--> statement-breakpoint
CREATE INDEX "lessons_visibility_idx" ON "lessons" USING btree ("visibility","collaboration_id");--> statement-breakpoint
CREATE INDEX "lessons_areas_idx" ON "lessons" USING gin ("areas");--> statement-breakpoint
CREATE INDEX "procurement_decisions_procurement_idx" ON "procurement_decisions" USING btree ("procurement_id","decided_on");--> statement-breakpoint
CREATE UNIQUE INDEX "procurement_lesson_links_key" ON "procurement_lesson_links" USING btree ("procurement_id","lesson_id");--> statement-breakpoint
CREATE INDEX "procurement_lesson_links_lesson_idx" ON "procurement_lesson_links" USING btree ("lesson_id");--> statement-breakpoint
CREATE INDEX "procurement_milestones_procurement_idx" ON "procurement_milestones" USING btree ("procurement_id");--> statement-breakpoint
CREATE INDEX "procurement_regions_region_idx" ON "procurement_regions" USING btree ("region_id");--> statement-breakpoint
CREATE UNIQUE INDEX "procurement_set_links_key" ON "procurement_set_links" USING btree ("procurement_id","set_id");--> statement-breakpoint
CREATE INDEX "procurement_set_links_set_idx" ON "procurement_set_links" USING btree ("set_id");--> statement-breakpoint
CREATE INDEX "procurement_status_reports_procurement_idx" ON "procurement_status_reports" USING btree ("procurement_id","period_end");--> statement-breakpoint
CREATE INDEX "procurements_owner_idx" ON "procurements" USING btree ("owner_region_id");--> statement-breakpoint
CREATE INDEX "procurements_visibility_idx" ON "procurements" USING btree ("visibility","collaboration_id");--> statement-breakpoint
CREATE INDEX "collaboration_standards_standard_idx" ON "collaboration_standards" USING btree ("standard_id");--> statement-breakpoint
CREATE INDEX "region_standard_adoptions_standard_idx" ON "region_standard_adoptions" USING btree ("standard_id");--> statement-breakpoint
CREATE UNIQUE INDEX "standard_versions_key" ON "standard_versions" USING btree ("standard_id","label");--> statement-breakpoint
CREATE UNIQUE INDEX "standards_code_key" ON "standards" USING btree ("code");--> statement-breakpoint
ALTER TABLE "requirement_lesson_links" ADD CONSTRAINT "requirement_lesson_links_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_lesson_links" ADD CONSTRAINT "requirement_lesson_links_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_standard_links" ADD CONSTRAINT "requirement_standard_links_standard_id_standards_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."standards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_standard_links" ADD CONSTRAINT "requirement_standard_links_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "requirement_lesson_links_lesson_idx" ON "requirement_lesson_links" USING btree ("lesson_id");--> statement-breakpoint
CREATE INDEX "requirement_standard_links_standard_idx" ON "requirement_standard_links" USING btree ("standard_id");