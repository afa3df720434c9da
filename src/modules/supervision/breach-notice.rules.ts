// Pure rules of processors' breach notices: how long notification took, and whether it was late.
import { BreachNotice } from "./breach-notice.entity";

/** Hours from awareness to notification, to two decimals (for display; lateness compares the exact times). */
export function hoursToNotify(n: Pick<BreachNotice, "becameAwareAt" | "notifiedAt">): number {
  return Math.round(((n.notifiedAt.getTime() - n.becameAwareAt.getTime()) / 3_600_000) * 100) / 100;
}

/**
 * Hours past the limit, from the exact times, rounded up to the hundredth: a notice one second late is 0.01 h late,
 * never 0 (the rounded hoursToNotify minus the limit said 0 for up to 18 s late). Null without a limit.
 */
export function hoursLate(n: Pick<BreachNotice, "becameAwareAt" | "notifiedAt" | "limitHours">): number | null {
  if (n.limitHours === null || n.limitHours === undefined) return null;
  const overMs = n.notifiedAt.getTime() - n.becameAwareAt.getTime() - n.limitHours * 3_600_000;
  return overMs <= 0 ? 0 : Math.ceil(overMs / 36_000) / 100;
}

/**
 * Late when the exact time from awareness to notification is over the agreement's limit (a second over counts: the
 * rounded hoursToNotify would hide up to 18 s); null when the agreement sets none (itself a gap: art. 33(2) says
 * "without undue delay"). The one rule of lateness: the field, the events, the evidence list and the risk factor
 * use it.
 */
export function notifiedLate(n: Pick<BreachNotice, "becameAwareAt" | "notifiedAt" | "limitHours">): boolean | null {
  if (n.limitHours === null) return null;
  return n.notifiedAt.getTime() - n.becameAwareAt.getTime() > n.limitHours * 3_600_000;
}
