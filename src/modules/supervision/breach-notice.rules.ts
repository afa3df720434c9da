// Pure rules of processors' breach notices: how long notification took, and whether it was late.
import { BreachNotice } from "./breach-notice.entity";

/** Hours from awareness to notification, to two decimals. */
export function hoursToNotify(n: Pick<BreachNotice, "becameAwareAt" | "notifiedAt">): number {
  return Math.round(((n.notifiedAt.getTime() - n.becameAwareAt.getTime()) / 3_600_000) * 100) / 100;
}

/**
 * Late when over the agreement's limit; null when the agreement sets none (itself a gap: art. 33(2) says "without undue
 * delay").
 */
export function notifiedLate(n: Pick<BreachNotice, "becameAwareAt" | "notifiedAt" | "limitHours">): boolean | null {
  return n.limitHours === null ? null : hoursToNotify(n) > n.limitHours;
}
