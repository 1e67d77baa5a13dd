-- Baselines are immutable snapshots: refuse UPDATE and DELETE at the database.
CREATE OR REPLACE FUNCTION baselines_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'baselines are immutable';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER baselines_no_change BEFORE UPDATE OR DELETE ON baselines
  FOR EACH ROW EXECUTE FUNCTION baselines_immutable();
