// Calendar dates as ISO "YYYY-MM-DD" strings, computed in UTC so that no server time zone can
// shift a deadline by a day. "Today" comes from the process clock (src/common/clock.ts).
import { clock } from "./clock";

const DAY_MS = 86_400_000;

/** The UTC calendar date of an instant. */
export function isoDateOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function todayIso(now: Date = clock().now()): string {
  return isoDateOf(now);
}

function toUtc(iso: string): number {
  // "YYYY-MM-DD" read by position (the same numbers as split; schedules compute thousands per page).
  if (iso.length === 10 && iso[4] === "-" && iso[7] === "-")
    return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y, m - 1, d);
}

export function addDays(iso: string, days: number): string {
  return new Date(toUtc(iso) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

// Calendar arithmetic on year/month/day numbers (UTC semantics): supervision deadlines, report ages,
// due days of audit terms.

/** Years a strict ISO date may have (four digits, and no year 0000 that PostgreSQL lacks). */
export const MIN_YEAR = 1000;
export const MAX_YEAR = 9999;

export interface Ymd {
  y: number;
  m: number; // 1–12
  d: number; // 1–31
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/**
 * The ISO date of y/m/d within the calendar the service computes with (years 1000–9999, what parseIsoDate,
 * the mutations and the read arguments take; only a cursor takes 0001–0999, for a sort placeholder, and it never
 * comes here). Throws outside it: a computed date that may fall past 9999-12-31 goes through calendarDateOf.
 */
export function formatYmd({ y, m, d }: Ymd): string {
  if (y < MIN_YEAR || y > MAX_YEAR) {
    throw new RangeError(`Date out of range: year ${y} is outside ${MIN_YEAR}–${MAX_YEAR}`);
  }
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/**
 * The ISO date of y/m/d, or null when it falls outside the calendar (after 9999-12-31 or before 1000-01-01):
 * a deadline computed from a stored date near the calendar's end is then no date at all, never an error that
 * fails every read of the organization.
 */
export function calendarDateOf(date: Ymd): string | null {
  return date.y < MIN_YEAR || date.y > MAX_YEAR ? null : formatYmd(date);
}

/** Parses a strict ISO calendar date "YYYY-MM-DD" (year 1000–9999) or throws a RangeError. */
export function parseIsoDate(iso: unknown, name: string): Ymd {
  const match = typeof iso === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!match) {
    throw new RangeError(`${name} must be an ISO date "YYYY-MM-DD", got ${JSON.stringify(iso)}`);
  }
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (y < MIN_YEAR || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    throw new RangeError(`${name} is not a valid calendar date: ${JSON.stringify(iso)}`);
  }
  return { y, m, d };
}

/**
 * Shifts year/month by `months` and keeps the day, clamped to the end of the target month. The input
 * day may exceed its own month (e.g. 2027-02-29 as the unclamped anchor of due day "02-29"); only the
 * result is clamped.
 */
export function shiftMonths({ y, m, d }: Ymd, months: number): Ymd {
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return { y: ny, m: nm, d: Math.min(d, daysInMonth(ny, nm)) };
}

/**
 * Adds calendar months, clamping to the month end: 2026-01-31 + 1 → 2026-02-28;
 * 2028-01-31 + 1 → 2028-02-29; 2028-02-29 + 12 → 2029-02-28. Negative months allowed.
 */
export function addMonths(iso: string, months: number): string {
  const date = parseIsoDate(iso, "date");
  if (typeof months !== "number" || !Number.isInteger(months)) {
    throw new RangeError(`months must be an integer, got ${String(months)}`);
  }
  return formatYmd(shiftMonths(date, months));
}

/** addMonths, or null when the result falls outside the calendar (a stored date plus months past 9999-12-31). */
export function addMonthsWithinCalendar(iso: string, months: number): string | null {
  const date = parseIsoDate(iso, "date");
  if (typeof months !== "number" || !Number.isInteger(months)) {
    throw new RangeError(`months must be an integer, got ${String(months)}`);
  }
  return calendarDateOf(shiftMonths(date, months));
}

/** A fixed day written MM-DD (e.g. 01-01) must exist in some year; 02-29 is allowed. */
export function isValidDueDay(mmdd: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(mmdd);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(2024, month);
}
