import type { RequestContext } from "../../context";
import { userError, UserError, UserErrorCode, UserInputFailure } from "../../common/errors";
import { applyPatch, createOwned, findByGlobalId, findForUpdate, findForUpdateAtVersion } from "../../common/lookup";
import { DataCategory, DataSubjectCategory } from "../taxonomy/taxonomy.entity";
import { Measure } from "../measures/measure.entity";
import { Agreement, ClauseSourceValue } from "./agreement.entity";
import {
  AgreementDataCategory,
  AgreementDataSubjectCategory,
  AgreementRequiredMeasure,
} from "./agreement-links.entity";
import { AgreementKind, AgreementStatus, SCALAR_CLAUSES } from "./agreement.enums";
import {
  AuditTermsInput,
  CategoryRefInput,
  CreateAgreementInput,
  RequiredMeasureInput,
  UpdateAgreementInput,
} from "./agreement.inputs";
import { isValidDueDay } from "../../common/dates";
import { supersessionLoopProblem } from "./agreement.rules";
import { vocabularyService } from "../taxonomy/vocabulary.service";
import { processorService } from "../processors/processor.service";

const SCALAR_FIELDS: (keyof Agreement & string)[] = [
  "status",
  "title",
  "documentReference",
  "signedOn",
  "effectiveFrom",
  "endOn",
  ...SCALAR_CLAUSES,
  "governingLaw",
  "venue",
  "template",
  "dataSubjectVolume",
];

type AgreementInput = CreateAgreementInput | UpdateAgreementInput;

function applyAuditTerms(
  a: Agreement,
  prefix: "processor" | "subprocessor",
  terms: AuditTermsInput | null | undefined,
  errors: UserError[],
): void {
  if (terms === undefined) return;
  const t = terms ?? {};
  if (t.dueDay && !isValidDueDay(t.dueDay)) {
    errors.push(
      userError(
        ["input", `${prefix}Audit`, "dueDay"],
        UserErrorCode.INVALID,
        `dueDay ${t.dueDay} is not a day of the year`,
      ),
    );
  }
  a[`${prefix}AuditMethods`] = t.methods ?? [];
  a[`${prefix}AuditIntervalMonths`] = t.intervalMonths ?? null;
  a[`${prefix}AuditDueDay`] = t.dueDay ?? null;
  a[`${prefix}AuditNoticeDays`] = t.noticeDays ?? null;
  a[`${prefix}AuditPaidBy`] = t.paidBy ?? null;
}

async function resolveKeys<T extends { id: string; key: string }>(
  ctx: RequestContext,
  entity: typeof DataCategory | typeof DataSubjectCategory | typeof Measure,
  keys: string[],
  field: string,
  keyName: string,
  errors: UserError[],
): Promise<Map<string, T>> {
  const map = (await vocabularyService.entriesByKey(ctx, entity, keys)) as unknown as Map<string, T>;
  keys.forEach((k, i) => {
    if (!map.has(k))
      errors.push(
        userError(
          ["input", field, String(i), keyName],
          UserErrorCode.NOT_FOUND,
          `${keyName} "${k}" is not in the vocabulary`,
        ),
      );
  });
  return map;
}

function duplicates(keys: string[], field: string, keyName: string, errors: UserError[]): void {
  const seen = new Set<string>();
  keys.forEach((k, i) => {
    if (seen.has(k))
      errors.push(
        userError(["input", field, String(i), keyName], UserErrorCode.DUPLICATE, `${keyName} "${k}" is listed twice`),
      );
    seen.add(k);
  });
}

/**
 * One of an agreement's link lists: the input field, the vocabulary its keys name and the table that
 * holds it, with the link row's own columns for an item and the id of the entry it names.
 */
interface LinkList<I> {
  field: "dataCategories" | "dataSubjectCategories" | "requiredMeasures";
  keyName: string;
  keyOf: (item: I) => string;
  vocabulary: typeof DataCategory | typeof DataSubjectCategory | typeof Measure;
  table: typeof AgreementDataCategory | typeof AgreementDataSubjectCategory | typeof AgreementRequiredMeasure;
  row: (item: I, entryId: string) => object;
}

const linkList = <I>(list: LinkList<I>) => list as LinkList<unknown>;

/** A category list: vocabulary keys, each with the clause it is from. */
const categoryList = (
  field: "dataCategories" | "dataSubjectCategories",
  vocabulary: typeof DataCategory | typeof DataSubjectCategory,
  table: typeof AgreementDataCategory | typeof AgreementDataSubjectCategory,
  idColumn: "dataCategoryId" | "dataSubjectCategoryId",
) =>
  linkList<CategoryRefInput>({
    field,
    keyName: "key",
    keyOf: (c) => c.key,
    vocabulary,
    table,
    row: (c, entryId) => ({ [idColumn]: entryId, source: c.source ?? null }),
  });

