import DataLoader from "dataloader";
import type { RequestContext } from "../../context";
import { AuditHistoryKey, auditHistoryCacheKey, auditLogService } from "./audit-log.service";
import type { AuditLogEntry } from "./audit-log.types";

export function auditLogLoaders({ manager }: RequestContext) {
  return {
    /** Audit log entries of records (table + uuid), newest first, the latest `first` of each: one query per batch. */
    auditHistory: new DataLoader<AuditHistoryKey, AuditLogEntry[], string>(
      (keys) => auditLogService.histories(manager, keys),
      {
        cacheKeyFn: auditHistoryCacheKey,
      },
    ),
  };
}

declare module "../../common/loader-kit" {
  interface Loaders extends ReturnType<typeof auditLogLoaders> {}
}
