import { ArgsType, Field, Int } from "type-graphql";
import { Connection } from "../../common/connection";
import { Payload } from "../../common/mutation";
import { Evidence } from "./evidence.entity";
import { EvidenceFilter } from "./evidence.inputs";

export const EvidenceConnection = Connection(Evidence, "Evidence");

export const EvidencePayload = Payload(Evidence, "evidence", "Result of an evidence mutation.");

export type EvidencePayloadShape = InstanceType<typeof EvidencePayload>;

@ArgsType()
export class EvidenceArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20, description: "Page size, 0–100." })
  first?: number;

  @Field(() => String, { nullable: true, description: "Cursor after which the page starts." })
  after?: string;

  @Field(() => EvidenceFilter, { nullable: true, description: "Filters." })
  filter?: EvidenceFilter;
}
