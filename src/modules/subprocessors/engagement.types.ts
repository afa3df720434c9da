import { Payload } from "../../common/mutation";
import { SubprocessorEngagement } from "./engagement.entity";

export const EngagementPayload = Payload(
  SubprocessorEngagement,
  "engagement",
  "Result of a sub-processor engagement mutation.",
);
