// The jobs module: the queue (pg-boss) inside the API process, the daily work and its ledger, and
// jobs(status) for ADMIN. The runtime (runtime.ts) is started by the server, not imported here, so
// that the entity list stays free of the process's wiring.
import { DailyRun } from "./daily-run.entity";
import { JobResolver } from "./job.resolver";

export const JOBS_ENTITIES = [DailyRun];
export const JOBS_RESOLVERS = [JobResolver] as const;
export const JOBS_TENANT_TABLES = ["daily_run"];
