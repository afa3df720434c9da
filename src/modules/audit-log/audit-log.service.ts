// Reads the audit log with plain SQL (no TypeORM entity: the table is the database's own, written by
// the record_audit_log() trigger). Row-level security limits the app role to its organization.
import type { EntityManager } from "typeorm";
import type { RequestContext } from "../../context";
import { badUserInput } from "../../common/errors";
import { checkFirst, ConnectionShape, decodeCursor, encodeCursor } from "../../common/connection";
import { decodeIdOf, fromGlobalId, toGlobalId } from "../../common/global-id";
import { AuditAction, AuditLogEntry, AuditLogFilter } from "./audit-log.types";
import { entityTypeOfTable, tableOfEntityType } from "./audit-log.entities";

interface AuditLogRow {
  /** audit_log.id as text (a bigint). */
  seq: string;
  actor_api_key_id: string | null;
  request_id: string | null;
  entity: string;
  entity_id: string;
  action: AuditAction;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changed_fields: string[];
  at: Date;
}

// id as text under another name: ORDER BY id must keep meaning the bigint column.
const COLUMNS =
  "id::text AS seq, actor_api_key_id, request_id, entity, entity_id, action, before, after, changed_fields, at";

function toEntry(manager: EntityManager, r: AuditLogRow): AuditLogEntry {
  const entityType = entityTypeOfTable(manager, r.entity);
  return Object.assign(new AuditLogEntry(), {
    seq: r.seq,
    actorApiKeyId: r.actor_api_key_id,
    at: r.at,
    action: r.action,
    entityType,
    entityId: toGlobalId(entityType, r.entity_id),
    requestId: r.request_id,
    changedFields: r.changed_fields ?? [],
    before: r.before,
    after: r.after,
  });
}

/** The audit log's name in its cursors (connection.ts's cursors: one list's only), newest first. */
const LIST = "AuditLogEntry.seq DESC";

const seqOfCursor = (cursor: string) =>
  decodeCursor(cursor, LIST, (p) => p.length === 1 && typeof p[0] === "string" && /^\d{1,19}$/.test(p[0]))[0];

/**
 * WHERE conditions and parameters for a filter; throws BAD_USER_INPUT for ids or types that cannot match anything
 * meaningful.
 */
function whereOf(
  manager: EntityManager,
  organizationId: string,
  f: AuditLogFilter,
): { where: string[]; params: unknown[] } {
  const params: unknown[] = [organizationId];
  const where = [`organization_id = $1`];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.entityType) {
    const table = tableOfEntityType(manager, f.entityType);
    if (!table) throw badUserInput(`entityType "${f.entityType}" is not a type of record kept in the audit log.`);
    add((p) => `entity = ${p}`, table);
  }
  if (f.entityId) {
    const decoded = fromGlobalId(f.entityId);
    if (!decoded) throw badUserInput("filter.entityId is not a global id.");
    const table = tableOfEntityType(manager, decoded.typeName);
    if (table) add((p) => `entity = ${p}`, table);
    add((p) => `entity_id = ${p}`, decoded.id);
  }
  if (f.actorApiKeyId) {
    const id = decodeIdOf("ApiKey", f.actorApiKeyId);
    if (!id) throw badUserInput("filter.actorApiKeyId is not the global id of an ApiKey.");
    add((p) => `actor_api_key_id = ${p}`, id);
  }
  if (f.action) add((p) => `action = ${p}`, f.action);
  if (f.from) add((p) => `at >= ${p}`, f.from);
  if (f.to) add((p) => `at < ${p}`, f.to);
  return { where, params };
}

export const auditLogService = {
  histories: loadAuditHistories,
  /** Newest first, keyset-paged on the log's own sequence. Two statements: the page and the count. */
  async list(
    ctx: RequestContext,
    args: { filter?: AuditLogFilter | null; first?: number | null; after?: string | null },
  ): Promise<ConnectionShape<AuditLogEntry>> {
    const first = checkFirst(args.first);
    const { where, params } = whereOf(ctx.manager, ctx.actor.organizationId, args.filter ?? {});
    const [{ n: totalCount }] = await ctx.manager.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE ${where.join(" AND ")}`,
      params,
    );
    const pageWhere = [...where];
    const pageParams = [...params];
    if (args.after) {
      pageParams.push(seqOfCursor(args.after));
      pageWhere.push(`id < $${pageParams.length}::bigint`);
    }
    pageParams.push(first + 1);
    // first: 0 after a cursor reads the one row that tells whether more follow (Relay); without one, the count does.
    const rows: AuditLogRow[] =
      first === 0 && !args.after
        ? []
        : await ctx.manager.query(
            `SELECT ${COLUMNS} FROM audit_log WHERE ${pageWhere.join(" AND ")} ORDER BY audit_log.id DESC LIMIT
              $${pageParams.length}`,
            pageParams,
          );
    const items = rows.slice(0, first).map((r) => toEntry(ctx.manager, r));
    const edges = items.map((node) => ({ cursor: encodeCursor(LIST, node.seq), node }));
    return {
      edges,
      totalCount,
      pageInfo: {
        hasNextPage: first === 0 && !args.after ? totalCount > 0 : rows.length > first,
        hasPreviousPage: false,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  },
};

export interface AuditHistoryKey {
  /** Table name. */
  entity: string;
  /** Row uuid. */
  entityId: string;
  first: number;
}

export const auditHistoryCacheKey = (k: AuditHistoryKey) => `${k.entity}:${k.entityId}:${k.first}`;

/**
 * The latest `first` entries of each record, newest first: one statement for every record asked
 * in the batch (a LATERAL ... LIMIT per record walks the (organization_id, entity, entity_id, id) index).
 */
async function loadAuditHistories(
  manager: EntityManager,
  keys: readonly AuditHistoryKey[],
): Promise<AuditLogEntry[][]> {
  const records = new Map<string, { entity: string; entityId: string; limit: number }>();
  for (const k of keys) {
    const id = `${k.entity}:${k.entityId}`;
    const r = records.get(id);
    if (r) r.limit = Math.max(r.limit, k.first);
    else records.set(id, { entity: k.entity, entityId: k.entityId, limit: k.first });
  }
  const list = [...records.values()].filter((r) => r.limit > 0);
  const rows: AuditLogRow[] = list.length
    ? await manager.query(
        `SELECT l.* FROM unnest($1::text[], $2::uuid[], $3::int[]) AS k(entity, entity_id, lim)
           CROSS JOIN LATERAL (
             SELECT ${COLUMNS} FROM audit_log a
              WHERE a.organization_id = app_current_organization() AND a.entity = k.entity AND a.entity_id = k.entity_id
              ORDER BY a.id DESC LIMIT k.lim
           ) l`,
        [list.map((r) => r.entity), list.map((r) => r.entityId), list.map((r) => r.limit)],
      )
    : [];
  const byRecord = new Map<string, AuditLogRow[]>();
  for (const r of rows) {
    const id = `${r.entity}:${r.entity_id}`;
    const group = byRecord.get(id);
    if (group) group.push(r);
    else byRecord.set(id, [r]);
  }
  for (const group of byRecord.values()) group.sort((a, b) => (BigInt(b.seq) > BigInt(a.seq) ? 1 : -1));
  return keys.map((k) =>
    (byRecord.get(`${k.entity}:${k.entityId}`) ?? []).slice(0, k.first).map((r) => toEntry(manager, r)),
  );
}
