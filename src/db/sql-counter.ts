import type { Logger, QueryRunner } from "typeorm";

/**
 * Counts SQL statements and round trips per query runner (one runner = one request transaction), so tests
 * and benchmarks can prove that nested lists do not issue N+1 queries. Statements sent together (readAhead)
 * count each, in one round trip.
 */
export function countSql(queryRunner: QueryRunner, statements: number): void {
  queryRunner.data.sqlCount = (queryRunner.data.sqlCount ?? 0) + statements;
  queryRunner.data.sqlRoundTrips = (queryRunner.data.sqlRoundTrips ?? 0) + 1;
}

export class SqlCountingLogger implements Logger {
  logQuery(_query: string, _parameters?: unknown[], queryRunner?: QueryRunner): void {
    if (queryRunner) countSql(queryRunner, 1);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
