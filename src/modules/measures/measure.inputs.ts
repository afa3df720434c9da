import { Field, ID, InputType } from "type-graphql";
import { IsOptional } from "class-validator";
import { LocalDateResolver } from "graphql-scalars";
import { IsEnumValue, IsNotBlank, MaxLen, oneOf } from "../../common/validation";
import { MeasureStatus } from "./processor-measure.entity";

@InputType({ description: "Set the status of one catalogue measure at one processor (creates or replaces it)." })
export class SetProcessorMeasureInput {
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
