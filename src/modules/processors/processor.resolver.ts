import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import { FieldNode, getArgumentValues, GraphQLObjectType, GraphQLResolveInfo, Kind } from "graphql";
import { chainService, treeColumnsAsked } from "../chains/chain.service";
import { LocalDateScalar } from "../../common/scalars";
import type { RequestContext } from "../../context";
import { linked, LoadedField } from "../../common/reference";
import { nodeFieldsOf } from "../../common/connection";
import { readAheadFor, readsAhead } from "../../common/loader-kit";
import { decodeIdOf } from "../../common/global-id";
import { LifecycleMutations } from "../../common/mutation";
import { Processor } from "./processor.entity";
import { CreateProcessorInput, UpdateProcessorInput } from "./processor.inputs";
import { processorService } from "./processor.service";
import { Agreement } from "../agreements/agreement.entity";
import { currentAgreementOf } from "../agreements/agreement.rules";
import { todayIso } from "../../common/dates";
import { SubprocessorEngagement } from "../subprocessors/engagement.entity";
import { endedByDay } from "../subprocessors/engagement.rules";
import { DataCategory } from "../taxonomy/taxonomy.entity";
import { ProcessorMeasure } from "../measures/processor-measure.entity";
import { ProcessorConnection, ProcessorPayload, ProcessorsArgs } from "./processor.types";

/** The arguments of the one subprocessorTree selected directly under processor(id), if there is exactly one. */
function treeAskedFor(info: GraphQLResolveInfo): { maxDepth: number; asOf: string | null; tree: FieldNode } | null {
  const selections = info.fieldNodes[0].selectionSet?.selections ?? [];
  const trees = selections.filter((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === "subprocessorTree");
  if (trees.length !== 1) return null;
  const definition = (info.schema.getType("Processor") as GraphQLObjectType).getFields().subprocessorTree;
  try {
    const args = getArgumentValues(definition, trees[0], info.variableValues);
    return {
      maxDepth: args.maxDepth as number,
      asOf: (args.asOf as string | null | undefined) ?? null,
      tree: trees[0],
    };
  } catch {
    return null; // bad arguments: the field itself reports them
  }
}

readsAhead("Processor", {
  agreements: ["agreementsByProcessor"],
  currentAgreement: ["agreementsByProcessor"],
  subprocessorCount: ["subprocessorCountByProcessor"],
  dataCategories: ["dataCategoriesByProcessor"],
});

@Resolver(() => Processor)
@LifecycleMutations(ProcessorPayload, processorService, {
  create: [CreateProcessorInput, "Register a processor (vendor or sub-processor)."],
  update: [UpdateProcessorInput, "Change a processor."],
  archive: "Archive a processor; it is kept for the record but hidden from lists.",
})
export class ProcessorResolver {
  @Query(() => ProcessorConnection, { description: "The organization's processors: vendors and sub-processors." })
  async processors(@Args() args: ProcessorsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    const page = await processorService.list(ctx, args);
    // The page's nested fields in one round trip (their loaders' statements together), not one per loader.
    const ids = page.edges.map((e) => e.node.id);
    await readAheadFor(ctx, "Processor", nodeFieldsOf(info), ids);
    return page;
  }

  @Query(() => Processor, {
    nullable: true,
    description: "One processor by id; null when it does not exist in your organization.",
  })
  async processor(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    const uuid = decodeIdOf("Processor", id);
    if (!uuid) return null;
    const tree = treeAskedFor(info);
    const found = tree
      ? await chainService.processorWithTree(
          ctx,
          uuid,
          tree.maxDepth,
          tree.asOf,
          treeColumnsAsked(ctx.manager, [tree.tree], info.fragments),
        )
      : undefined;
    return found !== undefined ? found : ctx.loaders.processorById.load(uuid);
  }

  @LoadedField(() => [Agreement], {
    description: "Agreements under which this processor processes data (as the processing party), newest first.",
  })
  agreements = linked("agreementsByProcessor");

  @FieldResolver(() => Agreement, {
    nullable: true,
    description:
      "The agreement in force for this processor today (effectiveFrom on or before today, endOn unset or on or " +
      "after today, and ACTIVE, or SUPERSEDED by a version that takes effect after today: an old version binds " +
      "until its successor's effectiveFrom): the controller's DPA if one is in force, otherwise the " +
      "sub-processor agreement in force. Null when none is in force, also when an expired or future one is on " +
      "file (see agreements).",
  })
  async currentAgreement(@Root() p: Processor, @Ctx() ctx: RequestContext) {
    return currentAgreementOf(await ctx.loaders.agreementsByProcessor.load(p.id), todayIso());
  }

  @FieldResolver(() => [SubprocessorEngagement], {
    description:
      "Direct sub-processor engagements (one level down). Ended engagements (REMOVED, removedOn passed) are left " +
      "out unless includeRemoved is true; one whose removal is scheduled is listed until removedOn. With asOf: the " +
      "engagements that were approved on that date, as recorded then (from the engagement history).",
  })
  async subprocessors(
    @Root() p: Processor,
    @Ctx() ctx: RequestContext,
    @Arg("includeRemoved", {
      defaultValue: false,
      description: "Include engagements with status REMOVED (ignored with asOf).",
    })
    includeRemoved: boolean,
    @Arg("asOf", () => LocalDateScalar, {
      nullable: true,
      description: "The approved list as it stood on this date.",
    })
    asOf: string | null,
  ) {
    if (asOf) return ctx.loaders.engagementsAsOf.load(`${asOf}|${p.id}`);
    const edges = await ctx.loaders.engagementsByProcessor.load(p.id);
    if (includeRemoved) return edges;
    const today = todayIso();
    return edges.filter((e) => !endedByDay(e, today)); // a removal scheduled for a later day has not ended yet
  }

  @FieldResolver(() => Int, {
    description: "How many sub-processors are in the chain one level down today (approved, or accepted by silence).",
  })
  subprocessorCount(@Root() p: Processor, @Ctx() ctx: RequestContext) {
    return ctx.loaders.subprocessorCountByProcessor.load(p.id);
  }

  @LoadedField(() => [DataCategory], {
    description: "Data categories entrusted to the processor under its agreements in force.",
  })
  dataCategories = linked("dataCategoriesByProcessor");

  @LoadedField(() => [ProcessorMeasure], {
    description: "Security measures and their implementation status at this processor.",
  })
  measures = linked("measuresByProcessor");
}
