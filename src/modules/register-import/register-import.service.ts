// The register import's work: plan an uploaded register against the organization's register (stored, not
// applied), correct its column mapping (planned again), apply it in one transaction through the same
// services and validation as the API, or discard it.
import { QueryFailedError } from "typeorm";
import type { RequestContext } from "../../context";
import { graphqlError, userError, UserError, UserErrorCode, UserInputFailure } from "../../common/errors";
import { createOwned, findByGlobalId, findForUpdate } from "../../common/lookup";
import { decodeIdOf, toGlobalId } from "../../common/global-id";
import { validateInputSync } from "../../common/validation";
import { unstorableText } from "../../common/mutation";
import { processorService } from "../processors/processor.service";
import { CreateProcessorInput, UpdateProcessorInput } from "../processors/processor.inputs";
import type { Processor } from "../processors/processor.entity";
import { engagementService } from "../subprocessors/engagement.service";
import {
  CreateSubprocessorEngagementInput,
  UpdateSubprocessorEngagementInput,
} from "../subprocessors/engagement.inputs";
import { agreementService } from "../agreements/agreement.service";
import { CategoryRefInput, CreateAgreementInput, UpdateAgreementInput } from "../agreements/agreement.inputs";
import { AgreementKind, AgreementTemplate } from "../agreements/agreement.enums";
import { taxonomyService } from "../taxonomy/taxonomy.service";
import { events } from "../events";
import type { StoredFile } from "../evidence/evidence.service";
import { RegisterImport, RegisterImportPlan, RegisterImportStatus } from "./register-import.entity";
import {
  ColumnCorrection,
  ExistingRecord,
  Plan,
  PlannedRow,
  planRegister,
  Problem,
  Ref,
  Register,
  RowCheck,
} from "./register-import.rules";
import { TARGET_FIELDS } from "./register-fields";
import { readRegisterFile, RegisterFile, RegisterFileRefused } from "./register-file";
import type { CorrectRegisterImportInput } from "./register-import.inputs";

const PLACEHOLDER_ID = toGlobalId("Processor", "00000000-0000-0000-0000-000000000000");

/** The register as the planner compares against: processors, their engagements and DPAs, the vocabulary. */
async function loadRegister(ctx: RequestContext): Promise<Register> {
  const processors = await processorService.listed(ctx, "all", "none");
  const ids = processors.map((p) => p.id);
  const [engagementLists, agreementLists, categories] = await Promise.all([
    ctx.loaders.engagementsByProcessor.loadMany(ids),
    ctx.loaders.agreementsByProcessor.loadMany(ids),
    taxonomyService.dataCategories(ctx, {}),
  ]);
  const ok = <T>(lists: (T[] | Error)[]): T[] =>
    lists.flatMap((l) => {
      if (l instanceof Error) throw l;
      return l;
    });
  const agreements = ok(agreementLists).filter((a) => a.kind === AgreementKind.DPA);
  const links = ok(await ctx.loaders.dataCategoryLinksByAgreement.loadMany(agreements.map((a) => a.id)));
  const keyOf = new Map(categories.map((c) => [c.id, c.key]));
  const keysByAgreement = new Map<string, string[]>();
  for (const l of links) {
    const list = keysByAgreement.get(l.agreementId) ?? [];
    list.push(keyOf.get(l.dataCategoryId) ?? l.dataCategoryId);
    keysByAgreement.set(l.agreementId, list);
  }
  return {
    processors: processors.map((p) => ({ ...p }) as unknown as ExistingRecord),
    engagements: ok(engagementLists).map((e) => ({ ...e }) as unknown as ExistingRecord),
    agreements: agreements.map(
      (a) => ({ ...a, dataCategories: keysByAgreement.get(a.id) ?? [] }) as unknown as ExistingRecord,
    ),
    categories: categories.map((c) => ({ key: c.key, name: c.name })),
  };
}

