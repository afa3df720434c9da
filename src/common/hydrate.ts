// Turns rows of hand-written SQL into entities the way TypeORM would (column names, dates, enums,
// arrays), so set-based queries can feed the same resolvers as repository reads.
import { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";

/** `alias."col" AS "prefixcol", …` for every column of the entity. */
export function selectColumns(
  manager: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  alias: string,
  prefix: string,
): string {
  return manager.connection
    .getMetadata(entity)
    .columns.map((c) => `${alias}."${c.databaseName}" AS "${prefix}${c.databaseName}"`)
    .join(", ");
}

export function hydrate<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  row: Record<string, unknown>,
  prefix: string,
): T {
  const meta = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  const record = meta.create() as T;
  for (const column of meta.columns) {
    const raw = row[prefix + column.databaseName];
    if (raw !== undefined) column.setEntityValue(record, driver.prepareHydratedValue(raw, column));
  }
  return record;
}
