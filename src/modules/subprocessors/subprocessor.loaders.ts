import { IsNull } from "typeorm";
import type { RequestContext } from "../../context";
import { byId, groupBy } from "../../common/loader-kit";
import { SubprocessorEngagement } from "./engagement.entity";
import { EngagementHistoryEntry } from "./engagement-history.entity";
import { ChangeNotice } from "./change-notice.entity";

export function subprocessorLoaders({ manager }: RequestContext) {
  return {
    engagementById: byId(manager, SubprocessorEngagement),
    /** Direct sub-processor edges below a processor. */
    engagementsByProcessor: groupBy(manager, SubprocessorEngagement, "processorId", {
      where: { archivedAt: IsNull() },
      order: { createdAt: "ASC" },
    }),
    historyByEngagement: groupBy(manager, EngagementHistoryEntry, "engagementId", {
      order: { effectiveOn: "ASC", recordedAt: "ASC" },
    }),
    changeNoticesByProcessor: groupBy(manager, ChangeNotice, "processorId", {
      order: { receivedOn: "DESC", createdAt: "DESC" },
    }),
  };
}

declare module "../../common/loader-kit" {
  interface Loaders extends ReturnType<typeof subprocessorLoaders> {}
}
