// Relay cursor connections. Cursors are opaque keyset positions (sort value + id), so pages stay
// stable while rows are added, and no OFFSET scan grows with the page number.
import { ArgsType, ClassType, Field, Int, ObjectType } from "type-graphql";
import { IsOptional, ValidateNested } from "class-validator";
import { SelectQueryBuilder, ObjectLiteral } from "typeorm";
import { GraphQLResolveInfo, Kind, SelectionSetNode } from "graphql";
import { badUserInput } from "./errors";
import { daysInMonth } from "./dates";
import { withArticle } from "./wording";

export const MAX_PAGE_SIZE = 100;

@ObjectType({ description: "Relay page information." })
export class PageInfo {
  @Field({ description: "Whether more items follow this page." })
  hasNextPage: boolean;

  @Field({ description: "Relay: always false; backward paging is not offered." })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the first item of the page." })
  startCursor: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Cursor of the last item; pass it as `after` for the next page.",
  })
  endCursor: string | null;
}

/** The paging arguments of a list field (`first`, `after`); a list's own arguments extend it. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20, description: "Page size, 0–100." })
  first?: number;

  @Field(() => String, { nullable: true, description: "Cursor after which the page starts." })
  after?: string;
}

/** The arguments of a list with a filter: paging and an optional `filter` of the list's filter type. */
export function FilteredPageArgs<F extends object>(filterType: ClassType<F>) {
  @ArgsType()
  class FilteredPageArgs extends PageArgs {
    // Checked with the filter's own rules (validateReadArgument validates the arguments, not what they hold): without
    // this, a search of 900,000 characters ran where the schema says at most 200.
    @Field(() => filterType, { nullable: true, description: "Filters." })
    @IsOptional()
    @ValidateNested()
    filter?: F;
  }
  return FilteredPageArgs;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  /** hasNextPage a promise where it is read only when asked (first: 0). */
  pageInfo: Omit<PageInfo, "hasNextPage"> & { hasNextPage: boolean | Promise<boolean> };
  /** A promise where the count is deferred until the field is read. */
  totalCount: number | Promise<number>;
}

export function Connection<T extends object>(itemType: ClassType<T>, typeName: string) {
  @ObjectType(`${typeName}Edge`, { description: `An edge in ${withArticle(typeName)} connection.` })
  class Edge {
    @Field({ description: "Opaque cursor of this item." })
    cursor: string;

    @Field(() => itemType, { description: "The item." })
    node: T;
  }

  @ObjectType(`${typeName}Connection`, { description: `A page of ${typeName} items (Relay connection).` })
  abstract class ConnectionClass {
    @Field(() => [Edge], { description: "The items of this page with their cursors." })
    edges: Edge[];

    @Field(() => PageInfo, { description: "Paging information." })
    pageInfo: PageInfo;

    @Field(() => Int, { description: "Number of items matching the filter, across all pages." })
    totalCount: number;
  }
  return ConnectionClass;
}

