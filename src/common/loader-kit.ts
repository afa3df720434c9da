// The kit every module builds its per-request DataLoaders with, and the type of the bag they make up.
// A loader batches the keys asked for in one tick into one statement, so a page of N parents costs one
// query per level; it lives for one request, bound to that request's transaction.
import DataLoader from "dataloader";
import { escapeLiteral } from "pg";
import {
  EntityManager,
  EntityTarget,
  FindOperator,
  FindOptionsOrder,
  FindOptionsWhere,
  ObjectLiteral,
  QueryRunner,
  QueryRunnerAlreadyReleasedError,
  Raw,
} from "typeorm";
import { countSql } from "../db/sql-counter";
import { hydrate, metadataOf, selectColumns } from "./hydrate";

/**
 * Every loader of a request, by name. A module adds its loaders in its `<m>.loaders.ts`:
 *
 *   declare module "../../common/loader-kit" { interface Loaders extends ReturnType<typeof xLoaders> {} }
 *
 * and names the factory in its manifest; src/loaders.ts builds the bag from the manifests.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Loaders {}

/** One value per key, in order. A failed batch is thrown rather than passed on as a value. */
export async function loadEach<K, V>(loader: DataLoader<K, V>, keys: readonly K[]): Promise<V[]> {
  return (await loader.loadMany(keys)).map((v) => {
    if (v instanceof Error) throw v;
    return v;
  });
}

/** The records found for these ids, in order; ids with no record (not yours, or gone) are left out. */
export async function loadFound<K, V>(loader: DataLoader<K, V | null>, keys: readonly K[]): Promise<V[]> {
  return (await loadEach(loader, keys)).filter((v): v is V => v !== null && v !== undefined);
}

/** `= ANY(:ids)` with one array parameter: a batch of 10,000 keys binds one value, not 10,000. */
export function anyOf(ids: readonly string[]): FindOperator<string> {
  return Raw((column) => `${column} = ANY(:ids)`, { ids: [...ids] });
}

/** The rows in the order of `keys`, one list per key (empty where none). */
export function groupRows<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/** The rows in the order of `keys`, one per key (null where none). */
export function oneRowEach<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): (T | null)[] {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
}

type StringKeys<T> = { [K in keyof T]: T[K] extends string | null ? K : never }[keyof T] & string;

export interface LoadOptions<T> {
  /** Further conditions, beside the key. */
  where?: FindOptionsWhere<T>;
  order?: FindOptionsOrder<T>;
}

/** Records by their id; null for an id with no record (not yours, or gone). */
export function byId<T extends ObjectLiteral & { id: string }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
): DataLoader<string, T | null> {
  return byKey(manager, entity, "id" as StringKeys<T>);
}

/** The one record whose `column` holds the key (with `where`), or null. */
export function byKey<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  column: StringKeys<T>,
  options: LoadOptions<T> = {},
): DataLoader<string, T | null> {
  return new DataLoader(async (keys) => {
    const where = { ...options.where, [column]: anyOf(keys) } as FindOptionsWhere<T>;
    return oneRowEach(keys, await manager.find(entity, { where, order: options.order }), (r) => r[column]);
  });
}

/** The records whose `column` holds the key (with `where`), in `order`, as one list per key. */
export function groupBy<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  column: StringKeys<T>,
  options: LoadOptions<T> = {},
): DataLoader<string, T[]> {
  let sql: string | null | undefined;
  return new DataLoader(async (keys) => {
    if (sql === undefined) sql = options.where ? null : plainSelect(manager, entity, column, options.order);
    if (sql) {
      const rows: Record<string, unknown>[] = await manager.query(sql, [[...keys]]);
      return groupRows(
        keys,
        rows.map((r) => hydrate(manager, entity, r, "x_")),
        (r) => r[column],
      );
    }
    const where = { ...options.where, [column]: anyOf(keys) } as FindOptionsWhere<T>;
    return groupRows(keys, await manager.find(entity, { where, order: options.order }), (r) => r[column]);
  });
}

/**
 * The statement `find` runs for groupBy (keys in $1), written by hand and hydrated column by column: a
 * full risk recompute loads 10,000 keys per loader, and TypeORM's find cost more than the statement. null
 * where find does more than select columns (eager relations, soft deletes, hidden columns) or the order
 * is not plain ASC/DESC columns: find is used then.
 */
