// Pure rules for the supervision schedule of a processor (domain.md §1.2–1.4): when the next audit /
// status report is due under the agreement's audit terms, and how urgent it is. No database, no I/O.
// Dates are ISO "YYYY-MM-DD" strings; all calendar arithmetic is done on year/month/day numbers (UTC
// semantics), so no Date object or server time zone can shift a deadline.
import {
  calendarDateOf,
  daysBetween,
  daysInMonth,
  formatYmd,
  isValidDueDay,
  MAX_YEAR,
  MIN_YEAR,
  parseIsoDate,
  shiftMonths,
  Ymd,
} from "../../common/dates";
import type { SupervisionStatus } from "./supervision.enums";

/**
 * Interval used when the agreement states none. Datatilsynet expects supervision to be planned and
 * repeated, and for most processors (and always for concept 3, the annual status report, and the
 * yearly ISAE 3000 statements of the KOMBIT/DT templates) that means at least once a year.
 */
export const DEFAULT_INTERVAL_MONTHS = 12;
/** How many days before the due date a supervision counts as "due soon". */
export const DEFAULT_DUE_SOON_DAYS = 30;

export const MIN_INTERVAL_MONTHS = 1;
export const MAX_INTERVAL_MONTHS = 120;

export interface SupervisionTerms {
  intervalMonths: number | null;
  dueDay: string | null;
}

function assertIntervalMonths(intervalMonths: unknown): asserts intervalMonths is number {
  if (
    typeof intervalMonths !== "number" ||
    !Number.isInteger(intervalMonths) ||
    intervalMonths < MIN_INTERVAL_MONTHS ||
    intervalMonths > MAX_INTERVAL_MONTHS
  ) {
    throw new RangeError(
      `intervalMonths must be an integer from ${MIN_INTERVAL_MONTHS} to ${MAX_INTERVAL_MONTHS}, got ` +
        `${String(intervalMonths)}`,
    );
  }
}

/** Parses a due day "MM-DD" (02-29 allowed) or throws a RangeError. */
function parseDueDay(mmdd: unknown): { m: number; d: number } {
  if (typeof mmdd !== "string" || !isValidDueDay(mmdd)) {
    throw new RangeError(
      `dueDay must be a day of the year written "MM-DD" (e.g. "01-01"), got ${JSON.stringify(mmdd)}`,
    );
  }
  return { m: Number(mmdd.slice(0, 2)), d: Number(mmdd.slice(3, 5)) };
}

/** Days since 1970-01-01 of y/m/d, for any year (no ISO string, so a date past 9999-12-31 compares too). */
function dayNumber({ y, m, d }: Ymd): number {
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

// ---------------------------------------------------------------------------------------------------
// Public rules

/** The date of MM-DD in a year; "02-29" in a non-leap year falls on 02-28. */
export function dueDayInYear(mmdd: string, year: number): string {
  const { m, d } = parseDueDay(mmdd);
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`year must be an integer from ${MIN_YEAR} to ${MAX_YEAR}, got ${String(year)}`);
  }
  return formatYmd({ y: year, m, d: Math.min(d, daysInMonth(year, m)) });
}

/**
 * A fixed-deadline schedule: deadline k is the (unclamped) anchor plus k·interval months, clamped to
 * the month end, each computed from the anchor (never cumulatively). Null past 9999-12-31.
 */
function deadlineOf(anchor: Ymd, intervalMonths: number, k: number): string | null {
  return calendarDateOf(shiftMonths(anchor, k * intervalMonths));
}

