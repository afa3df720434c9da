import { defineModule } from "../../common/module";
import { AuditLogResolver, NodeHistoryResolver } from "./audit-log.resolver";
import { auditLogLoaders } from "./audit-log.loaders";

/** The change log the database writes (a trigger on every audited table), and each record's history. */
export default defineModule({
  name: "audit-log",
  resolvers: [AuditLogResolver, NodeHistoryResolver],
  loaders: auditLogLoaders,
  // The table is the database's own (no entity): written by record_audit_log(), never by the app.
  tenantTables: ["audit_log"],
  unauditedTables: ["audit_log"],
});
