// Pure rules about agreements: no database, unit-tested.
import { Agreement } from "./agreement.entity";
import { AgreementKind, AgreementStatus } from "./agreement.enums";

type Ranked = Pick<Agreement, "status" | "kind" | "principalId" | "effectiveFrom" | "createdAt">;
/** What "in force" reads of an agreement and of the others on file (its successors). */
type Versioned = Pick<Agreement, "id" | "supersedesId" | "status" | "effectiveFrom" | "endOn" | "archivedAt">;

/**
 * The day a superseded agreement stops binding: the earliest effectiveFrom of the non-archived agreements on file
 * that supersede it (supersedesId = its id; always of the same processor). Null when it binds no more: no successor
 * on file, or one without effectiveFrom (in force at once).
 */
export function successorStartOf(a: Pick<Agreement, "id">, agreements: readonly Versioned[]): string | null {
  let start: string | null = null;
  for (const s of agreements) {
    if (s.supersedesId !== a.id || s.archivedAt) continue;
    if (s.effectiveFrom === null) return null;
    if (start === null || s.effectiveFrom < start) start = s.effectiveFrom;
  }
  return start;
}

/**
 * Whether an agreement is in force on `day` (ISO date): not archived, taken effect (effectiveFrom unset or on or
 * before the day), not ended (endOn unset or on or after the day, its last day), and either ACTIVE or SUPERSEDED
 * by a version that has yet to take effect: a superseded version keeps binding through the day before its
 * successor's effectiveFrom (successorStartOf, among `agreements`, the processor's others on file). An agreement
 * that ended or has yet to start binds nobody that day. The SQL twin is agreementInForce (agreement.sql.ts).
 */
export function inForceOn(a: Versioned, day: string, agreements: readonly Versioned[]): boolean {
  if (a.archivedAt || (a.effectiveFrom !== null && a.effectiveFrom > day) || (a.endOn !== null && a.endOn < day))
    return false;
  if (a.status === AgreementStatus.ACTIVE) return true;
  if (a.status !== AgreementStatus.SUPERSEDED) return false;
  const until = successorStartOf(a, agreements);
  return until !== null && day < until;
}

/** The first by rank: the controller's own DPA before a sub-processor agreement, then the latest effective date. */
function firstRankedOf<T extends Ranked>(agreements: readonly T[]): T | null {
  const rank = (a: T) => (a.kind === AgreementKind.DPA && a.principalId === null ? 1 : 0);
  return (
    [...agreements].sort(
      (a, b) =>
        rank(b) - rank(a) ||
        (b.effectiveFrom ?? "").localeCompare(a.effectiveFrom ?? "") ||
        b.createdAt.getTime() - a.createdAt.getTime(),
    )[0] ?? null
  );
}

/**
 * The latest ACTIVE version, in force or not: the controller's own DPA before a sub-processor agreement,
 * then the latest effective date. What a new version supersedes (a renewal replaces the expired one).
 */
export function latestActiveOf<T extends Ranked>(agreements: T[]): T | null {
  return firstRankedOf(agreements.filter((a) => a.status === AgreementStatus.ACTIVE));
}

/**
 * The agreement in force for a processor on `day`: among those in force that day (inForceOn: ACTIVE ones, and
 * a SUPERSEDED one until its successor takes effect), the controller's own DPA, otherwise the sub-processor
 * agreement; among several, the latest effective date wins. `agreements` are all the processor's agreements on
 * file (superseded ones and their successors included). Null when none is in force, even if an expired or future
 * one is on file.
 */
export function currentAgreementOf<T extends Ranked & Versioned>(agreements: T[], day: string): T | null {
  return firstRankedOf(agreements.filter((a) => inForceOn(a, day, agreements)));
}

/**
 * Why a processor with ACTIVE agreements has none in force on `day`: the latest of them ended before it, or
 * takes effect after it. Null when one is in force or none is ACTIVE.
 */
export function outOfForceOf<T extends Ranked & Versioned>(
  agreements: T[],
  day: string,
): { agreement: T; endedOn: string | null; startsOn: string | null } | null {
  if (currentAgreementOf(agreements, day)) return null;
  const latest = latestActiveOf(agreements);
  if (!latest) return null;
  const endedOn = latest.endOn !== null && latest.endOn < day ? latest.endOn : null;
  return { agreement: latest, endedOn, startsOn: endedOn ? null : latest.effectiveFrom };
}

/** A version as the supersession chain reads it: what it supersedes, and its title to name it. */
type ChainLink = Pick<Agreement, "id" | "supersedesId" | "title">;

/**
 * The loop that `a` superseding `supersedesId` would close, as a message naming it, else null: the chain from
 * `supersedesId` (through each version's supersedesId, among `versions`, the processor's agreements on file)
 * leads back to `a`. In a loop every version is superseded by another, so no version is the latest and which
 * one is in force is undefined. A new agreement (no id yet) closes no loop: nothing on file supersedes it yet.
 */
export function supersessionLoopProblem(
  a: Pick<ChainLink, "id" | "title">,
  supersedesId: string,
  versions: readonly ChainLink[],
): string | null {
  if (!a.id) return null;
  const byId = new Map(versions.map((v) => [v.id, v]));
  const path: Pick<ChainLink, "title">[] = [a];
  const seen = new Set<string>([a.id]);
  let next: string | null = supersedesId;
  while (next !== null) {
    if (next === a.id) {
      const named = [...path, a].map((v) => `"${v.title}"`).join(" → ");
      return (
        `supersedesId would close a loop of versions: ${named} (each supersedes the next); ` +
        `an agreement must not supersede a version that supersedes it, directly or through others`
      );
    }
    // A loop already on file that does not pass through `a` is none of this change's doing.
    if (seen.has(next)) return null;
    seen.add(next);
    const v = byId.get(next);
    if (!v) return null;
    path.push(v);
    next = v.supersedesId;
  }
  return null;
}