/**
 * The deadlines of a fixed due day repeated every intervalMonths, e.g. "01-01" every 12 months:
 * ..., 2025-01-01, 2026-01-01, ...
 * For an interval that is not a multiple of 12 (e.g. 6), deadlines are anchored on the due day and
 * step by intervalMonths (01-01, 07-01, ...), with month-end clamping per step from the anchor, so
 * 01-31 every 1 month gives 01-31, 02-28, 03-31.
 * Returns the first deadline on or after `from`.
 *
 * Phase: when the interval divides 12 (1, 2, 3, 4, 6, 12) the deadlines are the same every year. For
 * other intervals (e.g. 5, 18, 24) the due day alone does not say which years/months they fall in; the
 * schedule is then anchored on the first occurrence of the due day on or after `from`, so the first
 * deadline is never more than a year away (for intervals ≥ 12 it is that occurrence itself).
 * Null when that deadline falls after 9999-12-31, the calendar's last day.
 */
export function nextFixedDeadline(dueDay: string, intervalMonths: number, from: string): string | null {
  const { m, d } = parseDueDay(dueDay);
  assertIntervalMonths(intervalMonths);
  const start = parseIsoDate(from, "from");
  const sameYear = dueDayInYear(dueDay, start.y);
  const anchor: Ymd = { y: sameYear >= from ? start.y : start.y + 1, m, d };
  // deadline 0 is on or after `from`; walk back while the previous deadline still is.
  let k = 0;
  for (;;) {
    const previous = shiftMonths(anchor, (k - 1) * intervalMonths);
    // A previous deadline past the calendar's end (anchor in year 10000) is still after `from`.
    if (previous.y < MIN_YEAR || (previous.y <= MAX_YEAR && formatYmd(previous) < from)) break;
    k -= 1;
  }
  return deadlineOf(anchor, intervalMonths, k);
}

/**
 * Next due date.
 * - No supervision yet (lastSupervisedOn null): with a due day, the first fixed deadline on or after
 *   `startOn` (the date the agreement took effect, or when the processor was recorded); without,
 *   startOn + interval.
 * - Supervised on L, no due day: L + interval (addMonths).
 * - Supervised on L, with a due day: the supervision satisfies the fixed deadline nearest to L (ties →
 *   the later one), so an early report (2025-12-20 for a 01-01 deadline) and a late one (2026-01-05)
 *   both satisfy 2026-01-01; the next due date is the following deadline (2027-01-01).
 *
 * A null intervalMonths falls back to DEFAULT_INTERVAL_MONTHS. startOn is validated even when a
 * supervision exists; L is not required to be on or after startOn.
 *
 * Null when the due date falls after 9999-12-31, the last date the API has (a DPA in force from 9999-12-01
 * audited every 120 months): nothing is due within the calendar.
 */
export function nextDueDate(terms: SupervisionTerms, lastSupervisedOn: string | null, startOn: string): string | null {
  const intervalMonths = terms.intervalMonths ?? DEFAULT_INTERVAL_MONTHS;
  assertIntervalMonths(intervalMonths);
  const due = terms.dueDay === null ? null : parseDueDay(terms.dueDay);
  const start = parseIsoDate(startOn, "startOn");

  if (lastSupervisedOn === null) {
    return terms.dueDay === null
      ? calendarDateOf(shiftMonths(start, intervalMonths))
      : nextFixedDeadline(terms.dueDay, intervalMonths, startOn);
  }

  const last = parseIsoDate(lastSupervisedOn, "lastSupervisedOn");
  if (due === null) return calendarDateOf(shiftMonths(last, intervalMonths));

  // Anchor the schedule on the occurrence of the due day nearest L (this fixes the phase for intervals
  // that do not divide 12), then take the schedule's deadline nearest L; ties go to the later one.
  // Candidates are compared as day numbers, not ISO strings: near the calendar's end the nearest occurrence may
  // be in year 10000 (leaving it out anchored a L of 9999-11-30 on 9999-01-01, more than 7 monthly steps back).
  const lastDay = dayNumber(last);
  const nearest = (candidates: { date: Ymd; key: number }[]) =>
    candidates.reduce((best, c) => {
      const dist = Math.abs(dayNumber(c.date) - lastDay);
      const bestDist = Math.abs(dayNumber(best.date) - lastDay);
      return dist < bestDist || (dist === bestDist && dayNumber(c.date) > dayNumber(best.date)) ? c : best;
    });

  const anchorYear = nearest(
    [last.y - 1, last.y, last.y + 1].map((y) => ({
      date: { y, m: due.m, d: Math.min(due.d, daysInMonth(y, due.m)) },
      key: y,
    })),
  ).key;
  const anchor: Ymd = { y: anchorYear, m: due.m, d: due.d };

  // The anchor is within half a year of L, so the nearest deadline is at most 7 steps of ≥ 1 month away.
  const candidates: { date: Ymd; key: number }[] = [];
  for (let k = -7; k <= 7; k += 1) candidates.push({ date: shiftMonths(anchor, k * intervalMonths), key: k });
  const satisfied = nearest(candidates).key;
  return deadlineOf(anchor, intervalMonths, satisfied + 1);
}

