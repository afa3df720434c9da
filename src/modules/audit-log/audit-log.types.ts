import { Field, ID, InputType, ObjectType } from "type-graphql";
import { JSONObjectResolver } from "graphql-scalars";
import { DateTimeScalar } from "../../common/scalars";
import { Connection } from "../../common/connection";
import { EnumValue, graphqlEnum } from "../../common/enums";
import { MaxLen } from "../../common/validation";

export const AuditAction = graphqlEnum("AuditAction", "What happened to the record.", {
  INSERT: "The record was created.",
  UPDATE: "The record was changed.",
  DELETE: "The record was deleted.",
});
export type AuditAction = EnumValue<typeof AuditAction>;

@ObjectType({
  description:
    "One change to domain data, recorded by the database itself (a trigger on every domain table), so no code " +
    "path can skip it. Entries cannot be changed or deleted through the API or by the application's database " +
    "role.",
})
export class AuditLogEntry {
  /** Position in the log (bigint as a string); the keyset for paging. */
  seq: string;

  /** Key that made the change; null when the owner wrote outside a request (migrations, seeding). */
  actorApiKeyId: string | null;

  @Field(() => DateTimeScalar, {
    description: "When the change was made (time of the statement, not of the commit).",
  })
  at: Date;

  @Field(() => AuditAction, { description: "Whether the record was created, changed or deleted." })
  action: AuditAction;

  @Field({
    description:
      "GraphQL type of the record, e.g. Processor or SubprocessorEngagement (the table name for records the API " +
      "does not expose).",
  })
  entityType: string;

  @Field(() => ID, { description: "Global id of the record; for a deleted record it names what was deleted." })
  entityId: string;

  @Field(() => String, {
    nullable: true,
    description: "Request id of the change (the x-request-id header the client sent, else one the server chose).",
  })
  requestId: string | null;

  @Field(() => [String], {
    description:
      "Database columns whose value changed (snake_case, as in before/after). For INSERT the columns set to a " +
      "value; for DELETE the columns that held one.",
  })
  changedFields: string[];

  @Field(() => JSONObjectResolver, {
    nullable: true,
    description: "The row before the change (database column names); null for INSERT. Secrets are never included.",
  })
  before: Record<string, unknown> | null;

  @Field(() => JSONObjectResolver, {
    nullable: true,
    description: "The row after the change (database column names); null for DELETE. Secrets are never included.",
  })
  after: Record<string, unknown> | null;
}

export const AuditLogEntryConnection = Connection(AuditLogEntry, "AuditLogEntry");

@InputType({ description: "Narrows the audit log. All given conditions must hold." })
export class AuditLogFilter {
  @Field(() => String, { nullable: true, description: "Only records of this GraphQL type, e.g. Processor." })
  @MaxLen(100)
  entityType?: string | null;

  @Field(() => ID, { nullable: true, description: "Only changes to this record (its global id)." })
  entityId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only changes made with this API key (its global id)." })
  actorApiKeyId?: string | null;

  @Field(() => AuditAction, { nullable: true, description: "Only this kind of change." })
  action?: AuditAction | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Only changes at or after this time." })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Only changes before this time." })
  to?: Date | null;
}
