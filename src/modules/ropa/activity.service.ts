import type { RequestContext } from "../../context";
import { vocabularyService } from "../taxonomy/vocabulary.service";
import type { VocabularyEntry } from "../taxonomy/taxonomy.rules";
import { failInput, requireInputFields, userError, UserErrorCode, UserInputFailure } from "../../common/errors";
import { applyPatch, findForUpdate, findForUpdateAtVersion } from "../../common/lookup";
import { DataCategory, DataSubjectCategory, Sensitivity } from "../taxonomy/taxonomy.entity";
import {
  ActivityDataCategory,
  ActivityDataSubjectCategory,
  ActivityProcessor,
  ProcessingActivity,
} from "./activity.entity";
import { CreateProcessingActivityInput, UpdateProcessingActivityInput } from "./activity.inputs";
import { processorService } from "../processors/processor.service";
import { ConnectionShape, paginate, sortOn } from "../../common/connection";

const SCALARS: (keyof ProcessingActivity & string)[] = [
  "name",
  "purposes",
  "legalBasis",
  "specialCategoryCondition",
  "criminalDataBasis",
  "legitimateInterests",
  "retention",
  "dataSource",
  "dpiaStatus",
  "dpiaLink",
  "automatedDecisionMaking",
  "tomDescription",
  "jointController",
  "source",
];

type Input = CreateProcessingActivityInput | UpdateProcessingActivityInput;

/** The vocabulary entries in force for the keys (see vocabularyService.entriesByKey); an unknown key fails `field`. */
async function byKeys<T extends VocabularyEntry>(
  ctx: RequestContext,
  entity: typeof DataCategory | typeof DataSubjectCategory,
  keys: string[],
  field: string,
): Promise<Map<string, T>> {
  const map = (await vocabularyService.entriesByKey(ctx, entity, keys)) as unknown as Map<string, T>;
  const unknown = keys.filter((k) => !map.has(k));
  if (unknown.length) failInput(field, UserErrorCode.NOT_FOUND, `${field} names unknown keys: ${unknown.join(", ")}`);
  return map;
}

async function saveLinks(ctx: RequestContext, a: ProcessingActivity, input: Input): Promise<void> {
  const org = ctx.actor.organizationId;
  const m = ctx.manager;
  if (input.processorIds !== undefined) {
    const ids: string[] = [];
    for (const [i, gid] of (input.processorIds ?? []).entries())
      ids.push((await processorService.ofInput(ctx, gid, ["input", "processorIds", String(i)])).id);
    await m.delete(ActivityProcessor, { activityId: a.id });
    if (ids.length)
      await m.insert(
        ActivityProcessor,
        [...new Set(ids)].map((processorId) => ({ organizationId: org, activityId: a.id, processorId })),
      );
  }
  if (input.dataSubjectCategoryKeys !== undefined) {
    const keys = [...new Set(input.dataSubjectCategoryKeys ?? [])];
    const map = await byKeys<DataSubjectCategory>(ctx, DataSubjectCategory, keys, "dataSubjectCategoryKeys");
    await m.delete(ActivityDataSubjectCategory, { activityId: a.id });
    if (keys.length)
      await m.insert(
        ActivityDataSubjectCategory,
        keys.map((k) => ({ organizationId: org, activityId: a.id, dataSubjectCategoryId: map.get(k)!.id })),
      );
  }
  if (input.dataCategories !== undefined) {
    const list = input.dataCategories ?? [];
    const map = await byKeys<DataCategory>(ctx, DataCategory, [...new Set(list.map((c) => c.key))], "dataCategories");
    await m.delete(ActivityDataCategory, { activityId: a.id });
    const seen = new Set<string>();
    const rows = list
      .filter((c) => !seen.has(c.key) && seen.add(c.key))
      .map((c) => ({
        organizationId: org,
        activityId: a.id,
        dataCategoryId: map.get(c.key)!.id,
        retention: c.retention?.trim() || null,
      }));
    if (rows.length) await m.insert(ActivityDataCategory, rows);
  }
}

/** Art. 9 and art. 10 data need their condition: checked on what the activity holds after the change. */
async function checkSensitiveConditions(ctx: RequestContext, a: ProcessingActivity): Promise<void> {
  const rows: { sensitivity: Sensitivity; key: string }[] = await ctx.manager.query(
    `SELECT dc.sensitivity, dc.key FROM processing_activity_data_category l JOIN data_category dc ON dc.id = ` +
      `l.data_category_id WHERE l.activity_id = $1`,
    [a.id],
  );
  const errors = [];
  const special = rows.filter((r) => r.sensitivity === Sensitivity.SPECIAL).map((r) => r.key);
  if (special.length && !a.specialCategoryCondition) {
    errors.push(
      userError(
        ["input", "specialCategoryCondition"],
        UserErrorCode.REQUIRED,
        `specialCategoryCondition (an art. 9(2) condition) is required: the activity processes special categories ` +
          `(${special.join(", ")})`,
      ),
    );
  }
  const criminal = rows.filter((r) => r.sensitivity === Sensitivity.CRIMINAL).map((r) => r.key);
  if (criminal.length && !a.criminalDataBasis) {
    errors.push(
      userError(
        ["input", "criminalDataBasis"],
        UserErrorCode.REQUIRED,
        "criminalDataBasis (art. 10) is required: the activity processes criminal-offence data " +
          `(${criminal.join(", ")})`,
      ),
    );
  }
  if (errors.length) throw new UserInputFailure(errors);
}

async function write(ctx: RequestContext, a: ProcessingActivity, input: Input): Promise<ProcessingActivity> {
  applyPatch(a, input, SCALARS);
  if (input.otherRecipients !== undefined)
    a.otherRecipients = (input.otherRecipients ?? []).map((r) => r.trim()).filter(Boolean);
  const saved = await ctx.manager.save(a);
  await saveLinks(ctx, saved, input);
  await checkSensitiveConditions(ctx, saved);
  return saved;
}

export const activityService = {
  /** The organization's processing activities, by name, a page at a time. */
  list(
    ctx: RequestContext,
    args: { first?: number | null; after?: string | null; includeArchived?: boolean | null },
  ): Promise<ConnectionShape<ProcessingActivity>> {
    const qb = ctx.manager.createQueryBuilder(ProcessingActivity, "a");
    if (!args.includeArchived) qb.andWhere("a.archived_at IS NULL");
    return paginate(qb, { ...args, ...sortOn(qb, "name", "ASC") });
  },

  async create(ctx: RequestContext, input: CreateProcessingActivityInput): Promise<ProcessingActivity> {
    requireInputFields(input, ["name"]);
    return write(
      ctx,
      ctx.manager.create(ProcessingActivity, {
        organizationId: ctx.actor.organizationId,
        otherRecipients: [],
        archivedAt: null,
      }),
      input,
    );
  },

  async update(ctx: RequestContext, input: UpdateProcessingActivityInput): Promise<ProcessingActivity> {
    const a = await findForUpdateAtVersion(ctx, ProcessingActivity, "ProcessingActivity", input);
    if (input.name === null) failInput("name", UserErrorCode.REQUIRED, "name cannot be cleared");
    return write(ctx, a, input);
  },

  async archive(ctx: RequestContext, id: string): Promise<ProcessingActivity> {
    const a = await findForUpdate(ctx, ProcessingActivity, "ProcessingActivity", id, ["input", "id"]);
    a.archivedAt = a.archivedAt ?? new Date();
    return ctx.manager.save(a);
  },
};
