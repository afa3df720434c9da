import { defineModule } from "../../common/module";
import { SubprocessorEngagement } from "./engagement.entity";
import { EngagementHistoryEntry } from "./engagement-history.entity";
import { ChangeNotice } from "./change-notice.entity";
import { SubprocessorEngagementResolver } from "./engagement.resolver";
import { ChangeNoticeResolver, ProcessorChangeNoticeResolver } from "./change-notice.resolver";
import { subprocessorLoaders } from "./subprocessor.loaders";

/** Sub-processor engagements (the edges of a chain), their dated history and change notices. */
export default defineModule({
  name: "subprocessors",
  entities: [SubprocessorEngagement, EngagementHistoryEntry, ChangeNotice],
  resolvers: [SubprocessorEngagementResolver, ChangeNoticeResolver, ProcessorChangeNoticeResolver],
  loaders: subprocessorLoaders,
  tenantTables: ["subprocessor_engagement", "subprocessor_engagement_history", "subprocessor_change_notice"],
  // The history is itself a log of the engagements (which are audited).
  unauditedTables: ["subprocessor_engagement_history"],
});