/**
 * OVERDUE when today > due; DUE_SOON when due − today ≤ dueSoonDays (including the due day itself);
 * else OK (also without a due date: none within the calendar); NEVER_SUPERVISED whenever lastSupervisedOn is
 * null (whatever the dates).
 */
export function supervisionStatus(args: {
  nextDueOn: string | null;
  lastSupervisedOn: string | null;
  today: string;
  dueSoonDays?: number;
}): SupervisionStatus {
  const { nextDueOn, lastSupervisedOn, today, dueSoonDays = DEFAULT_DUE_SOON_DAYS } = args;
  if (nextDueOn !== null) parseIsoDate(nextDueOn, "nextDueOn");
  parseIsoDate(today, "today");
  if (typeof dueSoonDays !== "number" || !Number.isInteger(dueSoonDays) || dueSoonDays < 0) {
    throw new RangeError(`dueSoonDays must be a non-negative integer, got ${String(dueSoonDays)}`);
  }
  if (lastSupervisedOn === null) return "NEVER_SUPERVISED";
  parseIsoDate(lastSupervisedOn, "lastSupervisedOn");
  if (nextDueOn === null) return "OK";

  const days = daysBetween(today, nextDueOn);
  if (isOverdue({ daysUntilDue: days })) return "OVERDUE";
  if (days <= dueSoonDays) return "DUE_SOON";
  return "OK";
}

/**
 * Overdue: past the due date, whether or not a supervision was ever carried out (a first one is due
 * `interval` after the agreement took effect). The one rule the worklist, the daily job's
 * supervision.overdue and riskOverview.overdueSupervision count by. A plan without a due date (none within the
 * calendar) is never overdue.
 */
export function isOverdue(plan: { daysUntilDue: number | null }): boolean {
  return plan.daysUntilDue !== null && plan.daysUntilDue < 0;
}

/**
 * Whether a plan answers a status filter. A vendor never supervised keeps the status NEVER_SUPERVISED,
 * but its first deadline is as real as any: once it is within the due-soon window it also answers
 * DUE_SOON, and once it has passed, OVERDUE (a worklist of what is due must not leave it out).
 */
export function matchesStatusFilter(
  plan: { status: SupervisionStatus; daysUntilDue: number | null },
  wanted: readonly SupervisionStatus[],
  dueSoonDays: number,
): boolean {
  if (wanted.includes(plan.status)) return true;
  if (plan.status !== "NEVER_SUPERVISED") return false;
  if (isOverdue(plan)) return wanted.includes("OVERDUE");
  return plan.daysUntilDue !== null && plan.daysUntilDue <= dueSoonDays && wanted.includes("DUE_SOON");
}

/** Days from today to the due date (negative when overdue); null without a due date. */
export function daysUntilDue(nextDueOn: string | null, today: string): number | null {
  parseIsoDate(today, "today");
  if (nextDueOn === null) return null;
  parseIsoDate(nextDueOn, "nextDueOn");
  return daysBetween(today, nextDueOn);
}
