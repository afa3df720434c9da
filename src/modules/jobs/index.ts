// The jobs module: the queue (pg-boss) inside the API process, the daily work and its ledger, and
// jobs(status) for ADMIN. The runtime (runtime.ts) is started by the server, not named here, so that
// the module list stays free of the process's wiring.
import { defineModule } from "../../common/module";
import { DailyRun } from "./daily-run.entity";
import { JobResolver } from "./job.resolver";

export default defineModule({
  name: "jobs",
  entities: [DailyRun],
  resolvers: [JobResolver],
  tenantTables: ["daily_run"],
  // The daily ledger is a record of what the system did.
  unauditedTables: ["daily_run"],
});
