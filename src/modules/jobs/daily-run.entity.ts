import { Column, Unique } from "typeorm";
import { TenantEntity, TenantRecord } from "../../common/base.entity";

/**
 * The ledger of the daily work: one row per organization and day, inserted in the transaction that
 * does the day's work. A second run for the same day (another replica, a retry, a restart) finds the
 * row and does nothing, so the daily work runs once per organization and day whatever the queue does.
 */
@TenantEntity("daily_run")
@Unique("uq_daily_run_day", ["organizationId", "runOn"])
export class DailyRun extends TenantRecord {
  @Column({ name: "run_on", type: "date" })
  runOn: string;

  /** Which process did it (host:pid). */
  @Column({ type: "varchar", length: 200 })
  worker: string;

  /** What the day's work did: counts of settled notices and recorded events. */
  @Column({ type: "jsonb" })
  summary: Record<string, unknown>;
}