function plainSelect<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  column: string,
  order: FindOptionsOrder<T> = {},
): string | null {
  const meta = metadataOf(manager, entity);
  const plain = meta.tableType === "regular" && !meta.schema && !meta.discriminatorColumn;
  if (!plain || meta.eagerRelations.length || meta.deleteDateColumn || meta.columns.some((c) => !c.isSelect))
    return null;
  const keyColumn = meta.findColumnWithPropertyName(column);
  const orderBy: string[] = [];
  for (const [property, direction] of Object.entries(order)) {
    const c = meta.findColumnWithPropertyName(property);
    if (!c || (direction !== "ASC" && direction !== "DESC")) return null;
    orderBy.push(`x."${c.databaseName}" ${direction}`);
  }
  if (!keyColumn) return null;
  return `SELECT ${selectColumns(manager, entity, "x", "x_")} FROM "${meta.tableName}" x
    WHERE x."${keyColumn.databaseName}" = ANY($1)${orderBy.length ? ` ORDER BY ${orderBy.join(", ")}` : ""}`;
}

/** A batch that is one SQL statement over an array of keys, which `sql` names by the expression it is given. */
export interface KeyedStatement<V> {
  sql: (keys: string) => string;
  /** One value per key, in the order of `keys`, from the statement's rows. */
  read: (keys: readonly string[], rows: Record<string, unknown>[]) => V[];
}

/** A loader whose batch is one statement (`$1` the keys): readAhead can send it with other loaders' statements. */
export class StatementLoader<V> extends DataLoader<string, V> {
  constructor(
    manager: EntityManager,
    readonly statement: KeyedStatement<V>,
  ) {
    super(async (keys) => statement.read(keys, await manager.query(statement.sql("$1"), [[...keys]])));
  }
}

/** The loaders that readAhead can read. */
export type StatementLoaderName = {
  [K in keyof Loaders]: Loaders[K] extends StatementLoader<unknown> ? K : never;
}[keyof Loaders];

/** Per GraphQL type and field: the loaders its resolver loads by the object's id (see readsAhead). */
const readAheads = new Map<string, readonly StatementLoaderName[]>();

/**
 * Declares, beside a field's resolver, the loaders it loads keyed by its object's id: a page of such
 * objects that asks for the field reads them ahead for the whole page (readAheadFor).
 */
export function readsAhead(type: string, fields: Record<string, readonly StatementLoaderName[]>): void {
  for (const [field, loaders] of Object.entries(fields)) readAheads.set(`${type}.${field}`, loaders);
}

/**
 * Reads ahead, for a page of objects of `type` (their ids), what the asked `fields` will load: the loaders'
 * statements go to the database together, in one round trip, and the loaders are primed with the answers,
 * so the fields' resolvers find them cached. The same statements as the loaders' own batches, with the same
 * rows, read by the same code: only the round trips differ.
 */
export async function readAheadFor(
  ctx: { loaders: Loaders; queryRunner: QueryRunner },
  type: string,
  fields: Iterable<string>,
  ids: readonly string[],
): Promise<void> {
  const names = new Set<StatementLoaderName>();
  for (const field of fields) for (const name of readAheads.get(`${type}.${field}`) ?? []) names.add(name);
  const loaders = [...names].map((name) => ctx.loaders[name] as StatementLoader<unknown>);
  if (!ids.length || !loaders.length) return;
  if (loaders.length === 1) {
    await loaders[0].loadMany(ids);
    return;
  }
  // The simple protocol takes several statements at once but no parameters: the keys are written in as one
  // quoted array literal (its type comes from where the statement uses it, as a parameter's would).
  const keys = escapeLiteral(`{${ids.map((id) => `"${id.replace(/[\\"]/g, "\\$&")}"`).join(",")}}`);
  const qr = ctx.queryRunner;
  const client = (await qr.connect()) as { query: (text: string) => Promise<{ rows: Record<string, unknown>[] }[]> };
  // As TypeORM's query does: a released runner still holds its client, which the pool may have given to another
  // request (another tenant's transaction) by now.
  if (qr.isReleased) throw new QueryRunnerAlreadyReleasedError();
  countSql(qr, loaders.length);
  const results = await client.query(loaders.map((l) => l.statement.sql(keys)).join(";\n"));
  loaders.forEach((loader, i) => {
    const values = loader.statement.read(ids, results[i].rows);
    ids.forEach((id, j) => loader.prime(id, values[j]));
  });
}
