// The job worker inside the API process: pg-boss on the application's PostgreSQL (no other service to
// run), the webhook dispatcher, and a LISTEN connection that wakes the dispatcher when a transaction
// creates deliveries. Any number of API processes run it side by side: pg-boss hands each job to one
// worker (SELECT … FOR UPDATE SKIP LOCKED), one instance sends each cron tick, deliveries are claimed
// with SKIP LOCKED and a lease, and the daily work is guarded by its ledger. JOBS=off leaves it out.
import os from "node:os";
import { randomUUID } from "node:crypto";
import { Pool, PoolClient } from "pg";
import type { Config } from "../../config";
import type { Database } from "../../db/database";
import type { Logger } from "../../common/logger";
import { todayIso } from "../../common/dates";
import { WEBHOOK_CHANNEL } from "../events/events.service";
import { Dispatcher } from "../webhooks/dispatcher";
import { runDailyWork, DailySummary } from "./daily";
import { riskService } from "../risk/risk.service";
import { withOrganization } from "./system-context";
import { defineQueues, JOB_SCHEMA, QueueName, QUEUES, SCHEDULES } from "./queues";
import PgBoss from "pg-boss";

export interface JobRuntime {
  /** host:pid, recorded with the work this process does. */
  readonly worker: string;
  readonly dispatcher: Dispatcher;
  /** Queues a job and waits until it has finished (tests, and operators from a REPL). */
  run(queue: QueueName, data?: object, timeoutMs?: number): Promise<{ state: string; output: unknown }>;
  /** Waits until a queue has no job waiting or running. */
  idle(queue: QueueName, timeoutMs?: number): Promise<void>;
  /** Delivers every due webhook now and waits for it. */
  dispatchNow(): Promise<void>;
  stop(): Promise<void>;
}

const RECONNECT_MS = 1000;

/** A LISTEN connection that comes back after the database does. */
class Listener {
  private client: PoolClient | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly onNotify: () => void,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    try {
      const client = await this.pool.connect();
      client.on("notification", () => this.onNotify());
      client.on("error", (err) => this.lost(client, err));
      await client.query(`LISTEN ${WEBHOOK_CHANNEL}`);
      this.client = client;
      // Notifications sent while nobody listened are gone: look for due work now.
      this.onNotify();
    } catch (err) {
      this.logger.warn({ err }, "job listener could not connect; retrying");
      this.schedule();
    }
  }

  private lost(client: PoolClient, err: Error): void {
    if (this.client !== client) return;
    this.client = null;
    this.logger.warn({ err }, "job listener lost its connection; reconnecting");
    client.release(err);
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.start();
    }, RECONNECT_MS);
    this.retry.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    if (client) {
      await client.query(`UNLISTEN ${WEBHOOK_CHANNEL}`).catch(() => undefined);
      client.release();
    }
  }
}

/** Organizations whose daily work for `date` has not run: one job each (the queue keeps one per organization). */
async function sweepDaily(pool: Pool, boss: PgBoss): Promise<number> {
  const date = todayIso();
  const { rows } = await pool.query<{ id: string }>(
    `SELECT o.id FROM organization o
      WHERE NOT EXISTS (SELECT 1 FROM daily_run r WHERE r.organization_id = o.id AND r.run_on = $1)`,
    [date],
  );
  for (const { id } of rows)
    await boss.send(QUEUES.dailyOrganization, { organizationId: id, date }, { singletonKey: id });
  return rows.length;
}

