import { ArgsType } from "type-graphql";
import { Connection, FilteredPageArgs } from "../../common/connection";
import { Payload } from "../../common/mutation";
import { Evidence } from "./evidence.entity";
import { EvidenceFilter } from "./evidence.inputs";

export const EvidenceConnection = Connection(Evidence, "Evidence");

export const EvidencePayload = Payload(Evidence, "evidence", "Result of an evidence mutation.");

@ArgsType()
export class EvidenceArgs extends FilteredPageArgs(EvidenceFilter) {}
