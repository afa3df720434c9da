// The daily work of one organization, in one transaction, once per day (the daily_run ledger):
//   1. settlement: GENERAL change notices past their deadline become DEEMED_ACCEPTED (each records
//      change_notice.deemed_accepted, in the change-notice service);
//   2. deadline scans: change_notice.deadline_approaching, supervision.due_soon / .overdue,
//      finding.overdue (each once per record and deadline: dedupe keys);
//   3. the risk date roll: scores that depend on the date (supervision overdue, report age) are
//      recomputed for the new day; changed tiers record risk.tier_changed (in the risk service);
//   4. digest.daily: what is due, overdue and decided since yesterday, for chat or e-mail integrations.
// "Today" is the process clock's date, so tests set the date instead of waiting for it.
import type { RequestContext } from "../../context";
import type { Config } from "../../config";
import { addDays, todayIso } from "../../common/dates";
import { toGlobalId } from "../../common/global-id";
import { recordEvent, recordEvents, EventInput } from "../events/events.service";
import { payloads } from "../events/payloads";
import { changeNoticeService } from "../subprocessors/change-notice.service";
import { ChangeNotice } from "../subprocessors/change-notice.entity";
import { ChangeNoticeState, noticeState } from "../subprocessors/change-notice.rules";
import { supervisionPlanService } from "../supervision/supervision-plan.service";
import { AuditFinding } from "../supervision/finding.entity";
import { findingService } from "../supervision/finding.service";
import { riskService } from "../risk/risk.service";
import { approachingDeadline, dedupeKeys, digestList, findingDaysOverdue, supervisionAlert } from "./deadline.rules";

export type DailySettings = Pick<Config, "changeNoticeWarningDays" | "supervisionDueSoonDays">;

export interface DailySummary {
  date: string;
  settled: number;
  events: Record<string, number>;
}

/** Findings due within this many days are listed as due in the digest. */
const FINDING_DUE_DAYS = 7;

/**
 * Runs the organization's daily work for today, unless it already ran (then null). The ledger row is
 * inserted first: a concurrent run for the same day waits on it and then finds it.
 */
export async function runDailyWork(
  ctx: RequestContext,
  settings: DailySettings,
  worker: string,
): Promise<DailySummary | null> {
  const today = todayIso();
  const [claimed] = await ctx.manager.query(
    `INSERT INTO daily_run (organization_id, run_on, worker, summary) VALUES (app_current_organization(), $1, $2, '{}')
     ON CONFLICT (organization_id, run_on) DO NOTHING RETURNING id`,
    [today, worker],
  );
  if (!claimed) return null;
  const events: Record<string, number> = {};
  const count = (type: string, n: number) => (events[type] = (events[type] ?? 0) + n);

  // 1. Settlement.
  const settled = await changeNoticeService.settleLapsed(ctx);
  count("change_notice.deemed_accepted", settled.length);

  // 2. Deadline scans.
  const pending = await changeNoticeService.undecided(ctx);
  const approaching: EventInput[] = [];
  for (const n of pending) {
    const left = approachingDeadline(n, today, settings.changeNoticeWarningDays);
    if (left !== null)
      approaching.push({
        data: payloads.changeNoticeDeadlineApproaching(n, left),
        dedupeKey: dedupeKeys.changeNoticeApproaching(n.id, n.deadline!),
      });
  }
  count(
    "change_notice.deadline_approaching",
    await recordEvents(ctx.manager, "change_notice.deadline_approaching", approaching),
  );

  const plans = await supervisionPlanService.schedule(ctx, { dueSoonDays: settings.supervisionDueSoonDays });
  const dueSoon: EventInput[] = [];
  const overdue: EventInput[] = [];
  for (const plan of plans) {
    const alert = supervisionAlert(plan, settings.supervisionDueSoonDays);
    const { nextDueOn, daysUntilDue } = plan;
    if (!alert || nextDueOn === null || daysUntilDue === null) continue; // an alert has a due date
    (alert === "supervision.overdue" ? overdue : dueSoon).push({
      data: payloads.supervisionDue({ ...plan, nextDueOn, daysUntilDue }),
      dedupeKey: dedupeKeys.supervision(alert, plan.processorId, nextDueOn),
    });
  }
  count("supervision.due_soon", await recordEvents(ctx.manager, "supervision.due_soon", dueSoon));
  count("supervision.overdue", await recordEvents(ctx.manager, "supervision.overdue", overdue));

  const openFindings = await findingService.openWithDueDate(ctx);
  const findingsOverdue: EventInput[] = [];
  for (const f of openFindings) {
    const days = findingDaysOverdue(f, today);
    if (days !== null)
      findingsOverdue.push({
        data: payloads.findingOverdue({ ...f, dueOn: f.dueOn! }, days),
        dedupeKey: dedupeKeys.findingOverdue(f.id, f.dueOn!),
      });
  }
  count("finding.overdue", await recordEvents(ctx.manager, "finding.overdue", findingsOverdue));

  // 3. The risk date roll.
  await riskService.ensureFresh(ctx);

  // 4. The digest.
  const yesterday = addDays(today, -1);
  const noticeIds = (list: ChangeNotice[]) => list.map((n) => toGlobalId("ChangeNotice", n.id));
  const findingIds = (list: AuditFinding[]) => list.map((f) => toGlobalId("AuditFinding", f.id));
  const processorIds = (list: { processorId: string }[]) => list.map((p) => toGlobalId("Processor", p.processorId));
  const stillPending = pending.filter((n) => !settled.some((s) => s.id === n.id));
  const decided = await changeNoticeService.decidedSince(ctx, yesterday);
  const closed = await findingService.closedSince(ctx, yesterday);
  const digest = {
    date: today,
    due: {
      changeNotices: digestList(
        noticeIds(stillPending.filter((n) => approachingDeadline(n, today, settings.changeNoticeWarningDays) !== null)),
      ),
      supervision: digestList(
        processorIds(
          plans.filter((p) => supervisionAlert(p, settings.supervisionDueSoonDays) === "supervision.due_soon"),
        ),
      ),
      findings: digestList(
        findingIds(openFindings.filter((f) => f.dueOn! >= today && f.dueOn! <= addDays(today, FINDING_DUE_DAYS))),
      ),
    },
    overdue: {
      changeNotices: digestList(
        noticeIds(stillPending.filter((n) => noticeState(n, today) === ChangeNoticeState.NOT_APPROVED)),
      ),
      supervision: digestList(
        processorIds(
          plans.filter((p) => supervisionAlert(p, settings.supervisionDueSoonDays) === "supervision.overdue"),
        ),
      ),
      findings: digestList(findingIds(openFindings.filter((f) => findingDaysOverdue(f, today) !== null))),
    },
    decided: {
      changeNotices: digestList(noticeIds(decided)),
      findingsClosed: digestList(findingIds(closed)),
    },
  };
  count("digest.daily", (await recordEvent(ctx.manager, "digest.daily", digest, dedupeKeys.digest(today))) ? 1 : 0);

  const summary: DailySummary = { date: today, settled: settled.length, events };
  await ctx.manager.query(`UPDATE daily_run SET summary = $1 WHERE id = $2`, [JSON.stringify(summary), claimed.id]);
  return summary;
}