export function checkFirst(first: number | undefined | null): number {
  const n = first ?? 20;
  if (!Number.isInteger(n) || n < 0 || n > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be an integer from 0 to ${MAX_PAGE_SIZE}.`);
  }
  return n;
}

/** The type of the column a list is sorted by, which a cursor's sort value must fit. */
export type CursorSortType = "text" | "timestamp" | "date" | "number";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_CURSOR_LENGTH = 2000;

/**
 * A calendar date PostgreSQL takes, years 0001–9999: wider than the dates the mutations take (1000–9999), as a
 * list may sort rows without a date at a placeholder below every date (processors by RENEWAL DESC: 0001-01-01),
 * and its cursors must come back. Date.parse rolls 2025-02-30 over and takes year 0000, which PostgreSQL refuses.
 */
function isCalendarDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function fitsSortType(value: unknown, sortType: CursorSortType): boolean {
  switch (sortType) {
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "date":
      return typeof value === "string" && isCalendarDate(value);
    case "timestamp":
      return (
        typeof value === "string" &&
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
        isCalendarDate(value.slice(0, 10)) &&
        !Number.isNaN(Date.parse(value))
      );
    case "text":
      return typeof value === "string" && !value.includes("\u0000");
  }
}

/**
 * A cursor: base64url JSON of the list it belongs to (and its order) and the position in it. A list takes back
 * only its own: a processors cursor passed to processingActivities (both sorted by a text) started that page at
 * a name from another list; the other lists refused it only because their sort values are dates.
 */
export function encodeCursor(list: string, ...position: unknown[]): string {
  return Buffer.from(JSON.stringify([list, ...position]), "utf8").toString("base64url");
}

/**
 * The position a cursor of this list encodes, when `fits` takes it; anything else (another list's or order's
 * cursor, not base64 JSON, too long) is BAD_USER_INPUT naming `after`, before any SQL runs.
 */
export function decodeCursor(cursor: string, list: string, fits: (position: unknown[]) => boolean): unknown[] {
  if (cursor.length <= MAX_CURSOR_LENGTH) {
    try {
      const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
      if (Array.isArray(v) && v[0] === list && fits(v.slice(1))) return v.slice(1);
    } catch {
      /* fall through */
    }
  }
  throw badUserInput("after is not a cursor returned by this API for this list and order.");
}

/** A list's name in its cursors: what it lists, by what and in which direction. */
function listTag(opts: { list: string; direction: "ASC" | "DESC" }): string {
  return `${opts.list} ${opts.direction}`;
}

/**
 * The keyset position [sort value, id] of a cursor this list returned. Anything else (an id that is no UUID, a
 * sort value that does not fit the column, a NUL byte, a null: no list sorts on a null) is BAD_USER_INPUT before
 * any SQL runs: a value PostgreSQL refuses would abort the request's transaction.
 */
function keysetOf(
  cursor: string,
  opts: { list: string; direction: "ASC" | "DESC"; sortType: CursorSortType },
): [string | number, string] {
  const fits = (p: unknown[]) =>
    p.length === 2 && typeof p[1] === "string" && UUID.test(p[1]) && fitsSortType(p[0], opts.sortType);
  return decodeCursor(cursor, listTag(opts), fits) as [string | number, string];
}

/** The cursor's type for a column's database type; a list sorts on one of these only. */
const SORT_TYPE_OF_COLUMN: Record<string, CursorSortType> = {
  timestamptz: "timestamp",
  date: "date",
  varchar: "text",
  text: "text",
  int: "number",
  integer: "number",
};

/**
 * paginate's sort options for one column of the query's main entity, named by its property: the rows
 * are ordered by, and the cursor reads, the same column, and the cursor's type is the column's.
 */
export function sortOn<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  property: keyof T & string,
  direction: "ASC" | "DESC",
) {
  const column = qb.expressionMap.mainAlias?.metadata.findColumnWithPropertyName(property);
  const sortType = column && typeof column.type === "string" ? SORT_TYPE_OF_COLUMN[column.type] : undefined;
  if (!column || !sortType) throw new Error(`sortOn: ${property} is not a column a list can sort on`);
  // A null sort value compares as no row in the keyset WHERE: a nullable column is sorted by COALESCE with a
  // placeholder (see processors by RENEWAL), not here.
  if (column.isNullable) throw new Error(`sortOn: ${property} is nullable; sort it by COALESCE with a placeholder`);
  return {
    list: `${qb.expressionMap.mainAlias?.metadata.name}.${property}`,
    sortColumn: `${qb.alias}.${column.databaseName}`,
    sortProperty: (row: T) => row[property] as string | number | Date | null,
    sortType,
    direction,
  };
}

/**
 * The SQL that reads a sort value as its cursor carries it, or null where the entity's property holds it
 * exactly. A timestamptz has microseconds, a JavaScript Date milliseconds: a cursor made from the Date fell
 * between rows written in one transaction (one now()), so ASC pages repeated them and DESC pages skipped them.
 * The text is UTC ISO 8601 with all six digits, which the WHERE takes back as the same instant.
 */
function cursorValueSql(sortColumn: string, sortType: CursorSortType): string | null {
  return sortType === "timestamp"
    ? `to_char((${sortColumn}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
    : null;
}

/**
 * Keyset pagination over a query builder. `sortColumn` is "alias.column" (or an expression, the same in the
 * ORDER BY and the WHERE); `sortProperty` reads the same value from an entity (a timestamp's cursor is read
 * by the database instead, at its full precision); ties are broken by `idColumn` (the query's main alias's id
 * unless given). Issues one statement for the page, and one more for totalCount only when it is read.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  opts: {
    first?: number | null;
    after?: string | null;
    /** The list's name in its cursors (its entity and sort, e.g. Processor.name): one list's cursors only. */
    list: string;
    sortColumn: string;
    idColumn?: string;
    sortProperty: (row: T) => string | number | Date | null;
    /** The sort column's type: a cursor's value must fit it. */
    sortType: CursorSortType;
    direction: "ASC" | "DESC";
  },
): Promise<ConnectionShape<T>> {
  const first = checkFirst(opts.first);
  const idColumn = opts.idColumn ?? `${qb.alias}.id`;
  // Counted only when the client asks for totalCount: a dashboard page need not pay for it.
  const counter = qb.clone();
  const page = qb.clone();
  if (opts.after) {
    const [value, id] = keysetOf(opts.after, opts);
    const op = opts.direction === "ASC" ? ">" : "<";
    page.andWhere(`(${opts.sortColumn}, ${idColumn}) ${op} (:cursorValue, :cursorId)`, {
      cursorValue: value,
      cursorId: id,
    });
  }
  page
    .orderBy(opts.sortColumn, opts.direction)
    .addOrderBy(idColumn, opts.direction)
    .take(undefined)
    .limit(first + 1);
  // first: 0 reads no page; whether rows follow is asked only when hasNextPage is read: without a cursor, it
  // is the count (one statement for both fields), after one, the page's single row.
  if (first === 0)
    return connectionOf([], first, opts, counter, (count) =>
      opts.after ? page.getRawOne().then((row) => row !== undefined) : count().then((n) => n > 0),
    );
  const valueSql = cursorValueSql(opts.sortColumn, opts.sortType);
  if (!valueSql) return connectionOf(await page.getMany(), first, opts, counter);
  page.addSelect(valueSql, "cursor_sort_value").addSelect(`${idColumn}::text`, "cursor_row_id");
  const { entities, raw } = await page.getRawAndEntities();
  const values = new Map<string, string>(
    (raw as { cursor_sort_value: string; cursor_row_id: string }[]).map((r) => [r.cursor_row_id, r.cursor_sort_value]),
  );
  const sortProperty = (row: T) => {
    const value = values.get(row.id);
    if (value === undefined) throw new Error(`paginate: no cursor value read for row ${row.id}`);
    return value;
  };
  return connectionOf(entities, first, { ...opts, sortProperty }, counter);
}

/**
 * Keyset pagination where the caller reads the page itself (a ranking read from an index, say): `readPage`
 * gets the position after which the page starts and how many rows to read (first + 1), and returns
 * them in order, or null when it cannot answer (then the page is read by `paginate` with `opts`). Its
 * cursors are made by `sortProperty`, so it takes sort types the entity holds exactly (not timestamps).
 */
export async function paginateWith<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  opts: Parameters<typeof paginate<T>>[1],
  readPage: (after: [string | number, string] | null, limit: number) => Promise<T[] | null>,
): Promise<ConnectionShape<T>> {
  if (cursorValueSql(opts.sortColumn, opts.sortType))
    throw new Error(
      `paginateWith: ${withArticle(opts.sortType)} sort is paged by paginate, which reads its exact value`,
    );
  const first = checkFirst(opts.first);
  if (first === 0) return paginate(qb, opts);
  const rows = await readPage(opts.after ? keysetOf(opts.after, opts) : null, first + 1);
  return rows ? connectionOf(rows, first, opts, qb.clone()) : paginate(qb, opts);
}

