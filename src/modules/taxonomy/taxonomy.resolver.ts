import { Arg, Authorized, Ctx, Field, FieldResolver, InputType, Mutation, Query, Resolver, Root } from "type-graphql";
import { IsOptional, Matches } from "class-validator";
import { In } from "typeorm";
import type { RequestContext } from "../../context";
import { ALLOWED } from "../../common/auth";
import { userError, UserError, UserErrorCode, UserInputFailure } from "../../common/errors";
import { Payload, runMutation } from "../../common/mutation";
import { IsEnumValue, IsNotBlank, MaxLen, oneOf } from "../../common/validation";
import { DataCategory, DataSubjectCategory, Sensitivity } from "./taxonomy.entity";

const KEY = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

function parentKey(key: string): string | null {
  const i = key.lastIndexOf(".");
  return i > 0 ? key.slice(0, i) : null;
}

@InputType({ description: "An organization's own data category, extending the default vocabulary." })
class CreateDataCategoryInput {
  @Field({
    description: "Dotted key (lowercase segments), e.g. user.health_and_medical.sick_leave. Its parent key must exist.",
  })
  @Matches(KEY, { message: "key must be dotted lowercase segments (a-z, 0-9, _), e.g. user.contact.email" })
  @MaxLen(200)
  key: string;

  @Field({ description: "Display name." })
  @IsNotBlank()
  @MaxLen(200)
  name: string;

  @Field(() => String, { nullable: true, description: "What the category covers." })
  @IsOptional()
  @MaxLen(2000)
  description?: string | null;

  @Field(() => String, { description: `Sensitivity tier. ${oneOf(Sensitivity)}` })
  @IsEnumValue(Sensitivity)
  sensitivity: Sensitivity;
}

const DataCategoryPayload = Payload(
  DataCategory,
  "dataCategory",
  "DataCategoryPayload",
  "Result of a data category mutation.",
);

@Resolver(() => DataCategory)
export class DataCategoryResolver {
  @Query(() => [DataCategory], {
    description: "The data category vocabulary: the default one plus your organization's own entries, ordered by key.",
  })
  dataCategories(
    @Ctx() ctx: RequestContext,
    @Arg("sensitivity", () => [Sensitivity], { nullable: true, description: "Only these tiers." })
    sensitivity?: Sensitivity[],
    @Arg("keyPrefix", () => String, { nullable: true, description: "Only keys starting with this prefix." })
    keyPrefix?: string,
  ) {
    const qb = ctx.manager.createQueryBuilder(DataCategory, "c").orderBy("c.key");
    if (sensitivity?.length) qb.andWhere("c.sensitivity IN (:...s)", { s: sensitivity });
    if (keyPrefix) qb.andWhere("c.key LIKE :p", { p: `${keyPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    return qb.getMany();
  }

  @FieldResolver(() => String, { nullable: true, description: "Key of the parent category; null at the top." })
  parentKey(@Root() c: DataCategory): string | null {
    return parentKey(c.key);
  }

  @FieldResolver(() => Boolean, {
    description: "True for your organization's own entries, false for the default vocabulary.",
  })
  custom(@Root() c: DataCategory): boolean {
    return c.organizationId !== null;
  }

  @Authorized(...ALLOWED.write)
  @Mutation(() => DataCategoryPayload, { description: "Add a data category of your own under an existing parent." })
  createDataCategory(
    @Arg("input") input: CreateDataCategoryInput,
    @Ctx() ctx: RequestContext,
  ): Promise<{ dataCategory?: DataCategory; userErrors: UserError[] }> {
    return runMutation(ctx, input, async () => {
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
      return { dataCategory: await ctx.manager.save(c) };
    });
  }
}

@Resolver(() => DataSubjectCategory)
export class DataSubjectCategoryResolver {
  @Query(() => [DataSubjectCategory], { description: "The data-subject category vocabulary, ordered by key." })
  dataSubjectCategories(
    @Ctx() ctx: RequestContext,
    @Arg("vulnerable", () => Boolean, {
      nullable: true,
      description: "Only vulnerable (true) or only other (false) categories.",
    })
    vulnerable?: boolean,
  ) {
    const qb = ctx.manager.createQueryBuilder(DataSubjectCategory, "s").orderBy("s.key");
    if (vulnerable !== undefined && vulnerable !== null) qb.andWhere("s.vulnerable = :v", { v: vulnerable });
    return qb.getMany();
  }

  @FieldResolver(() => String, { nullable: true, description: "Key of the parent category; null at the top." })
  parentKey(@Root() c: DataSubjectCategory): string | null {
    return parentKey(c.key);
  }
}
