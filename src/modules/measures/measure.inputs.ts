import { Field, ID, InputType } from "type-graphql";
import { IsEnumValue, IsNotBlank, MaxLen, oneOf, OptionalDate, OptionalText } from "../../common/validation";
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

  @OptionalText(5000, "What shows the status.")
  evidence?: string | null;

  @OptionalDate("When it was verified.")
  verifiedOn?: string | null;

  @OptionalText(1000, "Source (document and clause).")
  source?: string | null;
}
