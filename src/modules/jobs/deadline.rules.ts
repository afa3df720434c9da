// Which deadlines the daily scan announces. Pure: the facts in, the alerts out. The deadline
// arithmetic itself is each domain's (change-notice.rules.ts, schedule.rules.ts); these rules only
// decide when an approaching or passed deadline becomes an event.
import { daysBetween } from "../../common/dates";
import { ChangeNoticeDecision } from "../subprocessors/change-notice.entity";
import { daysLeft } from "../subprocessors/change-notice.rules";
import { SubprocessorAuthorization } from "../agreements/agreement.enums";
import { isOverdue } from "../supervision/schedule.rules";

/** Days left when an undecided notice's deadline is within `warningDays` (0 = the last day), else null. */
export function approachingDeadline(
  n: { decision: ChangeNoticeDecision; deadline: string | null; authorization: SubprocessorAuthorization },
  today: string,
  warningDays: number,
): number | null {
  const left = daysLeft(n, today);
  return left !== null && left >= 0 && left <= warningDays ? left : null;
}

export type SupervisionAlert = "supervision.due_soon" | "supervision.overdue";

/**
 * A supervision due within `dueSoonDays` is due soon, one past its date overdue. This holds for a
 * processor never supervised too (its first supervision is due `interval` after the agreement took
 * effect), although its plan status says NEVER_SUPERVISED whatever the dates.
 */
export function supervisionAlert(plan: { daysUntilDue: number | null }, dueSoonDays: number): SupervisionAlert | null {
  if (plan.daysUntilDue === null) return null; // no due date within the calendar
  if (isOverdue(plan)) return "supervision.overdue";
  if (plan.daysUntilDue <= dueSoonDays) return "supervision.due_soon";
  return null;
}

/** Days an open finding is past its due date (≥ 1), else null. */
export function findingDaysOverdue(f: { status: string; dueOn: string | null }, today: string): number | null {
  if (f.status === "CLOSED" || !f.dueOn) return null;
  const days = daysBetween(f.dueOn, today);
  return days >= 1 ? days : null;
}

/** A digest list: the complete count and at most `limit` ids. */
export function digestList(ids: string[], limit = 50): { count: number; ids: string[] } {
  return { count: ids.length, ids: ids.slice(0, limit) };
}

/** Dedupe keys: one event per record and deadline, however often the scan runs. */
export const dedupeKeys = {
  changeNoticeApproaching: (id: string, deadline: string) => `change_notice.deadline_approaching:${id}:${deadline}`,
  supervision: (alert: SupervisionAlert, processorId: string, nextDueOn: string) =>
    `${alert}:${processorId}:${nextDueOn}`,
  findingOverdue: (id: string, dueOn: string) => `finding.overdue:${id}:${dueOn}`,
  digest: (date: string) => `digest.daily:${date}`,
};
