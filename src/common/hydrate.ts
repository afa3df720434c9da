// Turns rows of hand-written SQL into entities the way TypeORM would (column names, dates, enums,
// arrays), so set-based queries can feed the same resolvers as repository reads.
import { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from "typeorm";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";

/** An entity's metadata, looked up once per data source (getMetadata searches every entity each time). */
const metadataCache = new WeakMap<DataSource, Map<EntityTarget<ObjectLiteral>, EntityMetadata>>();

export function metadataOf(manager: EntityManager, entity: EntityTarget<ObjectLiteral>): EntityMetadata {
  const source = manager.connection;
  let byEntity = metadataCache.get(source);
  if (!byEntity) metadataCache.set(source, (byEntity = new Map()));
  let meta = byEntity.get(entity);
  if (!meta) byEntity.set(entity, (meta = source.getMetadata(entity)));
  return meta;
}

/**
 * Column types whose values TypeORM's PostgresDriver.prepareHydratedValue converts (typeorm 1.1); a column of any
 * other type, without transformer, takes pg's value as it is, and one not embedded nor a virtual relation id is
 * set as a plain property (ColumnMetadata.setEntityValue): hydrate does that itself for such columns.
 */
const CONVERTED_TYPES = new Set<unknown>([
  Boolean,
  Date,
  Number,
  "datetime",
  "timestamp",
  "timestamptz",
  "timestamp with time zone",
  "timestamp without time zone",
  "date",
  "time",
  "vector",
  "halfvec",
  "hstore",
  "simple-array",
  "simple-json",
  "cube",
  "enum",
  "simple-enum",
]);

interface ColumnPlan {
  key: string;
  column: ColumnMetadata;
  /** Set as a plain property, without transformer: null as it is. */
  plain: boolean;
  /** And of a type whose values are taken as pg gives them. */
  asIs: boolean;
}

function planFor(c: ColumnMetadata, prefix: string): ColumnPlan {
  const relationId = c.isVirtual && !!c.referencedColumn && c.referencedColumn.propertyName !== c.propertyName;
  const plain = !c.transformer && !c.embeddedMetadata && !relationId;
  return { key: prefix + c.databaseName, column: c, plain, asIs: plain && !CONVERTED_TYPES.has(c.type) };
}

/** Per entity and prefix: each column with the row key it is read from. */
const plans = new WeakMap<EntityMetadata, Map<string, ColumnPlan[]>>();

function planOf(meta: EntityMetadata, prefix: string) {
  let byPrefix = plans.get(meta);
  if (!byPrefix) plans.set(meta, (byPrefix = new Map()));
  let plan = byPrefix.get(prefix);
  if (!plan) byPrefix.set(prefix, (plan = meta.columns.map((c) => planFor(c, prefix))));
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
  const plan = planOf(meta, prefix);
  for (let i = 0; i < plan.length; i++) {
    const { key, column, plain, asIs } = plan[i];
    const raw = row[key];
    if (raw === undefined) continue;
    if (asIs || (plain && raw === null)) (record as Record<string, unknown>)[column.propertyName] = raw;
    else column.setEntityValue(record, driver.prepareHydratedValue(raw, column));
  }
  return record;
}
