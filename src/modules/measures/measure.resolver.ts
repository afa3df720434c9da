import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { IsOptional } from "class-validator";
import { LocalDateResolver } from "graphql-scalars";
import type { RequestContext } from "../../context";
import { ALLOWED } from "../../common/auth";
import { userError, UserError, UserErrorCode, UserInputFailure } from "../../common/errors";
import { findByGlobalId, upsertLocked } from "../../common/lookup";
import { Payload, runMutation } from "../../common/mutation";
import { IsEnumValue, IsNotBlank, MaxLen, oneOf } from "../../common/validation";
import { Processor } from "../processors/processor.entity";
import { Measure, MeasureKind } from "./measure.entity";
import { MeasureStatus, ProcessorMeasure } from "./processor-measure.entity";

@InputType({ description: "Set the status of one catalogue measure at one processor (creates or replaces it)." })
class SetProcessorMeasureInput {
  @Field(() => ID, { description: "The processor." })
  processorId: string;

  @Field({ description: "Measure key from the TOM catalogue." })
  @IsNotBlank({ message: "measureKey must not be empty" })
  @MaxLen(200)
  measureKey: string;

  @Field(() => String, { description: `Status. ${oneOf(MeasureStatus)}` })
  @IsEnumValue(MeasureStatus)
  status: MeasureStatus;

  @Field(() => String, { nullable: true, description: "What shows the status." })
  @IsOptional()
  @MaxLen(5000)
  evidence?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "When it was verified." })
  verifiedOn?: string | null;

  @Field(() => String, { nullable: true, description: "Source (document and clause)." })
  @IsOptional()
  @MaxLen(1000)
  source?: string | null;
}

const ProcessorMeasurePayload = Payload(
  ProcessorMeasure,
  "processorMeasure",
  "ProcessorMeasurePayload",
  "Result of setting a processor's measure.",
);

@Resolver(() => Measure)
export class MeasureResolver {
  @Query(() => [Measure], { description: "The TOM catalogue (art. 32), ordered by key." })
  measures(
    @Ctx() ctx: RequestContext,
    @Arg("kind", () => MeasureKind, { nullable: true, description: "Only this kind." }) kind?: MeasureKind,
  ) {
    const qb = ctx.manager.createQueryBuilder(Measure, "m").orderBy("m.key");
    if (kind) qb.andWhere("m.kind = :kind", { kind });
    return qb.getMany();
  }
}

@Resolver(() => ProcessorMeasure)
export class ProcessorMeasureResolver {
  @FieldResolver(() => Measure, { description: "The catalogue measure." })
  measure(@Root() pm: ProcessorMeasure, @Ctx() ctx: RequestContext) {
    return ctx.loaders.measureById.load(pm.measureId);
  }

  @FieldResolver(() => Processor, { description: "The processor." })
  processor(@Root() pm: ProcessorMeasure, @Ctx() ctx: RequestContext) {
    return ctx.loaders.processorById.load(pm.processorId);
  }

  @Authorized(...ALLOWED.write)
  @Mutation(() => ProcessorMeasurePayload, { description: "Record how far a processor has implemented a measure." })
  setProcessorMeasure(
    @Arg("input") input: SetProcessorMeasureInput,
    @Ctx() ctx: RequestContext,
  ): Promise<{ processorMeasure?: ProcessorMeasure; userErrors: UserError[] }> {
    return runMutation(ctx, input, async () => {
      const processor = await findByGlobalId(ctx, Processor, "Processor", input.processorId, ["input", "processorId"]);
      const measures = await ctx.manager.find(Measure, { where: { key: input.measureKey } });
      const measure = measures.find((m) => m.organizationId) ?? measures[0];
      if (!measure)
        throw new UserInputFailure([
          userError(
            ["input", "measureKey"],
            UserErrorCode.NOT_FOUND,
            `measureKey "${input.measureKey}" is not in the catalogue`,
          ),
        ]);
      const values = {
        status: input.status,
        evidence: input.evidence ?? null,
        verifiedOn: input.verifiedOn ?? null,
        source: input.source ?? null,
      };
      return {
        processorMeasure: await upsertLocked(
          ctx,
          ProcessorMeasure,
          { processorId: processor.id, measureId: measure.id },
          values,
        ),
      };
    });
  }
}
