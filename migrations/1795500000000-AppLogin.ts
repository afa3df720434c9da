import { MigrationInterface, QueryRunner } from "typeorm";

// The app role becomes a login of its own, so requests need not run on the owner's connection with
// SET LOCAL ROLE (which RESET ROLE undoes). Its password is set by the process that connects
// (src/db/app-login.ts), never stored in a migration.
export class AppLogin1795500000000 implements MigrationInterface {
  name = "AppLogin1795500000000";

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER ROLE tilsyn_app LOGIN`);
  }

  // Roles belong to the cluster, not to this database: other databases on the same server may log in
  // as tilsyn_app, so reverting here leaves the login as it is.
  public async down(): Promise<void> {}
}
