// Pure rules about findings: no database, unit-tested.
import { FindingStatus } from "./supervision.enums";

/** A finding still to be followed up. SQL twin: findingOpen (supervision.sql.ts). */
export function isOpenFinding(f: { status: FindingStatus }): boolean {
  return f.status !== FindingStatus.CLOSED;
}

/** An open finding past its due date. */
export function isOverdueFinding(f: { status: FindingStatus; dueOn: string | null }, today: string): boolean {
  return isOpenFinding(f) && f.dueOn !== null && f.dueOn < today;
}
