DROP INDEX "standards_code_key";--> statement-breakpoint
CREATE UNIQUE INDEX "standards_code_key" ON "standards" USING btree (lower("code"));