import { ArgsType, Field } from "type-graphql";
import { Connection, PageArgs } from "../../common/connection";
import { Payload } from "../../common/mutation";
import { Evidence } from "./evidence.entity";
import { EvidenceFilter } from "./evidence.inputs";

export const EvidenceConnection = Connection(Evidence, "Evidence");

export const EvidencePayload = Payload(Evidence, "evidence", "Result of an evidence mutation.");

export type EvidencePayloadShape = InstanceType<typeof EvidencePayload>;

@ArgsType()
export class EvidenceArgs extends PageArgs {
  @Field(() => EvidenceFilter, { nullable: true, description: "Filters." })
  filter?: EvidenceFilter;
}
