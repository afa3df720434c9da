// The tables the module manifests declare, for tests that check every table (row-level security, the
// audit-log trigger): a module's new table is covered by declaring it in its manifest.
import { MODULES } from "../../src/modules";

/** Tables holding one organization's rows under row-level security (organization itself included). */
export function tenantTables(): string[] {
  return MODULES.flatMap((m) => m.tenantTables ?? []).sort();
}

/** Tenant tables the audit log leaves out on purpose. */
export function unauditedTables(): string[] {
  return MODULES.flatMap((m) => m.unauditedTables ?? []).sort();
}

/** Tenant tables the audit-log trigger sits on. */
export function auditedTables(): string[] {
  const unaudited = new Set(unauditedTables());
  return tenantTables().filter((t) => !unaudited.has(t));
}