/** The API's input for a row (ids are placeholders when the plan is checked, the real ones at apply). */
function inputOf(
  row: PlannedRow,
  action: "CREATE" | "UPDATE",
  values: Record<string, unknown>,
  ids: { id?: string; processorId?: string; subprocessorId?: string } = {},
): object {
  const id = ids.id ?? PLACEHOLDER_ID;
  const version = row.recordVersion ?? undefined;
  const categories = (v: unknown) =>
    Array.isArray(v) ? v.map((key) => Object.assign(new CategoryRefInput(), { key })) : v;
  if (row.kind === "processors") {
    return action === "CREATE"
      ? Object.assign(new CreateProcessorInput(), values)
      : Object.assign(new UpdateProcessorInput(), values, { id, version });
  }
  if (row.kind === "subprocessors") {
    return action === "CREATE"
      ? Object.assign(new CreateSubprocessorEngagementInput(), values, {
          processorId: ids.processorId ?? PLACEHOLDER_ID,
          subprocessorId: ids.subprocessorId ?? PLACEHOLDER_ID,
        })
      : Object.assign(new UpdateSubprocessorEngagementInput(), values, { id, version });
  }
  const terms = { ...values, dataCategories: categories(values.dataCategories) };
  if (!("dataCategories" in values)) delete terms.dataCategories;
  return action === "CREATE"
    ? Object.assign(new CreateAgreementInput(), terms, {
        processorId: ids.processorId ?? PLACEHOLDER_ID,
        kind: AgreementKind.DPA,
        template: (values.template as AgreementTemplate | undefined) ?? AgreementTemplate.OTHER,
      })
    : Object.assign(new UpdateAgreementInput(), terms, { id, version });
}

const fieldOfPath = (path: string[] | null | undefined) => (path && path.length > 1 ? path[1] : null);

/** The API's validation (class-validator rules of the inputs, storable text) of a row's would-be input. */
const checkRow: RowCheck = (kind, action, values) => {
  const row = { kind, recordVersion: 1 } as PlannedRow;
  const input = inputOf(row, action, values);
  const errors = [...unstorableText(values), ...validateInputSync(input)];
  return errors.map((e) => ({ field: fieldOfPath(e.field) ?? "", code: e.code as UserErrorCode, rule: e.message }));
};

export function planOf(
  sheets: RegisterFile["sheets"],
  corrections: ColumnCorrection[],
  register: Register,
): Promise<Plan> {
  return planRegister(sheets, corrections, register, checkRow);
}

async function find(ctx: RequestContext, globalId: string): Promise<RegisterImport | null> {
  const id = decodeIdOf("RegisterImport", globalId);
  return id ? ctx.manager.findOne(RegisterImport, { where: { id } }) : null;
}

async function list(ctx: RequestContext, status: RegisterImportStatus | null): Promise<RegisterImport[]> {
  return ctx.manager.find(RegisterImport, {
    where: status ? { status } : {},
    order: { createdAt: "DESC", id: "DESC" },
    take: 100,
  });
}

async function planStored(ctx: RequestContext, importId: string): Promise<RegisterImportPlan> {
  const [stored] = await ctx.loaders.registerImportPlanByImport.load(importId);
  if (!stored) throw new Error(`register import ${importId} has no plan`);
  return stored;
}

/**
 * A page of the plan's rows (file order, only `actions` when given) and the problems of those rows, taken from the
 * stored plan in SQL: a plan of 50,000 rows is never read whole into the process for a page of it.
 */
async function planRowsPage(
  ctx: RequestContext,
  importId: string,
  actions: string[] | null,
  offset: number,
  limit: number,
): Promise<{ rows: PlannedRow[]; problems: Problem[] }> {
  const [found] = await ctx.manager.query(
    `WITH p AS (SELECT plan FROM register_import_plan WHERE register_import_id = $1 AND organization_id = $2),
     page AS (SELECT r.e, r.i FROM p, jsonb_array_elements(p.plan->'rows') WITH ORDINALITY r(e, i)
               WHERE $3::text[] IS NULL OR r.e->>'action' = ANY($3::text[]) ORDER BY r.i OFFSET $4 LIMIT $5)
     SELECT (SELECT coalesce(jsonb_agg(e ORDER BY i), '[]') FROM page) AS rows,
            (SELECT coalesce(jsonb_agg(q.e ORDER BY q.i), '[]')
               FROM p, jsonb_array_elements(p.plan->'problems') WITH ORDINALITY q(e, i)
              WHERE (q.e->>'sheet', q.e->>'row') IN (SELECT e->>'sheet', e->>'row' FROM page)) AS problems`,
    [importId, ctx.actor.organizationId, actions, offset, limit],
  );
  return { rows: found?.rows ?? [], problems: found?.problems ?? [] };
}