const LINK_LISTS = [
  categoryList("dataCategories", DataCategory, AgreementDataCategory, "dataCategoryId"),
  categoryList("dataSubjectCategories", DataSubjectCategory, AgreementDataSubjectCategory, "dataSubjectCategoryId"),
  linkList<RequiredMeasureInput>({
    field: "requiredMeasures",
    keyName: "measureKey",
    keyOf: (r) => r.measureKey,
    vocabulary: Measure,
    table: AgreementRequiredMeasure,
    row: (r, measureId) => ({ measureId, clauseText: r.clauseText ?? null, source: r.source ?? null }),
  }),
];

/** Checks the link lists the input gives (keys in the vocabulary, none twice) and returns their writes. */
async function replaceLinks(
  ctx: RequestContext,
  agreement: Agreement,
  input: AgreementInput,
  errors: UserError[],
): Promise<() => Promise<void>> {
  const org = ctx.actor.organizationId;
  const given = LINK_LISTS.flatMap((list) => {
    const items = input[list.field] as unknown[] | null | undefined;
    return items ? [{ list, items, keys: items.map(list.keyOf) }] : [];
  });
  const entries: Map<string, { id: string }>[] = [];
  for (const { list, keys } of given)
    entries.push(await resolveKeys(ctx, list.vocabulary, keys, list.field, list.keyName, errors));
  for (const { list, keys } of given) duplicates(keys, list.field, list.keyName, errors);

  // Writes run only after every check passed.
  return async () => {
    for (const [i, { list, items, keys }] of given.entries()) {
      await ctx.manager.delete(list.table, { agreementId: agreement.id });
      await ctx.manager.insert(
        list.table,
        items.map((item, j) => ({
          organizationId: org,
          agreementId: agreement.id,
          ...list.row(item, entries[i].get(keys[j])!.id),
        })),
      );
    }
  };
}

async function applyInput(
  ctx: RequestContext,
  a: Agreement,
  input: AgreementInput,
  errors: UserError[],
): Promise<Agreement | null> {
  applyPatch(a, input, SCALAR_FIELDS);
  if (input.processingCountries !== undefined) a.processingCountries = input.processingCountries ?? [];
  if (input.dataSubjectVolume === null)
    errors.push(
      userError(
        ["input", "dataSubjectVolume"],
        UserErrorCode.REQUIRED,
        "dataSubjectVolume cannot be cleared; use UNKNOWN",
      ),
    );
  if (input.processingNature !== undefined) a.processingNature = [...new Set(input.processingNature ?? [])];
  if (input.confirmedArt28Elements !== undefined)
    a.confirmedArt28Elements = [...new Set(input.confirmedArt28Elements ?? [])];
  applyAuditTerms(a, "processor", input.processorAudit, errors);
  applyAuditTerms(a, "subprocessor", input.subprocessorAudit, errors);
  if (input.sources !== undefined) {
    const sources: Record<string, ClauseSourceValue> = {};
    (input.sources ?? []).forEach((s) => (sources[s.clause] = { reference: s.reference.trim(), note: s.note ?? null }));
    a.clauseSources = sources;
  }
  if (a.effectiveFrom && a.endOn && a.endOn < a.effectiveFrom) {
    errors.push(userError(["input", "endOn"], UserErrorCode.INVALID, "endOn must not be before effectiveFrom"));
  }
  let superseded: Agreement | null = null;
  if (input.supersedesId !== undefined) {
    if (input.supersedesId === null) a.supersedesId = null;
    else {
      superseded = await findByGlobalId(ctx, Agreement, "Agreement", input.supersedesId, ["input", "supersedesId"], {
        forUpdate: true,
      });
      if (superseded.id === a.id)
        errors.push(
          userError(["input", "supersedesId"], UserErrorCode.SELF_REFERENCE, "an agreement cannot supersede itself"),
        );
      else if (superseded.processorId !== a.processorId) {
        errors.push(
          userError(
            ["input", "supersedesId"],
            UserErrorCode.INVALID,
            "the superseded agreement must be with the same processor",
          ),
        );
      } else {
        const loop = supersessionLoopProblem(a, superseded.id, await versionsOf(ctx, a.processorId));
        if (loop) errors.push(userError(["input", "supersedesId"], UserErrorCode.INVALID, loop));
      }
      a.supersedesId = superseded.id;
    }
  }
  return superseded;
}

/**
 * Locks the processor's versions against a concurrent change of what supersedes what: two requests that each
 * check the chain before the other writes could together close a loop (A supersedes B, B supersedes A). Taken
 * before any agreement row lock, so requests queue here and never deadlock on each other's agreement rows. NO KEY
 * UPDATE: inserting other rows that reference the processor (a foreign key's KEY SHARE) does not wait on it.
 */
