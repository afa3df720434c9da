import { MigrationInterface, QueryRunner } from "typeorm";

// Tenancy is enforced by PostgreSQL, not only by the application: requests run as tilsyn_app,
// which owns no table, and every tenant table lets it see only rows of app.organization_id.
const TENANT_TABLES = [
  "api_key",
  "processor",
  "agreement",
  "agreement_data_category",
  "agreement_data_subject_category",
  "agreement_required_measure",
  "subprocessor_engagement",
  "processor_measure",
];
// Shared vocabularies: rows with organization_id NULL are the default vocabulary, readable by all.
const VOCABULARY_TABLES = ["data_category", "data_subject_category", "measure"];

export class RowLevelSecurity1795395326850 implements MigrationInterface {
  name = "RowLevelSecurity1795395326850";

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tilsyn_app') THEN
        CREATE ROLE tilsyn_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
      END IF;
    END $$`);
    // Lets a single-URL deployment switch to the app role per transaction (SET LOCAL ROLE).
    await q.query(`DO $$ BEGIN
      EXECUTE format('GRANT tilsyn_app TO %I', current_user);
    EXCEPTION WHEN others THEN NULL;
    END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO tilsyn_app`);
    await q.query(`CREATE FUNCTION app_current_organization() RETURNS uuid LANGUAGE sql STABLE
      AS $$ SELECT nullif(current_setting('app.organization_id', true), '')::uuid $$`);

    await q.query(`GRANT SELECT, UPDATE ON organization TO tilsyn_app`);
    await q.query(`ALTER TABLE organization ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY organization_isolation ON organization
      USING (id = app_current_organization()) WITH CHECK (id = app_current_organization())`);

    for (const table of TENANT_TABLES) {
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "${table}" TO tilsyn_app`);
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY tenant_isolation ON "${table}"
        USING (organization_id = app_current_organization())
        WITH CHECK (organization_id = app_current_organization())`);
    }
    for (const table of VOCABULARY_TABLES) {
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "${table}" TO tilsyn_app`);
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY vocabulary_read ON "${table}" FOR SELECT
        USING (organization_id IS NULL OR organization_id = app_current_organization())`);
      await q.query(`CREATE POLICY vocabulary_insert ON "${table}" FOR INSERT
        WITH CHECK (organization_id = app_current_organization())`);
      await q.query(`CREATE POLICY vocabulary_update ON "${table}" FOR UPDATE
        USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization())`);
      await q.query(`CREATE POLICY vocabulary_delete ON "${table}" FOR DELETE
        USING (organization_id = app_current_organization())`);
    }

    // Authentication must find a key before the tenant is known: a narrow definer function,
    // returning only what the check needs, is the one way across the tenant boundary.
    await q.query(`CREATE FUNCTION app_find_api_key(p_prefix text)
      RETURNS TABLE (id uuid, organization_id uuid, role api_key_role, secret_sha256 bytea, revoked_at timestamptz, last_used_at timestamptz)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$ SELECT id, organization_id, role, secret_sha256, revoked_at, last_used_at FROM api_key WHERE prefix = p_prefix $$`);
    await q.query(`REVOKE ALL ON FUNCTION app_find_api_key(text) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION app_find_api_key(text) TO tilsyn_app`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION app_find_api_key(text)`);
    for (const table of [...VOCABULARY_TABLES]) {
      for (const p of ["vocabulary_read", "vocabulary_insert", "vocabulary_update", "vocabulary_delete"]) {
        await q.query(`DROP POLICY ${p} ON "${table}"`);
      }
      await q.query(`ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`);
      await q.query(`REVOKE ALL ON "${table}" FROM tilsyn_app`);
    }
    for (const table of TENANT_TABLES) {
      await q.query(`DROP POLICY tenant_isolation ON "${table}"`);
      await q.query(`ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`);
      await q.query(`REVOKE ALL ON "${table}" FROM tilsyn_app`);
    }
    await q.query(`DROP POLICY organization_isolation ON organization`);
    await q.query(`ALTER TABLE organization DISABLE ROW LEVEL SECURITY`);
    await q.query(`REVOKE ALL ON organization FROM tilsyn_app`);
    await q.query(`DROP FUNCTION app_current_organization()`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM tilsyn_app`);
  }
}
