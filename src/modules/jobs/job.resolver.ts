import { Arg, Authorized, Ctx, Int, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../../context";
import { ALLOWED } from "../../common/auth";
import { checkFirst } from "../../common/connection";
import { Job, JobErrorKind, JobScope, JobState } from "./job.types";

@Resolver()
export class JobResolver {
  @Authorized(...ALLOWED.administer)
  @Query(() => [Job], {
    description:
      "Background jobs, newest first: your organization's daily work and the system's sweeps, with failures and " +
      "retries (kept 7 days). ADMIN only.",
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
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of app_jobs(), read column by column
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
