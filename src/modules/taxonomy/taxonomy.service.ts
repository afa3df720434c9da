import { In } from "typeorm";
import type { RequestContext } from "../../context";
import { userError, UserErrorCode, UserInputFailure } from "../../common/errors";
import { DataCategory, DataSubjectCategory, Sensitivity } from "./taxonomy.entity";
import type { CreateDataCategoryInput } from "./taxonomy.inputs";
import { parentKey } from "./taxonomy.rules";

export const taxonomyService = {
  /** The data category vocabulary: the default one plus the organization's own entries, by key. */
  dataCategories(
    ctx: RequestContext,
    filter: { sensitivity?: Sensitivity[] | null; keyPrefix?: string | null },
  ): Promise<DataCategory[]> {
    const qb = ctx.manager.createQueryBuilder(DataCategory, "c").orderBy("c.key");
    if (filter.sensitivity?.length) qb.andWhere("c.sensitivity IN (:...s)", { s: filter.sensitivity });
    if (filter.keyPrefix)
      qb.andWhere("c.key LIKE :p", { p: `${filter.keyPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    return qb.getMany();
  },

  /** The data-subject category vocabulary, by key; only vulnerable (or only other) ones when asked. */
  dataSubjectCategories(ctx: RequestContext, vulnerable?: boolean | null): Promise<DataSubjectCategory[]> {
    const qb = ctx.manager.createQueryBuilder(DataSubjectCategory, "s").orderBy("s.key");
    if (vulnerable !== undefined && vulnerable !== null) qb.andWhere("s.vulnerable = :v", { v: vulnerable });
    return qb.getMany();
  },

  /** An organization's own data category, under an existing parent. */
  async createDataCategory(ctx: RequestContext, input: CreateDataCategoryInput): Promise<DataCategory> {
    const parent = parentKey(input.key);
    const existing = await ctx.manager.find(DataCategory, {
      where: { key: In([input.key, ...(parent ? [parent] : [])]) },
    });
    if (existing.some((c) => c.key === input.key)) {
      throw new UserInputFailure([
        userError(["input", "key"], UserErrorCode.DUPLICATE, `key ${input.key} already exists`),
      ]);
    }
    if (parent && !existing.some((c) => c.key === parent)) {
      throw new UserInputFailure([
        userError(["input", "key"], UserErrorCode.NOT_FOUND, `parent key ${parent} does not exist`),
      ]);
    }
    const c = ctx.manager.create(DataCategory, {
      ...input,
      organizationId: ctx.actor.organizationId,
      description: input.description ?? null,
    });
    return ctx.manager.save(c);
  },
};
