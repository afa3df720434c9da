// Date arithmetic for the worklist, on ISO dates (YYYY-MM-DD). Pure.

export type Bucket = "overdue" | "soon" | "later" | "undated";

/** The API's "due soon" window (supervisionSchedule's default dueSoonDays). */
export const DUE_SOON_DAYS = 30;

/** Overdue once the deadline has passed, due soon within 30 days: the same split on every page. */
export function bucketOf(daysLeft: number | null | undefined): Bucket {
  if (daysLeft === null || daysLeft === undefined) return "undated";
  if (daysLeft < 0) return "overdue";
  return daysLeft <= DUE_SOON_DAYS ? "soon" : "later";
}

export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Months later, the day clamped to the month's end (2026-11-30 + 3 → 2027-02-28). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}
