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
