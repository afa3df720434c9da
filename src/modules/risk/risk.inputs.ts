import { Field, InputType } from "type-graphql";
import { JSONObjectResolver } from "graphql-scalars";
import { IsOptional } from "class-validator";
import { IsNotBlank, MaxLen } from "../../common/validation";

@InputType({
  description:
    "A new version of the organization's risk model. Its definition has the shape of the default (see riskModels).",
})
export class SaveRiskModelInput {
  @Field({ description: 'A new version name, e.g. "acme-2027"; versions are never overwritten.' })
  @IsNotBlank()
  @MaxLen(50)
  version: string;

  @Field(() => JSONObjectResolver, {
    description:
      "Weights, caps and thresholds: every parameter of the default model, as numbers, keeping the model's rules " +
      "(docs/risk-model.md); it is stored under the version saved, whatever version it names.",
  })
  definition: Record<string, unknown>;

  @Field(() => String, { nullable: true, description: "What changed and why." })
  @IsOptional()
  @MaxLen(5000)
  note?: string | null;
}
