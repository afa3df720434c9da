import { Arg, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import { loadFound } from "../../common/loader-kit";
import { subSelections } from "../../common/hydrate";
import { LocalDateScalar } from "../../common/scalars";
import type { RequestContext } from "../../context";
import { todayIso } from "../../common/dates";
import { Processor } from "../processors/processor.entity";
import { SubprocessorEngagement } from "../subprocessors/engagement.entity";
import { Agreement } from "../agreements/agreement.entity";
import { ThirdCountryTransfers } from "../agreements/agreement.enums";
import { TransferMechanism } from "../subprocessors/engagement.entity";
import { adequacyDecisionsOn, eeaCountriesOn, TRANSFER_RULES } from "../transfers/transfer-rules";
import {
  AdequacyDecision,
  ProcessorChain,
  SubprocessorConcentration,
  SubprocessorTreeNode,
  TransferExposure,
  TransferFinding,
  TransferHop,
  TransferRules,
} from "./chain.types";
import { chainService, MAX_TREE_DEPTH, treeColumnsAsked, UPSTREAM_ROW_LIMIT } from "./chain.service";
import { TransferExposureFilter } from "./chain.types";

function processorsByIds(ctx: RequestContext, ids: string[]): Promise<Processor[]> {
  return loadFound(ctx.loaders.processorById, ids);
}

@Resolver(() => Processor)
export class ProcessorChainResolver {
  @FieldResolver(() => [SubprocessorTreeNode], {
    description:
      `Every processor below this one, depth first (siblings by name), with depth, path, the engagement that ` +
      `reached it and a cycle flag. One SQL statement. maxDepth 1–${MAX_TREE_DEPTH}. A processor reached along two ` +
      `chains appears once per chain.`,
  })
  subprocessorTree(
    @Root() p: Processor,
    @Ctx() ctx: RequestContext,
    @Arg("maxDepth", () => Int, { defaultValue: 10, description: `Levels to follow, 1–${MAX_TREE_DEPTH}.` })
    maxDepth: number,
    @Arg("asOf", () => LocalDateScalar, {
      nullable: true,
      description: "The tree as it stood on this date, from the engagement history. Default: today.",
    })
    asOf: string | null,
    @Info() info: GraphQLResolveInfo,
  ) {
    const columns = treeColumnsAsked(ctx.manager, info.fieldNodes, info.fragments);
    return chainService.subtree(ctx, p.id, maxDepth, asOf ?? null, columns, info.operation.operation === "query");
  }

  @FieldResolver(() => [ProcessorChain], {
    description:
      "The chains that lead from the controller's direct processors down to this processor, shortest first (a " +
      `shared sub-processor appears under many vendors). More than ${UPSTREAM_ROW_LIMIT} chains and parts of ` +
      `chains within ${MAX_TREE_DEPTH} levels are refused (BAD_USER_INPUT), never cut.`,
  })
  upstream(@Root() p: Processor, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    // How many times each chain's processors and engagements are asked (aliases count; unknown: once each).
    const asked = (name: string) =>
      subSelections(
        info.fieldNodes.map((f) => f.selectionSet),
        name,
        info.fragments,
      );
    const times = (name: string) => asked(name)?.length ?? 1;
    return chainService.upstream(ctx, p.id, { processors: times("processors"), engagements: times("engagements") });
  }

  @FieldResolver(() => TransferExposure, {
    description:
      "Transfers out of the EEA in this processor's own processing and its whole sub-processor tree: countries " +
      "reached, worst hop, hops without a valid mechanism and breaches of a DPA that prohibits transfers, each " +
      "with its chain.",
  })
  transferExposure(
    @Root() p: Processor,
    @Ctx() ctx: RequestContext,
    @Arg("asOf", () => LocalDateScalar, {
      nullable: true,
      description: "Evaluate the chain and the adequacy list as they stood on this date. Default: today.",
    })
    asOf: string | null,
  ) {
    return chainService.exposure(ctx, p, asOf ?? null);
  }

  @Query(() => [TransferExposure], {
    name: "transferExposure",
    description:
      "The controller's direct processors whose chains reach the given country or class (all direct processors " +
      "without a filter), by name.",
  })
  directTransferExposure(
    @Ctx() ctx: RequestContext,
    @Arg("filter", () => TransferExposureFilter, { nullable: true }) filter: TransferExposureFilter | null,
    @Arg("asOf", () => LocalDateScalar, { nullable: true, description: "Evaluate as of this date. Default: today." })
    asOf: string | null,
  ) {
    return chainService.directExposures(ctx, filter ?? {}, asOf ?? null);
  }

  @Query(() => [SubprocessorConcentration], {
    description:
      "Fourth-party concentration: the sub-processors reached from the most direct processors, most shared first.",
  })
  subprocessorConcentration(
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { defaultValue: 10, description: "How many, 1–100." }) first: number,
  ) {
    return chainService.concentration(ctx, first);
  }

  @Query(() => TransferRules, {
    description: "The EEA membership and adequacy decisions tilsyn applies, as in force on a date.",
  })
  transferRules(
    @Arg("asOf", () => LocalDateScalar, { nullable: true, description: "Default: today." }) asOf: string | null,
  ): TransferRules {
    const on = asOf ?? todayIso();
    return Object.assign(new TransferRules(), {
      version: TRANSFER_RULES.version,
      asOf: on,
      eeaCountries: eeaCountriesOn(on),
      adequacyDecisions: adequacyDecisionsOn(on).map(AdequacyDecision.from),
      sources: TRANSFER_RULES.sources,
    });
  }
}

@Resolver(() => SubprocessorTreeNode)
export class SubprocessorTreeNodeResolver {
  @FieldResolver(() => Processor, { description: "The processor one level up that engages this one." })
  parent(@Root() n: SubprocessorTreeNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.processorById.load(n.engagement.processorId);
  }
}

