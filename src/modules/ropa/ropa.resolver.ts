import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { loadFound } from "../../common/loader-kit";
import { LocalDateScalar } from "../../common/scalars";
import type { RequestContext } from "../../context";
import { LoadedField, reference } from "../../common/reference";
import { toGlobalId } from "../../common/global-id";
import { LifecycleMutations } from "../../common/mutation";
import { Processor } from "../processors/processor.entity";
import { DataCategory, DataSubjectCategory } from "../taxonomy/taxonomy.entity";
import { SubprocessorEngagement } from "../subprocessors/engagement.entity";
import { Evidence } from "../evidence/evidence.entity";
import { ProcessingActivity } from "./activity.entity";
import { CreateProcessingActivityInput, UpdateProcessingActivityInput } from "./activity.inputs";
import { activityService } from "./activity.service";
import { ProcessingRecord, RecordFilter, RecordRecipient, RecordsOfProcessing, RecordTransfer } from "./record.types";
import { recordService } from "./record.service";
import { ActivityConnection, ActivityPayload, ActivityCategory, ActivitiesArgs } from "./ropa.types";

@Resolver(() => ProcessingActivity)
@LifecycleMutations(ActivityPayload, activityService, {
  create: [
    CreateProcessingActivityInput,
    "Record a processing activity. Special categories need an art. 9(2) condition, criminal-offence data an " +
      "art. 10 basis.",
  ],
  update: [UpdateProcessingActivityInput, "Change a processing activity."],
  archive: "Archive (end) a processing activity; it stays in the record of earlier dates.",
})
export class ProcessingActivityResolver {
  @Query(() => RecordsOfProcessing, {
    description:
      "The controller's art. 30(1) record: one entry per activity with derived recipients (processors and every " +
      "sub-processor in their trees) and transfers, and what is missing. With asOf, rebuilt from history as it " +
      "stood that day. Also GET /exports/ropa.csv|.xlsx|.json.",
  })
  recordsOfProcessing(
    @Ctx() ctx: RequestContext,
    @Arg("asOf", () => LocalDateScalar, { nullable: true, description: "Default: today." }) asOf: string | null,
    @Arg("filter", () => RecordFilter, { nullable: true }) filter: RecordFilter | null,
  ) {
    return recordService.recordsOfProcessing(ctx, { asOf, filter });
  }

  @Query(() => ActivityConnection, { description: "The organization's processing activities, by name." })
  processingActivities(@Args() args: ActivitiesArgs, @Ctx() ctx: RequestContext) {
    return activityService.list(ctx, args);
  }

  @FieldResolver(() => [Processor], { description: "The processors the activity uses." })
  async processors(@Root() a: ProcessingActivity, @Ctx() ctx: RequestContext) {
    const links = await ctx.loaders.processorLinksByActivity.load(a.id);
    return loadFound(
      ctx.loaders.processorById,
      links.map((l) => l.processorId),
    );
  }

  @FieldResolver(() => [ActivityCategory], { description: "Categories of personal data." })
  async dataCategories(@Root() a: ProcessingActivity, @Ctx() ctx: RequestContext) {
    const links = await ctx.loaders.dataCategoryLinksByActivity.load(a.id);
    const cats = await ctx.loaders.dataCategoryById.loadMany(links.map((l) => l.dataCategoryId));
    return links
      .map((l, i) => Object.assign(new ActivityCategory(), { category: cats[i], retention: l.retention }))
      .filter((c) => c.category instanceof DataCategory);
  }

  @FieldResolver(() => [DataSubjectCategory], { description: "Categories of data subjects." })
  async dataSubjectCategories(@Root() a: ProcessingActivity, @Ctx() ctx: RequestContext) {
    const links = await ctx.loaders.dataSubjectLinksByActivity.load(a.id);
    return loadFound(
      ctx.loaders.dataSubjectCategoryById,
      links.map((l) => l.dataSubjectCategoryId),
    );
  }
}

@Resolver(() => ProcessingRecord)
export class ProcessingRecordResolver {
  @FieldResolver(() => ID, { description: "The activity's global id." })
  activityId(@Root() r: ProcessingRecord) {
    return toGlobalId("ProcessingActivity", r.activityId);
  }
}

@Resolver(() => RecordRecipient)
export class RecordRecipientResolver {
  @LoadedField(() => Processor, { nullable: true, description: "The recipient as a processor record." })
  processor = reference("processorById", (r: RecordRecipient) => r.processorId);
}

@Resolver(() => RecordTransfer)
export class RecordTransferResolver {
  @LoadedField(() => SubprocessorEngagement, {
    nullable: true,
    description: "The engagement (null for the processor's own processing).",
  })
  engagement = reference("engagementById", (t: RecordTransfer) => t.engagementId);

  @FieldResolver(() => [Evidence], {
    description: "Evidence of the safeguard: the files attached to the agreement that governs the hop.",
  })
  safeguardEvidence(@Root() t: RecordTransfer, @Ctx() ctx: RequestContext) {
    return t.agreementId ? ctx.loaders.evidenceByAgreement.load(t.agreementId) : [];
  }
}
