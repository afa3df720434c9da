import { Arg, Authorized, Ctx, Field, ID, Int, ObjectType, Query, registerEnumType, Resolver } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import type { RequestContext } from "../../context";
import { ADMINS } from "../../common/auth";
import { checkFirst } from "../../common/connection";

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
    "CREATED (waiting), RETRY (failed, waiting for its next try), ACTIVE (running), COMPLETED, CANCELLED, FAILED (out of retries).",
});

export enum JobScope {
  ORGANIZATION = "ORGANIZATION",
  SYSTEM = "SYSTEM",
}
registerEnumType(JobScope, {
  name: "JobScope",
  description:
    "ORGANIZATION: work on your organization's data (its daily work). SYSTEM: work for every organization (webhook dispatch, the daily sweep); shown without its data.",
});

export enum JobErrorKind {
  TIMEOUT = "TIMEOUT",
  ERROR = "ERROR",
}
registerEnumType(JobErrorKind, {
  name: "JobErrorKind",
  description:
    "Why the last try failed: TIMEOUT (it ran too long, or its worker died), ERROR (it failed; the operators' log has the details under the job id).",
});

@ObjectType({ description: "A background job (pg-boss) and how it went. ADMIN only." })
class Job {
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

  @Field(() => DateTimeResolver, { description: "When it was queued." })
  createdAt: Date;

  @Field(() => DateTimeResolver, { description: "Not before this time (a retry's backoff, a scheduled run)." })
  startAfter: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: "When its last try started." })
  startedAt: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: "When it completed, failed or was cancelled." })
  completedAt: Date | null;
}

@Resolver()
export class JobResolver {
  @Authorized(...ADMINS)
  @Query(() => [Job], {
    description:
      "Background jobs, newest first: your organization's daily work and the system's sweeps, with failures and retries (kept 7 days). ADMIN only.",
  })
  async jobs(
    @Ctx() ctx: RequestContext,
    @Arg("status", () => [JobState], { nullable: true, description: "Only jobs in these states." })
    status: JobState[] | null,
    @Arg("queue", () => String, { nullable: true, description: "Only this queue." }) queue: string | null,
    @Arg("first", () => Int, { nullable: true, description: "How many, 0–100 (default 20)." }) first: number | null,
  ): Promise<Job[]> {
    const n = checkFirst(first);
    if (n === 0) return [];
    const rows: Record<string, any>[] = await ctx.manager.query(`SELECT * FROM app_jobs($1, $2, $3)`, [
      status?.length ? status : null,
      queue ?? null,
      n,
    ]);
    return rows.map((r) =>
      Object.assign(new Job(), {
        id: r.id,
        queue: r.queue_name,
        state: r.state,
        scope: r.organization_scoped ? JobScope.ORGANIZATION : JobScope.SYSTEM,
        attempts: r.retry_count + (r.started_on ? 1 : 0),
        retryLimit: r.retry_limit,
        lastError: r.timed_out === null ? null : r.timed_out ? JobErrorKind.TIMEOUT : JobErrorKind.ERROR,
        createdAt: r.created_on,
        startAfter: r.start_after,
        startedAt: r.started_on,
        completedAt: r.completed_on,
      }),
    );
  }
}