@Resolver(() => ProcessorChain)
export class ProcessorChainTypeResolver {
  @FieldResolver(() => [Processor], { description: "The processors of the chain, from the direct processor down." })
  processors(@Root() c: ProcessorChain, @Ctx() ctx: RequestContext) {
    return processorsByIds(ctx, c.processorIds);
  }

  @FieldResolver(() => [SubprocessorEngagement], { description: "The engagements of the chain, top down." })
  engagements(@Root() c: ProcessorChain, @Ctx() ctx: RequestContext) {
    return loadFound(ctx.loaders.engagementById, c.engagementIds);
  }
}

@Resolver(() => TransferHop)
export class TransferHopResolver {
  @FieldResolver(() => Processor, {
    nullable: true,
    description:
      "The engaging processor; null for the processor's own processing (the controller hands the data over).",
  })
  from(@Root() h: TransferHop, @Ctx() ctx: RequestContext) {
    return h.hop.fromProcessorId ? ctx.loaders.processorById.load(h.hop.fromProcessorId) : null;
  }

  @FieldResolver(() => Processor, { description: "The recipient of the hop." })
  to(@Root() h: TransferHop, @Ctx() ctx: RequestContext) {
    return ctx.loaders.processorById.load(h.hop.toProcessorId);
  }

  @FieldResolver(() => [Processor], { description: "The chain from the assessed processor to the recipient." })
  path(@Root() h: TransferHop, @Ctx() ctx: RequestContext) {
    return processorsByIds(ctx, h.hop.path);
  }

  @FieldResolver(() => SubprocessorEngagement, {
    nullable: true,
    description: "The engagement; null for the processor's own processing.",
  })
  engagement(@Root() h: TransferHop, @Ctx() ctx: RequestContext) {
    return h.hop.engagementId ? ctx.loaders.engagementById.load(h.hop.engagementId) : null;
  }

  @FieldResolver(() => TransferMechanism, {
    nullable: true,
    description:
      "The mechanism the engagement records; null for the processor's own processing (agreements record no mechanism).",
  })
  mechanism(@Root() h: TransferHop) {
    return h.hop.mechanism;
  }

  @FieldResolver(() => Agreement, {
    nullable: true,
    description:
      "The agreement that governs the hop: the one the engagement names, else the one in force for the engaging " +
      "processor.",
  })
  agreement(@Root() h: TransferHop, @Ctx() ctx: RequestContext) {
    return h.hop.agreementId ? ctx.loaders.agreementById.load(h.hop.agreementId) : null;
  }

  @FieldResolver(() => ThirdCountryTransfers, {
    nullable: true,
    description:
      "The third-country clause that binds the hop: the strictest on its chain, from the assessed processor's " +
      "agreement in force down to the hop's own agreement (art. 28(4): the same obligations flow down the chain). " +
      "policyAgreement names the agreement it comes from.",
  })
  agreementPolicy(@Root() h: TransferHop) {
    return h.hop.agreementPolicy;
  }

  @FieldResolver(() => Agreement, {
    nullable: true,
    description:
      "The agreement whose third-country clause binds the hop (agreementPolicy): the hop's own agreement, or one " +
      "above it in the chain whose clause is stricter, e.g. the controller's DPA with the assessed processor.",
  })
  policyAgreement(@Root() h: TransferHop, @Ctx() ctx: RequestContext) {
    return h.hop.policyAgreementId ? ctx.loaders.agreementById.load(h.hop.policyAgreementId) : null;
  }

  @FieldResolver(() => Boolean, {
    description:
      "True when agreementPolicy comes from an agreement above the hop (policyAgreement), not from the hop's own.",
  })
  policyInherited(@Root() h: TransferHop) {
    return h.hop.policyAgreementId !== null && h.hop.policyAgreementId !== h.hop.agreementId;
  }
}

@Resolver(() => TransferFinding)
export class TransferFindingResolver {
  @FieldResolver(() => Int, { description: "Depth of the hop (0 = the processor's own processing)." })
  depth(@Root() f: TransferFinding) {
    return f.hop.depth;
  }

  @FieldResolver(() => [Processor], {
    description: "The chain from the assessed processor to the recipient of the hop.",
  })
  path(@Root() f: TransferFinding, @Ctx() ctx: RequestContext) {
    return processorsByIds(ctx, f.hop.path);
  }

  @FieldResolver(() => SubprocessorEngagement, {
    nullable: true,
    description: "The engagement; null for the processor's own processing.",
  })
  engagement(@Root() f: TransferFinding, @Ctx() ctx: RequestContext) {
    return f.hop.engagementId ? ctx.loaders.engagementById.load(f.hop.engagementId) : null;
  }
}

@Resolver(() => TransferExposure)
export class TransferExposureResolver {
  @FieldResolver(() => Processor, { description: "The processor assessed." })
  processor(@Root() x: TransferExposure, @Ctx() ctx: RequestContext) {
    return ctx.loaders.processorById.load(x.processorId);
  }
}

@Resolver(() => SubprocessorConcentration)
export class SubprocessorConcentrationResolver {
  @FieldResolver(() => Processor, { description: "The shared sub-processor." })
  subprocessor(@Root() c: SubprocessorConcentration, @Ctx() ctx: RequestContext) {
    return ctx.loaders.processorById.load(c.subprocessorId);
  }

  @FieldResolver(() => [Processor], { description: "The direct processors whose chains reach it." })
  directProcessors(@Root() c: SubprocessorConcentration, @Ctx() ctx: RequestContext) {
    return processorsByIds(ctx, c.directProcessorIds);
  }
}
