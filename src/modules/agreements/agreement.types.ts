import { Field, Int, ObjectType } from "type-graphql";
import { AuditCostBearer, SupervisionMethod } from "./agreement.enums";
import { Payload } from "../../common/mutation";
import { Agreement } from "./agreement.entity";

@ObjectType({ description: "Audit and inspection terms (Bilag C.7 / C.8)." })
export class AuditTerms {
  @Field(() => [SupervisionMethod], { description: "Methods the agreement accepts or requires." })
  methods: SupervisionMethod[];

  @Field(() => Int, { nullable: true, description: "Months between audits." })
  intervalMonths: number | null;

  @Field(() => String, { nullable: true, description: "Fixed due day each year (MM-DD), e.g. 01-01." })
  dueDay: string | null;

  @Field(() => Int, { nullable: true, description: "Days of notice before an inspection." })
  noticeDays: number | null;

  @Field(() => AuditCostBearer, { nullable: true, description: "Who pays for the audit." })
  paidBy: AuditCostBearer | null;
}

@ObjectType({ description: "Where processing may take place (Bilag C.5)." })
export class ProcessingLocations {
  @Field(() => [String], { description: "Countries (ISO 3166-1 alpha-2)." })
  countries: string[];

  @Field(() => String, { nullable: true, description: "The locations as the agreement words them." })
  description: string | null;
}

@ObjectType({ description: "Where one clause value of an agreement comes from." })
export class ClauseSource {
  @Field({ description: "The clause value, by field name (e.g. breachNotificationHours)." })
  clause: string;

  @Field({ description: 'Document and clause reference, e.g. "capturi-dpa.da.txt §10.2".' })
  reference: string;

  @Field(() => String, { nullable: true, description: "A quote, a translation, or why a value was chosen." })
  note: string | null;
}

export const AgreementPayload = Payload(Agreement, "agreement", "Result of an agreement mutation.");