async function lockVersionsOf(ctx: RequestContext, processorId: string): Promise<void> {
  await ctx.manager.query(`SELECT id FROM processor WHERE organization_id = $1 AND id = $2 FOR NO KEY UPDATE`, [
    ctx.actor.organizationId,
    processorId,
  ]);
}

/** The processor's agreements on file as the supersession chain reads them (tenant-qualified). */
function versionsOf(ctx: RequestContext, processorId: string): Promise<Agreement[]> {
  return ctx.manager.find(Agreement, {
    select: { id: true, supersedesId: true, title: true },
    where: { organizationId: ctx.actor.organizationId, processorId },
  });
}

async function finish(
  ctx: RequestContext,
  a: Agreement,
  input: AgreementInput,
  superseded: Agreement | null,
  errors: UserError[],
): Promise<Agreement> {
  const writeLinks = await replaceLinks(ctx, a, input, errors);
  if (errors.length) throw new UserInputFailure(errors);
  const saved = await ctx.manager.save(a);
  await writeLinks();
  if (superseded && saved.status === AgreementStatus.ACTIVE && superseded.status === AgreementStatus.ACTIVE) {
    superseded.status = AgreementStatus.SUPERSEDED;
    await ctx.manager.save(superseded);
  }
  return saved;
}

export const agreementService = {
  ofInput: agreementOfInput,
  ofProcessor: agreementsOfProcessor,
  async create(ctx: RequestContext, input: CreateAgreementInput): Promise<Agreement> {
    const errors: UserError[] = [];
    const processor = await processorService.ofInput(ctx, input.processorId, ["input", "processorId"]);
    let principalId: string | null = null;
    if (input.principalId) {
      const principal = await processorService.ofInput(ctx, input.principalId, ["input", "principalId"]);
      if (principal.id === processor.id)
        errors.push(
          userError(
            ["input", "principalId"],
            UserErrorCode.SELF_REFERENCE,
            "principalId must differ from processorId: a processor cannot engage itself",
          ),
        );
      principalId = principal.id;
    }
    if (input.kind === AgreementKind.SUBPROCESSOR_AGREEMENT && !principalId) {
      errors.push(
        userError(
          ["input", "principalId"],
          UserErrorCode.REQUIRED,
          "principalId is required for a SUBPROCESSOR_AGREEMENT (the processor that engaged the sub-processor)",
        ),
      );
    }
    if (input.kind === AgreementKind.DPA && principalId) {
      errors.push(
        userError(
          ["input", "principalId"],
          UserErrorCode.INVALID,
          "a DPA is with the controller: leave principalId empty, or use kind SUBPROCESSOR_AGREEMENT",
        ),
      );
    }
    if (!input.title) errors.push(userError(["input", "title"], UserErrorCode.REQUIRED, "title must not be empty"));
    const a = createOwned(ctx, Agreement, {
      processorId: processor.id,
      principalId,
      kind: input.kind,
      status: AgreementStatus.DRAFT,
      processingCountries: [],
      processingNature: [],
      confirmedArt28Elements: [],
      processorAuditMethods: [],
      subprocessorAuditMethods: [],
      clauseSources: {},
      supersedesId: null,
    });
    if (input.supersedesId) await lockVersionsOf(ctx, processor.id);
    const superseded = await applyInput(ctx, a, input, errors);
    return finish(ctx, a, input, superseded, errors);
  },

  async update(ctx: RequestContext, input: UpdateAgreementInput): Promise<Agreement> {
    const errors: UserError[] = [];
    if (input.supersedesId) {
      const named = await findByGlobalId(ctx, Agreement, "Agreement", input.id, ["input", "id"]);
      await lockVersionsOf(ctx, named.processorId);
    }
    const a = await findForUpdateAtVersion(ctx, Agreement, "Agreement", input);
    const superseded = await applyInput(ctx, a, input, errors);
    return finish(ctx, a, input, superseded, errors);
  },

  async archive(ctx: RequestContext, id: string): Promise<Agreement> {
    const a = await findForUpdate(ctx, Agreement, "Agreement", id, ["input", "id"]);
    a.archivedAt = a.archivedAt ?? new Date();
    return ctx.manager.save(a);
  },
};

/** The agreement a global id in an input field names; else a NOT_FOUND userError on that field. */
function agreementOfInput(ctx: RequestContext, globalId: string, field: string[]): Promise<Agreement> {
  return findByGlobalId(ctx, Agreement, "Agreement", globalId, field);
}

/** Every agreement under which a processor processes, archived ones included. */
function agreementsOfProcessor(ctx: RequestContext, processorId: string): Promise<Agreement[]> {
  return ctx.manager.find(Agreement, { where: { processorId } });
}