/** The plan's first `limit` problems, taken in SQL (see planRowsPage). */
async function planProblems(ctx: RequestContext, importId: string, limit: number): Promise<Problem[]> {
  const [found] = await ctx.manager.query(
    `SELECT coalesce((SELECT jsonb_agg(q.e ORDER BY q.i)
                        FROM (SELECT e, i FROM jsonb_array_elements(plan->'problems') WITH ORDINALITY x(e, i)
                               ORDER BY i LIMIT $3) q), '[]') AS problems
       FROM register_import_plan WHERE register_import_id = $1 AND organization_id = $2`,
    [importId, ctx.actor.organizationId, limit],
  );
  return found?.problems ?? [];
}

/** Reads the upload (no database): the file's sheets, or a refusal naming what is wrong with the file. */
async function readUpload(file: StoredFile): Promise<RegisterFile> {
  return readRegisterFile(file.content, file.fileName ?? "register");
}

/** Plans an upload against the register and stores the import with its plan. */
async function importUpload(
  ctx: RequestContext,
  file: StoredFile,
  read: RegisterFile,
): Promise<{ imported: RegisterImport; plan: Plan }> {
  // Planning is bounded by the file's rows (it yields to the event loop): it and the store have their own budget.
  ctx.transaction.extendDeadline(PLAN_STORE_TIMEOUT_MS);
  const plan = await planOf(read.sheets, [], await loadRegister(ctx));
  const saved = await ctx.manager.save(
    createOwned(ctx, RegisterImport, {
      status: RegisterImportStatus.PLANNED,
      fileName: (file.fileName ?? "register").slice(0, 300),
      sha256: file.sha256,
      sizeBytes: file.sizeBytes,
      format: read.format,
      encoding: read.encoding,
      delimiter: read.delimiter,
      columnMapping: [],
      rowsRead: plan.rowsRead,
      counts: plan.counts,
      problemCount: plan.problemCount ?? plan.problems.length,
      decidedAt: null,
      decidedByApiKeyId: null,
    }),
  );
  // One statement with the JSON as text: no entity diffing of a plan that may hold tens of thousands of rows.
  await storingPlan(ctx, () =>
    ctx.manager.query(
      `INSERT INTO register_import_plan (register_import_id, organization_id, sheets, plan) VALUES ($1, $2, $3, $4)`,
      [saved.id, ctx.actor.organizationId, JSON.stringify(read.sheets), JSON.stringify(plan)],
    ),
  );
  return { imported: saved, plan };
}

/**
 * How long the statement storing a plan may run, in ms. A plan is bounded (50,000 rows: 15 MB of JSON and 3 MB of
 * cells, 0.3-0.7 s here), but with the disk busy its INSERT ran past the request's STATEMENT_TIMEOUT_MS (5 s): the
 * upload was read and planned for 9 s and then answered 503 TIMEOUT. It holds no lock another request waits on.
 */
const PLAN_STORE_TIMEOUT_MS = 60_000;

/** Runs `store` with a statement timeout of at least PLAN_STORE_TIMEOUT_MS (none stays none), then the request's. */
async function storingPlan<T>(ctx: RequestContext, store: () => Promise<T>): Promise<T> {
  // Its own budget, past the request's database deadline (REQUEST_DB_TIMEOUT_MS) too.
  ctx.transaction.extendDeadline(PLAN_STORE_TIMEOUT_MS);
  const [{ before }] = await ctx.manager.query(
    `SELECT setting AS before, set_config('statement_timeout',
            CASE WHEN setting::int = 0 THEN '0' ELSE greatest(setting::int, $1::int)::text END, true)
       FROM pg_settings WHERE name = 'statement_timeout'`,
    [PLAN_STORE_TIMEOUT_MS],
  );
  const stored = await store();
  await ctx.manager.query(`SELECT set_config('statement_timeout', $1, true)`, [before]);
  return stored;
}

