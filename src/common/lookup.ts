import { DeepPartial, EntityTarget, ObjectLiteral } from "typeorm";
import type { RequestContext } from "../context";
import { userError, UserErrorCode, UserInputFailure } from "./errors";
import { decodeIdOf } from "./global-id";
import { fieldLabel, withArticle } from "./wording";

/** A new row (not yet saved) of the caller's organization: the tenant comes from the key, never from input. */
export function createOwned<T extends ObjectLiteral & { organizationId: string }>(
  ctx: RequestContext,
  entity: EntityTarget<T>,
  values: DeepPartial<T>,
): T {
  return ctx.manager.create(entity, { organizationId: ctx.actor.organizationId, ...values } as DeepPartial<T>);
}

/**
 * Loads a record named by a global id in an input field. Rows of other organizations are invisible
 * (row-level security), so they fail exactly like ids that do not exist: nothing reveals them.
 */
export async function findByGlobalId<T extends ObjectLiteral>(
  ctx: RequestContext,
  entity: EntityTarget<T>,
  typeName: string,
  globalId: string,
  field: string[],
  options: { forUpdate?: boolean } = {},
): Promise<T> {
  const id = decodeIdOf(typeName, globalId);
  // forUpdate locks the row until the request commits: a concurrent update of it waits, then reads the
  // new version and fails its version check, so no update is lost between check and write.
  const row = id
    ? await ctx.manager.findOne(entity, {
        where: { id } as never,
        ...(options.forUpdate ? { lock: { mode: "pessimistic_write" as const } } : {}),
      })
    : null;
  if (!row) {
    throw new UserInputFailure([
      userError(
        field,
        UserErrorCode.NOT_FOUND,
        `${fieldLabel(field)} does not name ${withArticle(typeName)} of your organization.`,
      ),
    ]);
  }
  if (options.forUpdate) lockedRows.set(row, { entity, manager: ctx.manager, values: columnValues(ctx, entity, row) });
  return row;
}

/**
 * Rows read under a row lock (findForUpdate), with their column values as read: until the request ends
 * nobody else can change them, so saveLocked writes what changed since without reading the row again.
 */
const lockedRows = new WeakMap<object, { entity: EntityTarget<ObjectLiteral>; manager: object; values: string[] }>();

/** The row's writable column values, each as comparable text. */
function columnValues(ctx: RequestContext, entity: EntityTarget<ObjectLiteral>, row: ObjectLiteral): string[] {
  return writableColumns(ctx, entity).map((c) => JSON.stringify(row[c.propertyPath] ?? null));
}

function writableColumns(ctx: RequestContext, entity: EntityTarget<ObjectLiteral>) {
  return ctx.manager.connection
    .getMetadata(entity)
    .columns.filter((c) => !c.isPrimary && !c.isVersion && !c.isUpdateDate && !c.isCreateDate && !c.isVirtual);
}

/**
 * Saves a row findForUpdate read (and the caller changed) with one UPDATE of the columns that changed, its
 * version and updated_at moved on as save does: TypeORM's save reads the row again first, and a writer
 * under load waits for every round trip. Nothing changed: nothing is written (as save). Any other row
 * goes to save.
 */
export async function saveLocked<T extends ObjectLiteral & { id: string }>(ctx: RequestContext, row: T): Promise<T> {
  const locked = lockedRows.get(row);
  const metadata = locked && ctx.manager.connection.getMetadata(locked.entity);
  if (!locked || !metadata || locked.manager !== ctx.manager || metadata.embeddeds.length) return ctx.manager.save(row);
  const columns = writableColumns(ctx, locked.entity);
  const now = columnValues(ctx, locked.entity, row);
  const set: Record<string, unknown> = {};
  columns.forEach((c, i) => {
    if (now[i] !== locked.values[i]) set[c.propertyPath] = row[c.propertyPath] ?? null;
  });
  if (!Object.keys(set).length) return row;
  const generated = [metadata.versionColumn, metadata.updateDateColumn].filter((c) => !!c);
  const result = await ctx.manager
    .createQueryBuilder()
    .update(locked.entity)
    .set(set as never)
    .where("id = :id", { id: row.id })
    // As SQL: given as a list, TypeORM leaves out the update date column.
    .returning(generated.map((c) => `"${c.databaseName}"`).join(", "))
    .execute();
  const raw = (result.raw as Record<string, unknown>[])[0];
  if (!raw) throw new Error(`saveLocked: the locked row ${row.id} is gone`);
  // As save hydrates them (the driver's raw values are not the entity's: a timestamp comes as text).
  const driver = ctx.manager.connection.driver;
  for (const c of generated)
    (row as Record<string, unknown>)[c.propertyPath] = driver.prepareHydratedValue(raw[c.databaseName], c);
  lockedRows.set(row, { ...locked, values: now });
  return row;
}

/** Loads a record the mutation is about to change, locked against concurrent changes. */
export function findForUpdate<T extends ObjectLiteral>(
  ctx: RequestContext,
  entity: EntityTarget<T>,
  typeName: string,
  globalId: string,
  field: string[],
): Promise<T> {
  return findByGlobalId(ctx, entity, typeName, globalId, field, { forUpdate: true });
}

/**
 * The record an update names by `input.id`, locked, and at the version the caller read (`input.version`,
 * when given): NOT_FOUND on input.id, STALE_VERSION on input.version.
 */
export async function findForUpdateAtVersion<T extends ObjectLiteral & { version: number }>(
  ctx: RequestContext,
  entity: EntityTarget<T>,
  typeName: string,
  input: { id: string; version?: number | null },
): Promise<T> {
  const row = await findForUpdate(ctx, entity, typeName, input.id, ["input", "id"]);
  checkVersion(row, input.version);
  return row;
}

/** Optimistic locking: a caller that read version N may only write over version N. */
export function checkVersion(
  current: { version: number },
  expected: number | undefined | null,
  field = ["input", "version"],
): void {
  if (expected !== undefined && expected !== null && expected !== current.version) {
    throw new UserInputFailure([
      userError(
        field,
        UserErrorCode.STALE_VERSION,
        `The record changed since you read it (you sent version ${expected}, it is now ${current.version}). Read ` +
          `it again and retry.`,
      ),
    ]);
  }
}

/** Copies the fields a patch sets (undefined = leave as is, null = clear). */
export function applyPatch<T extends object>(target: T, patch: object, fields: (keyof T & string)[]): void {
  for (const f of fields) {
    const v = (patch as Record<string, unknown>)[f];
    if (v !== undefined) (target as Record<string, unknown>)[f] = typeof v === "string" ? v.trim() : v;
  }
}

/**
 * Create-or-replace of the row with these keys: inserted with the values when missing, otherwise
 * locked and updated. Concurrent calls queue on the row lock, so each moves the version on by one.
 */
export async function upsertLocked<T extends ObjectLiteral>(
  ctx: RequestContext,
  entity: EntityTarget<T>,
  keys: Partial<T>,
  values: Partial<T>,
): Promise<T> {
  const inserted = await ctx.manager
    .createQueryBuilder()
    .insert()
    .into(entity)
    .values({ organizationId: ctx.actor.organizationId, ...keys, ...values } as never)
    .orIgnore()
    .returning("id")
    .execute();
  if ((inserted.raw as unknown[]).length) return ctx.manager.findOneOrFail(entity, { where: keys as never });
  const row = await ctx.manager.findOneOrFail(entity, { where: keys as never, lock: { mode: "pessimistic_write" } });
  Object.assign(row, values);
  return ctx.manager.save(row);
}