function connectionOf<T extends ObjectLiteral & { id: string }>(
  rows: T[],
  first: number,
  opts: {
    list: string;
    direction: "ASC" | "DESC";
    sortProperty: (row: T) => string | number | Date | null;
    sortType: CursorSortType;
  },
  counter: SelectQueryBuilder<T>,
  /** Whether rows follow an empty page (first: 0), given the count; else the page's extra row tells. */
  following?: (count: () => Promise<number>) => Promise<boolean>,
): ConnectionShape<T> {
  const items = rows.slice(0, first);
  const tag = listTag(opts);
  const edges = items.map((node) => {
    const v = opts.sortProperty(node);
    const value = v instanceof Date ? v.toISOString() : v;
    // A cursor this API hands out must be one it takes back (a placeholder sort value outside what decodeCursor
    // takes made the next page BAD_USER_INPUT; a null sort value would compare as no row at all): a list that
    // would is a bug (sort a nullable column by COALESCE with a placeholder), failing here, not a page later.
    if (!fitsSortType(value, opts.sortType))
      throw new Error(`connection: sort value ${JSON.stringify(value)} does not fit its cursor type ${opts.sortType}`);
    return { cursor: encodeCursor(tag, value, node.id), node };
  });
  let counted: Promise<number> | undefined;
  const count = () => (counted ??= counter.getCount());
  let follows: Promise<boolean> | undefined;
  return {
    edges,
    get totalCount() {
      return count();
    },
    pageInfo: {
      get hasNextPage() {
        // Relay: true when more edges follow the page, an empty one (first: 0) too.
        return following ? (follows ??= following(count)) : rows.length > first;
      },
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** The fields a connection's query asks of its nodes (under edges.node, through fragments), by name. */
export function nodeFieldsOf(info: GraphQLResolveInfo): Set<string> {
  const fields = new Set<string>();
  const walk = (set: SelectionSetNode | undefined, path: readonly string[]) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet, path);
      else if (s.kind === Kind.FRAGMENT_SPREAD) walk(info.fragments[s.name.value]?.selectionSet, path);
      else if (!path.length) fields.add(s.name.value);
      else if (s.name.value === path[0]) walk(s.selectionSet, path.slice(1));
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet, ["edges", "node"]);
  return fields;
}
