import type { Logger, QueryRunner } from "typeorm";

/**
 * Counts SQL statements per query runner (one runner = one request transaction), so tests and
 * benchmarks can prove that nested lists do not issue N+1 queries.
 */
export class SqlCountingLogger implements Logger {
  logQuery(_query: string, _parameters?: unknown[], queryRunner?: QueryRunner): void {
    if (queryRunner) queryRunner.data.sqlCount = (queryRunner.data.sqlCount ?? 0) + 1;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