async function planned(ctx: RequestContext, globalId: string): Promise<RegisterImport> {
  const imported = await findForUpdate(ctx, RegisterImport, "RegisterImport", globalId, ["input", "id"]);
  if (imported.status !== RegisterImportStatus.PLANNED)
    throw new UserInputFailure([
      userError(
        ["input", "id"],
        UserErrorCode.INVALID_STATE,
        `the import is ${imported.status}: only a PLANNED import can be corrected, applied or discarded`,
      ),
    ]);
  return imported;
}

/**
 * Registers read or planned at once, per organization and in all (in this process): a register is read and planned
 * in the request thread (64 MB of a workbook's XML kept as strings; 50,000 rows planned again by a correction, 6 s
 * on a pool connection). With no limit one key's 40 uploads at once of a 2 MB workbook held 2.8 GB and another
 * tenant's query 3.5 s, 70 killed the server (heap out of memory), and 10 corrections at once held another
 * tenant's query 4.5 s.
 */
export const REGISTER_PLANNING = { perOrganization: 1, total: 2 };
const PLANNING_RETRY_AFTER_SECONDS = 5;
const planning = new Map<string, number>();

export class RegisterPlanningBusy extends Error {
  readonly retryAfterSeconds = PLANNING_RETRY_AFTER_SECONDS;
}

/** A place to read or plan a register (call the result to give it back), else RegisterPlanningBusy. */
function enterPlanning(organizationId: string): () => void {
  const mine = planning.get(organizationId) ?? 0;
  let all = 0;
  for (const n of planning.values()) all += n;
  if (mine >= REGISTER_PLANNING.perOrganization || all >= REGISTER_PLANNING.total)
    throw new RegisterPlanningBusy(
      (mine >= REGISTER_PLANNING.perOrganization
        ? "Your organization already has a register being read or planned"
        : `The service already reads or plans ${REGISTER_PLANNING.total} registers`) +
        `; nothing was changed: try again when that has finished (Retry-After: ${PLANNING_RETRY_AFTER_SECONDS} s).`,
    );
  planning.set(organizationId, mine + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (planning.get(organizationId) ?? 1) - 1;
    if (left > 0) planning.set(organizationId, left);
    else planning.delete(organizationId);
  };
}

async function correct(ctx: RequestContext, input: CorrectRegisterImportInput): Promise<RegisterImport> {
  let release: () => void;
  try {
    release = enterPlanning(ctx.actor.organizationId);
  } catch (err) {
    if (err instanceof RegisterPlanningBusy)
      throw graphqlError("DOCUMENT_READERS_BUSY", err.message, err.retryAfterSeconds);
    throw err;
  }
  try {
    return await correctPlanning(ctx, input);
  } finally {
    release();
  }
}

async function correctPlanning(ctx: RequestContext, input: CorrectRegisterImportInput): Promise<RegisterImport> {
  const imported = await planned(ctx, input.id);
  const known = new Set(TARGET_FIELDS.map((f) => f.key));
  const errors: UserError[] = [];
  input.columnMapping.forEach((m, i) => {
    if (m.field !== null && m.field !== undefined && !known.has(m.field))
      errors.push(
        userError(
          ["input", "columnMapping", String(i), "field"],
          UserErrorCode.INVALID,
          `${m.field} is not a field of the register (see registerTemplateFields)`,
        ),
      );
  });
  if (errors.length) throw new UserInputFailure(errors);
  const stored = await planStored(ctx, imported.id);
  const corrections = input.columnMapping.map((m) => ({ sheet: m.sheet, column: m.column, field: m.field ?? null }));
  ctx.transaction.extendDeadline(PLAN_STORE_TIMEOUT_MS); // planned again: the plan's own budget (see importUpload)
  const plan = await planOf(stored.sheets, corrections, await loadRegister(ctx));
  stored.plan = plan;
  await storingPlan(ctx, () => ctx.manager.save(stored));
  imported.columnMapping = corrections;
  imported.rowsRead = plan.rowsRead;
  imported.counts = plan.counts;
  imported.problemCount = plan.problemCount ?? plan.problems.length;
  ctx.loaders.registerImportPlanByImport.clear(imported.id);
  return ctx.manager.save(imported);
}

