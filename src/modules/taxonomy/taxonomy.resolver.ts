import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../context";
import { PayloadMutation } from "../../common/mutation";
import { DataCategory, DataSubjectCategory, Sensitivity } from "./taxonomy.entity";
import { CreateDataCategoryInput } from "./taxonomy.inputs";
import { DataCategoryPayload } from "./taxonomy.types";
import { parentKey } from "./taxonomy.rules";
import { taxonomyService } from "./taxonomy.service";

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
    return taxonomyService.dataCategories(ctx, { sensitivity, keyPrefix });
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

  @PayloadMutation(DataCategoryPayload, "Add a data category of your own under an existing parent.")
  createDataCategory(input: CreateDataCategoryInput, ctx: RequestContext) {
    return taxonomyService.createDataCategory(ctx, input);
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
    return taxonomyService.dataSubjectCategories(ctx, vulnerable);
  }

  @FieldResolver(() => String, { nullable: true, description: "Key of the parent category; null at the top." })
  parentKey(@Root() c: DataSubjectCategory): string | null {
    return parentKey(c.key);
  }
}
