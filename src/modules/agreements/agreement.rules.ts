// Pure rules about agreements: no database, unit-tested.
import { Agreement } from "./agreement.entity";
import { AgreementKind, AgreementStatus } from "./agreement.enums";

/**
 * The agreement in force for a processor: the controller's own DPA when one is active, otherwise the
 * active sub-processor agreement. Among several, the latest effective date wins.
 */
export function currentAgreementOf<
  T extends Pick<Agreement, "status" | "kind" | "principalId" | "effectiveFrom" | "createdAt">,
>(agreements: T[]): T | null {
  const active = agreements.filter((a) => a.status === AgreementStatus.ACTIVE);
  const rank = (a: T) => (a.kind === AgreementKind.DPA && a.principalId === null ? 1 : 0);
  return (
    [...active].sort(
      (a, b) =>
        rank(b) - rank(a) ||
        (b.effectiveFrom ?? "").localeCompare(a.effectiveFrom ?? "") ||
        b.createdAt.getTime() - a.createdAt.getTime(),
    )[0] ?? null
  );
}

/** Days in a given month of a year (month 1–12), leap years included. */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A fixed day written MM-DD (e.g. 01-01) must exist in some year; 02-29 is allowed. */
export function isValidDueDay(mmdd: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(mmdd);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(2024, month);
}