async function discard(ctx: RequestContext, globalId: string): Promise<RegisterImport> {
  const imported = await planned(ctx, globalId);
  imported.status = RegisterImportStatus.DISCARDED;
  imported.decidedAt = new Date();
  imported.decidedByApiKeyId = ctx.actor.apiKeyId;
  return ctx.manager.save(imported);
}

function rowFailure(row: PlannedRow, plan: Plan, errors: UserError[]): UserInputFailure {
  const sheet = plan.sheets.find((s) => s.name === row.sheet);
  return new UserInputFailure(
    errors.map((e) => {
      const field = fieldOfPath(e.field);
      const column = sheet?.columns.find((c) => c.field === field);
      const cell = column ? `, column ${column.letter} (${column.heading})` : "";
      const where = `sheet "${row.sheet}" row ${row.row}${cell}`;
      return userError(
        ["input", "id"],
        e.code as UserErrorCode,
        `${where}: ${e.message.replace(/\.$/, "")}. Nothing was written.`,
      );
    }),
  );
}

/**
 * One apply per organization at a time: an apply holds its transaction and a pool connection until it ends,
 * so a key starting several at once would take that many connections from every tenant. The lock lasts until
 * the request's transaction ends; a second apply meanwhile is refused before it reads anything.
 */
async function lockApplies(ctx: RequestContext): Promise<void> {
  const [{ locked }] = await ctx.manager.query(
    `SELECT pg_try_advisory_xact_lock(hashtextextended('register_import_apply:' || $1, 0)) AS locked`,
    [ctx.actor.organizationId],
  );
  if (!locked)
    throw graphqlError(
      "REGISTER_APPLY_RUNNING",
      "Your organization already applies a register import (one apply per organization at a time): nothing was " +
        "written; apply again when it has ended.",
      APPLY_RETRY_AFTER_SECONDS,
    );
}

const APPLY_RETRY_AFTER_SECONDS = 10;

/**
 * Writes the stored plan in the request's transaction: processors, then engagements, then agreements,
 * each through its service with the API's validation. Updates carry the version the plan read, so a record
 * changed since the plan fails the whole apply (STALE_VERSION); so does a processor that now exists
 * (DUPLICATE). Any failure rolls everything back.
 */
