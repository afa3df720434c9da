// The job queues (pg-boss, schema "pgboss" in the application's database) and their policies.
// Installed with the migrations (installJobQueue), so a database is ready before any process starts.
import PgBoss from "pg-boss";

export const JOB_SCHEMA = "pgboss";

export const QUEUES = {
  /** Delivers due webhooks (the NOTIFY path does the same without a job; this is the once-a-minute net). */
  webhookDispatch: "webhook-dispatch",
  /** Finds organizations whose daily work for today has not run, and queues it (hourly, and at start). */
  dailySweep: "daily-sweep",
  /** One organization's daily work: settlement, deadline scans, the risk date roll, the digest. */
  dailyOrganization: "daily-organization",
  /**
   * Recomputes the scores of organizations whose data changed since (every 5 minutes), so that
   * risk.tier_changed reaches receivers without waiting for someone to read a score.
   */
  riskRefresh: "risk-refresh",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Queue options. "short" keeps at most one job waiting; "stately" at most one waiting and one running per key. */
export const QUEUE_OPTIONS: Record<QueueName, Omit<PgBoss.Queue, "name">> = {
  [QUEUES.webhookDispatch]: { policy: "short", retryLimit: 0, expireInSeconds: 600 },
  [QUEUES.dailySweep]: { policy: "short", retryLimit: 3, retryDelay: 60, expireInSeconds: 600 },
  // A failed day's work is retried with pg-boss's backoff; a worker that died mid-way lets the job
  // expire after 15 minutes and it is retried (the ledger makes a retry after success a no-op).
  [QUEUES.riskRefresh]: { policy: "short", retryLimit: 2, retryDelay: 60, expireInSeconds: 900 },
  [QUEUES.dailyOrganization]: {
    policy: "stately",
    retryLimit: 8,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 900,
  },
};

/** Cron schedules (UTC), kept in the queue's schedule table; one instance sends each tick. */
export const SCHEDULES: { queue: QueueName; cron: string }[] = [
  { queue: QUEUES.webhookDispatch, cron: "* * * * *" },
  { queue: QUEUES.dailySweep, cron: "5 * * * *" },
  { queue: QUEUES.riskRefresh, cron: "*/5 * * * *" },
];

export async function defineQueues(boss: PgBoss): Promise<void> {
  for (const [name, options] of Object.entries(QUEUE_OPTIONS)) {
    await boss.createQueue(name, { name, ...options });
    await boss.updateQueue(name, { name, ...options });
  }
}

/** Creates or upgrades the queue's schema and defines the queues (idempotent; runs with the migrations). */
export async function installJobQueue(ownerUrl: string): Promise<void> {
  const boss = new PgBoss({
    connectionString: ownerUrl,
    schema: JOB_SCHEMA,
    max: 1,
    migrate: true,
    supervise: false,
    schedule: false,
    application_name: "tilsyn-migrate",
  });
  boss.on("error", () => undefined);
  await boss.start();
  try {
    await defineQueues(boss);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
