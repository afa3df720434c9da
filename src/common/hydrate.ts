// Turns rows of hand-written SQL into entities the way TypeORM would (column names, dates, enums,
// arrays), so set-based queries can feed the same resolvers as repository reads.
import { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from "typeorm";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";

/** An entity's metadata, looked up once per data source (getMetadata searches every entity each time). */
const metadataCache = new WeakMap<DataSource, Map<EntityTarget<ObjectLiteral>, EntityMetadata>>();

function metadataOf(manager: EntityManager, entity: EntityTarget<ObjectLiteral>): EntityMetadata {
  const source = manager.connection;
  let byEntity = metadataCache.get(source);
  if (!byEntity) metadataCache.set(source, (byEntity = new Map()));
  let meta = byEntity.get(entity);
  if (!meta) byEntity.set(entity, (meta = source.getMetadata(entity)));
  return meta;
}

/** Per entity and prefix: each column with the row key it is read from. */
const plans = new WeakMap<EntityMetadata, Map<string, [string, ColumnMetadata][]>>();

function planOf(meta: EntityMetadata, prefix: string) {
  let byPrefix = plans.get(meta);
  if (!byPrefix) plans.set(meta, (byPrefix = new Map()));
  let plan = byPrefix.get(prefix);
  if (!plan) {
    byPrefix.set(prefix, (plan = meta.columns.map((c): [string, ColumnMetadata] => [prefix + c.databaseName, c])));
  }
  return plan;
}

/**
 * `alias."col" AS "prefixcol", …` for every column of the entity; `instead` reads some columns from an
 * expression of the caller's (keyed by column name; the expression must be constant per call site).
 */
export function selectColumns(
  manager: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  alias: string,
  prefix: string,
  instead: Record<string, string> = {},
): string {
  const meta = metadataOf(manager, entity);
  const key = `${alias}|${prefix}|${Object.keys(instead).join(",")}`;
  let byKey = selects.get(meta);
  if (!byKey) selects.set(meta, (byKey = new Map()));
  let select = byKey.get(key);
  if (select === undefined) {
    select = meta.columns
      .map((c) => `${instead[c.databaseName] ?? `${alias}."${c.databaseName}"`} AS "${prefix}${c.databaseName}"`)
      .join(", ");
    byKey.set(key, select);
  }
  return select;
}

const selects = new WeakMap<EntityMetadata, Map<string, string>>();

export function hydrate<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  row: Record<string, unknown>,
  prefix: string,
): T {
  const meta = metadataOf(manager, entity);
  const driver = manager.connection.driver;
  const record = meta.create() as T;
  for (const [key, column] of planOf(meta, prefix)) {
    const raw = row[key];
    if (raw !== undefined) column.setEntityValue(record, driver.prepareHydratedValue(raw, column));
  }
  return record;
}