async function apply(ctx: RequestContext, globalId: string): Promise<RegisterImport> {
  await lockApplies(ctx);
  const imported = await planned(ctx, globalId);
  const { plan } = await planStored(ctx, imported.id);
  if (plan.blocking)
    throw new UserInputFailure([
      userError(
        ["input", "id"],
        UserErrorCode.INVALID,
        `the plan has ${plan.blocking} problem(s) of whole sheets (a missing required column, a wrong correction): ` +
          `correct the mapping first`,
      ),
    ]);
  const created = new Map<number, string>();
  // The processors registered when the apply starts (the plan itself holds no company twice).
  // Read under the organization's registration lock: a createProcessor of a number committed while the apply runs
  // would not be in this lookup, and the apply's rows not in its check.
  await processorService.registrationLock(ctx);
  const registered = await processorService.like(ctx);
  const idOf = (ref: Ref) => ("existing" in ref ? ref.existing : (created.get(ref.planned) as string));
  const gid = (ref: Ref) => toGlobalId("Processor", idOf(ref));

  // New processors are drafted row by row (each row's rules, its errors naming it) and inserted together, a few
  // hundred per statement, before any other row is written (it may name them) and at the end.
  const drafted: { index: number; row: PlannedRow; processor: Processor }[] = [];
  const insertDrafted = async () => {
    if (!drafted.length) return;
    try {
      await processorService.insertMany(
        ctx,
        drafted.map((d) => d.processor),
      );
    } catch (err) {
      if (!(err instanceof QueryFailedError)) throw err;
      const rows = `${drafted[0].row.row}–${drafted[drafted.length - 1].row.row}`;
      throw rowFailure(drafted[0].row, plan, [
        userError(["input"], UserErrorCode.INVALID, `the database refused a processor of rows ${rows}`),
      ]);
    }
    for (const d of drafted) created.set(d.index, d.processor.id);
    drafted.length = 0;
  };

  for (let i = 0; i < plan.rows.length; i++) {
    const row = plan.rows[i];
    if (row.action !== "CREATE" && row.action !== "UPDATE") continue;
    if (row.kind !== "processors" || row.action !== "CREATE") await insertDrafted();
    const changed =
      row.action === "UPDATE" ? Object.fromEntries(row.changes.map((c) => [c.field, row.values[c.field]])) : row.values;
    try {
      if (row.kind === "processors") {
        if (row.action === "CREATE") {
          const name = row.values.name as string;
          const registrationNumber = (row.values.registrationNumber as string | undefined) ?? null;
          const existingId = registered({ name, registrationNumber });
          const existing = existingId ? await ctx.loaders.processorById.load(existingId) : null;
          if (existing)
            throw new UserInputFailure([
              userError(
                ["input", registrationNumber ? "registrationNumber" : "name"],
                UserErrorCode.DUPLICATE,
                `processor "${existing.name}" was registered after the plan was made: plan the file again`,
              ),
            ]);
        }
        const input = inputOf(row, row.action, changed, { id: row.recordId ? gid({ existing: row.recordId }) : "" });
        const errors = validateInputSync(input);
        if (errors.length) throw new UserInputFailure(errors);
        if (row.action === "CREATE")
          drafted.push({ index: i, row, processor: processorService.draft(ctx, input as CreateProcessorInput) });
        else created.set(i, (await processorService.update(ctx, input as UpdateProcessorInput)).id);
      } else if (row.kind === "subprocessors") {
        const input = inputOf(row, row.action, changed, {
          id: row.recordId ? toGlobalId("SubprocessorEngagement", row.recordId) : "",
          processorId: gid(row.refs.parent),
          subprocessorId: gid(row.refs.subprocessor),
        });
        const errors = validateInputSync(input);
        if (errors.length) throw new UserInputFailure(errors);
        if (row.action === "CREATE") await engagementService.create(ctx, input as CreateSubprocessorEngagementInput);
        else await engagementService.update(ctx, input as UpdateSubprocessorEngagementInput);
      } else {
        const input = inputOf(row, row.action, changed, {
          id: row.recordId ? toGlobalId("Agreement", row.recordId) : "",
          processorId: gid(row.refs.processor),
        });
        const errors = validateInputSync(input);
        if (errors.length) throw new UserInputFailure(errors);
        if (row.action === "CREATE") await agreementService.create(ctx, input as CreateAgreementInput);
        else await agreementService.update(ctx, input as UpdateAgreementInput);
      }
    } catch (err) {
      if (err instanceof UserInputFailure) throw rowFailure(row, plan, err.userErrors);
      if (err instanceof QueryFailedError)
        throw rowFailure(row, plan, [userError(["input"], UserErrorCode.INVALID, "the database refused the row")]);
      throw err;
    }
  }
  await insertDrafted();
  imported.status = RegisterImportStatus.APPLIED;
  imported.decidedAt = new Date();
  imported.decidedByApiKeyId = ctx.actor.apiKeyId;
  const saved = await ctx.manager.save(imported);
  await events.registerImportApplied(ctx.manager, {
    id: imported.id,
    created: plan.counts.create,
    updated: plan.counts.update,
    unchanged: plan.counts.unchanged,
  });
  return saved;
}

/** The import a global id in an input names; else NOT_FOUND on that field. */
function ofInput(ctx: RequestContext, globalId: string, field: string[]): Promise<RegisterImport> {
  return findByGlobalId(ctx, RegisterImport, "RegisterImport", globalId, field);
}

export const registerImportService = {
  enterPlanning,
  find,
  list,
  ofInput,
  readUpload,
  importUpload,
  correct,
  apply,
  discard,
  planStored,
  planRowsPage,
  planProblems,
  loadRegister,
  isRefusal: (err: unknown): err is RegisterFileRefused => err instanceof RegisterFileRefused,
};
