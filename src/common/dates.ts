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