export async function startJobs(config: Config, db: Database, logger: Logger): Promise<JobRuntime> {
  const log = logger.child({ component: "jobs" });
  const worker = `${os.hostname()}:${process.pid}`;
  // The queue's tables and the cross-tenant sweeps need the owner role; tenant work goes through
  // db.app as the app role (withOrganization).
  const pool = new Pool({ connectionString: db.ownerUrl, max: config.jobsPoolSize, application_name: "tilsyn-jobs" });
  // pool.end() resolves once each client is told to end, before its socket closes; a database stopping
  // right after (the embedded one at shutdown) then ends those connections itself: no failure to report.
  pool.on("error", (err) => {
    if (!poolEnded) log.warn({ err }, "idle job connection failed");
  });
  // pg-boss marks a job done without awaiting it (manager.js: `this.complete(…)` after the handler), and a
  // worker whose fetch was in flight at stop() runs its job after stop() returned: either would query an
  // ended pool and raise an unhandled rejection. Handlers are counted so stop() waits for them; what pg-boss
  // sends after that is dropped (such a job stays active, expires and runs again: every job is idempotent).
  let poolEnded = false;
  let running = 0;
  const counted =
    <A extends unknown[], R>(handler: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      running += 1;
      try {
        return await handler(...args);
      } finally {
        running -= 1;
      }
    };
  const boss = new PgBoss({
    db: {
      // No result at all after the end: pg-boss reads `result && result.rows` when marking a job, and an
      // empty list would read as "no rows counted" or crash on rows[0].
      executeSql: (text: string, values: unknown[]) =>
        poolEnded ? Promise.resolve(undefined as unknown as { rows: [] }) : pool.query(text, values),
    },
    schema: JOB_SCHEMA,
    migrate: true,
    supervise: true,
    schedule: config.jobsSchedule,
    // Expired jobs (a worker that died) are found within a minute.
    maintenanceIntervalSeconds: 60,
  });
  boss.on("error", (err: Error) => log.warn({ err }, "job queue error"));
  await boss.start();
  await defineQueues(boss);

  const dispatcher = new Dispatcher({ pool, db, config, logger: log, worker });
  // This process's worker per queue: a job sent from here wakes it at once instead of at its next poll.
  const workers = new Map<QueueName, string>();
  const wake = (queue: QueueName) => {
    const id = workers.get(queue);
    if (id) boss.notifyWorker(id);
  };
  /** Starts this process's worker on a queue; its handler counts as running until it settles. */
  const work = async <D extends object = object>(
    queue: QueueName,
    pollingIntervalSeconds: number,
    handler: PgBoss.WorkHandler<D>,
  ) => {
    workers.set(queue, await boss.work<D>(queue, { pollingIntervalSeconds }, counted(handler)));
  };
  await work(QUEUES.webhookDispatch, 5, async () => {
    await dispatcher.kick();
  });
  await work(QUEUES.dailySweep, 5, async () => {
    const queued = await sweepDaily(pool, boss);
    if (queued) wake(QUEUES.dailyOrganization);
    return { queued };
  });
  await work(QUEUES.riskRefresh, 5, async () => {
    const { rows } = await pool.query<{ organization_id: string }>(
      `SELECT organization_id FROM risk_freshness WHERE stale
      UNION SELECT organization_id FROM risk_stale_processor
      UNION SELECT organization_id FROM risk_stale_hop ORDER BY organization_id`,
    );
    // One transaction per organization; each recompute records its tier changes.
    for (const { organization_id } of rows)
      await withOrganization(db, organization_id, "risk-refresh", (ctx) => riskService.ensureFresh(ctx));
    return { refreshed: rows.length };
  });
  await work<{ organizationId: string; date: string }>(QUEUES.dailyOrganization, 2, async ([job]) => {
    const { organizationId, date } = job.data;
    // A job queued for a day that has passed is stale: today's sweep queues today's work.
    if (date !== todayIso()) return { skipped: "stale" };
    const summary: DailySummary | null = await withOrganization(db, organizationId, "daily", (ctx) =>
      runDailyWork(ctx, config, worker),
    );
    if (summary) log.info({ organizationId, ...summary }, "daily work done");
    // Another organization's job may be waiting: look again now rather than at the next poll.
    wake(QUEUES.dailyOrganization);
    return summary ?? { skipped: "already done" };
  });
  if (config.jobsSchedule) for (const s of SCHEDULES) await boss.schedule(s.queue, s.cron, {}, { tz: "UTC" });

  const listener = new Listener(pool, () => void dispatcher.kick(), log);
  await listener.start();
  // Catch up at start: today's daily work if it has not run (e.g. the process was down at the hour).
  if (config.jobsSchedule && (await boss.send(QUEUES.dailySweep, {}))) wake(QUEUES.dailySweep);
  log.info({ worker }, "job worker started");

  return {
    worker,
    dispatcher,
    async run(queue, data = {}, timeoutMs = 60_000) {
      // Its own singleton key, so a "short" queue's waiting job does not absorb it.
      const id = (await boss.send(queue, data, { singletonKey: randomUUID() }))!;
      wake(queue);
      const started = Date.now();
      for (;;) {
        const job = await boss.getJobById(queue, id);
        if (job && ["completed", "failed", "cancelled"].includes(job.state))
          return { state: job.state, output: job.output };
        if (Date.now() - started > timeoutMs) throw new Error(`job ${queue} ${id} did not finish in ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async idle(queue, timeoutMs = 60_000) {
      const started = Date.now();
      for (;;) {
        const { rows } = await pool.query(
          `SELECT count(*)::int AS n FROM ${JOB_SCHEMA}.job WHERE name = $1 AND state < 'completed'`,
          [queue],
        );
        if (rows[0].n === 0) return;
        if (Date.now() - started > timeoutMs) throw new Error(`queue ${queue} still busy after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    dispatchNow: () => dispatcher.kick(),
    async stop() {
      await listener.stop();
      await dispatcher.stop();
      await boss.stop({ graceful: true, wait: true, close: false, timeout: config.shutdownGraceMs });
      const until = Date.now() + config.shutdownGraceMs;
      while (running > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      // One turn more: the completion pg-boss sends after the last handler has then reached the pool.
      await new Promise((r) => setImmediate(r));
      poolEnded = true;
      await pool.end();
      log.info({ worker }, "job worker stopped");
    },
  };
}
