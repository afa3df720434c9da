import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { EnumValue, graphqlEnum } from "../../common/enums";
import { DateTimeScalar } from "../../common/scalars";

export enum JobState {
  CREATED = "created",
  RETRY = "retry",
  ACTIVE = "active",
  COMPLETED = "completed",
  CANCELLED = "cancelled",
  FAILED = "failed",
}
registerEnumType(JobState, {
  name: "JobState",
  description:
    "CREATED (waiting), RETRY (failed, waiting for its next try), ACTIVE (running), COMPLETED, CANCELLED, FAILED " +
    "(out of retries).",
});

export const JobScope = graphqlEnum(
  "JobScope",
  "ORGANIZATION: work on your organization's data (its daily work). SYSTEM: work for every organization " +
    "(webhook dispatch, the daily sweep); shown without its data.",
  ["ORGANIZATION", "SYSTEM"],
);
export type JobScope = EnumValue<typeof JobScope>;

export const JobErrorKind = graphqlEnum(
  "JobErrorKind",
  "Why the last try failed: TIMEOUT (it ran too long, or its worker died), ERROR (it failed; the operators' log " +
    "has the details under the job id).",
  ["TIMEOUT", "ERROR"],
);
export type JobErrorKind = EnumValue<typeof JobErrorKind>;

@ObjectType({ description: "A background job (pg-boss) and how it went. ADMIN only." })
export class Job {
  @Field(() => ID, { description: "The job's id (as in the operators' log)." })
  id: string;

  @Field({ description: "The queue: daily-organization, daily-sweep, risk-refresh or webhook-dispatch." })
  queue: string;

  @Field(() => JobState, { description: "Where it stands." })
  state: JobState;

  @Field(() => JobScope, { description: "Whose work it is." })
  scope: JobScope;

  @Field(() => Int, { description: "Tries so far: 1 once the first has started, 2 during the first retry, …" })
  attempts: number;

  @Field(() => Int, { description: "Retries allowed before it counts as FAILED." })
  retryLimit: number;

  @Field(() => JobErrorKind, { nullable: true, description: "Why the last try failed; null unless it did." })
  lastError: JobErrorKind | null;

  @Field(() => DateTimeScalar, { description: "When it was queued." })
  createdAt: Date;

  @Field(() => DateTimeScalar, { description: "Not before this time (a retry's backoff, a scheduled run)." })
  startAfter: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "When its last try started." })
  startedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it completed, failed or was cancelled." })
  completedAt: Date | null;
}
