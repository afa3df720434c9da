import { Payload } from "../../common/mutation";
import { SubprocessorEngagement } from "./engagement.entity";

export const EngagementPayload = Payload(
  SubprocessorEngagement,
  "engagement",
  "SubprocessorEngagementPayload",
  "Result of a sub-processor engagement mutation.",
);

export type EngagementPayloadShape = InstanceType<typeof EngagementPayload>;
