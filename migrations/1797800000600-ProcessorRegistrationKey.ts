import { MigrationInterface, QueryRunner } from "typeorm";

// A processor's registration number in the form two are compared (processor.rules registrationKey), stored beside
// it: createProcessor's check that a company is registered once compared every processor's number with a pattern
// no index serves (a register import adding numbers to 20,000 processors scanned all of them per row), and missed a
// number written with non-breaking spaces. Filled for the processors stored before, in JavaScript, by the rule as
// it stood when this migration was written (a copy: a migration must not change with the code; not audited: the key
// derives from the number).
function registrationKey(value: string | null): string | null {
  if (!value?.trim()) return null;
  const cvr = value
    .trim()
    .replace(/^(cvr(-?nr\.?|-?nummer)?|dk)[\s:.-]*/i, "")
    .replace(/^dk[\s:.-]*/i, "")
    .replace(/[\s.-]/g, "");
  return (/^\d{8}$/.test(cvr) ? cvr : value.replace(/[\s.-]/g, "")).toUpperCase();
}

export class ProcessorRegistrationKey1797800000600 implements MigrationInterface {
  name = "ProcessorRegistrationKey1797800000600";

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "processor" ADD "registration_key" character varying(50)`);
    const rows: { id: string; registration_number: string }[] = await q.query(
      `SELECT id, registration_number FROM "processor" WHERE registration_number IS NOT NULL`,
    );
    await q.query(`ALTER TABLE "processor" DISABLE TRIGGER audit_log`);
    for (let i = 0; i < rows.length; i += 5000) {
      const chunk = rows.slice(i, i + 5000);
      await q.query(
        `UPDATE "processor" p SET registration_key = k.key
           FROM unnest($1::uuid[], $2::text[]) AS k(id, key) WHERE p.id = k.id`,
        [chunk.map((r) => r.id), chunk.map((r) => registrationKey(r.registration_number)?.slice(0, 50) ?? null)],
      );
    }
    await q.query(`ALTER TABLE "processor" ENABLE TRIGGER audit_log`);
    await q.query(
      `CREATE INDEX "ix_processor_registration_key" ON "processor" ("organization_id", "registration_key") ` +
        `WHERE archived_at IS NULL AND registration_key IS NOT NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_processor_registration_key"`);
    await q.query(`ALTER TABLE "processor" DROP COLUMN "registration_key"`);
  }
}
