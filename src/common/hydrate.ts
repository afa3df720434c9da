// Turns rows of hand-written SQL into entities the way TypeORM would (column names, dates, enums,
// arrays), so set-based queries can feed the same resolvers as repository reads.
import { FragmentDefinitionNode, Kind, SelectionSetNode } from "graphql";
import { getMetadataStorage } from "type-graphql";
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
 * `alias."col" AS "prefixcol", …` for every column of the entity (or only the properties in `only`, see
 * columnsAsked); `instead` reads some columns from an expression of the caller's (keyed by column name; the
 * expression must be constant per call site).
 */
export function selectColumns(
  manager: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  alias: string,
  prefix: string,
  instead: Record<string, string> = {},
  only: readonly string[] | null = null,
): string {
  const meta = metadataOf(manager, entity);
  const key = `${alias}|${prefix}|${Object.keys(instead).join(",")}|${only?.join(",") ?? "*"}`;
  let byKey = selects.get(meta);
  if (!byKey) selects.set(meta, (byKey = new Map()));
  let select = byKey.get(key);
  if (select === undefined) {
    select = meta.columns
      .filter((c) => !only || only.includes(c.propertyName))
      .map((c) => `${instead[c.databaseName] ?? `${alias}."${c.databaseName}"`} AS "${prefix}${c.databaseName}"`)
      .join(", ");
    byKey.set(key, select);
  }
  return select;
}

/** `instead` for selectColumns: NULL for every column not in `only` (null: none). */
export function nullsExcept(
  manager: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  only: readonly string[] | null,
): Record<string, string> {
  if (!only) return {};
  const meta = metadataOf(manager, entity);
  return Object.fromEntries(
    meta.columns.filter((c) => !only.includes(c.propertyName)).map((c) => [c.databaseName, "NULL"]),
  );
}

/** Per entity class: its GraphQL fields resolved by a method (field resolvers), not read from the property. */
const resolvedFields = new WeakMap<Function, Set<string>>();

function fieldResolversOf(entity: Function): Set<string> {
  let names = resolvedFields.get(entity);
  if (!names) {
    const classes: unknown[] = [];
    for (let c: unknown = entity; typeof c === "function" && c !== Function.prototype; c = Object.getPrototypeOf(c))
      classes.push(c);
    names = new Set(
      getMetadataStorage()
        .fieldResolvers.filter((r) =>
          classes.includes(r.getObjectType?.() ?? (r.kind === "internal" ? r.target : null)),
        )
        .map((r) => r.schemaName),
    );
    resolvedFields.set(entity, names);
  }
  return names;
}

/**
 * The columns (property names, sorted) that a selection of the entity's GraphQL type reads, when every field
 * asked is a column read as it is, plus `always` (what the caller itself needs); null when a field is resolved
 * otherwise (a field resolver, a getter) or the selection uses a fragment: the caller then reads every column.
 * A big list of nested records (a tree of thousands of nodes) then parses and keeps only what is asked.
 */
export function columnsAsked(
  manager: EntityManager,
  entity: Function,
  selectionSets: readonly (SelectionSetNode | undefined)[],
  always: readonly string[],
): string[] | null {
  const meta = metadataOf(manager, entity);
  const resolved = fieldResolversOf(entity);
  const asked = new Set(always);
  for (const set of selectionSets) {
    for (const s of set?.selections ?? []) {
      if (s.kind !== Kind.FIELD) return null;
      const name = s.name.value;
      if (name === "__typename") continue;
      if (resolved.has(name) || !meta.columns.some((c) => c.propertyName === name)) return null;
      asked.add(name);
    }
  }
  return [...asked].sort();
}

/** The selection sets of the fields named `name` directly in these selection sets; null when a fragment hides one. */
export function subSelections(
  sets: readonly (SelectionSetNode | undefined)[],
  name: string,
  fragments: Record<string, FragmentDefinitionNode> = {},
): SelectionSetNode[] | null {
  const found: SelectionSetNode[] = [];
  for (const set of sets) {
    for (const s of set?.selections ?? []) {
      if (s.kind !== Kind.FIELD) {
        const inner = s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : fragments[s.name.value]?.selectionSet;
        const more = inner && subSelections([inner], name, fragments);
        if (!more) return null;
        found.push(...more);
      } else if (s.name.value === name && s.selectionSet) found.push(s.selectionSet);
    }
  }
  return found;
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
