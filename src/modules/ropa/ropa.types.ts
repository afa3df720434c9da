import { ArgsType, Field, Int, ObjectType } from "type-graphql";
import { Connection } from "../../common/connection";
import { Payload } from "../../common/mutation";
import { DataCategory } from "../taxonomy/taxonomy.entity";
import { ProcessingActivity } from "./activity.entity";

export const ActivityConnection = Connection(ProcessingActivity, "ProcessingActivity");

export const ActivityPayload = Payload(
  ProcessingActivity,
  "processingActivity",
  "Result of a processing activity mutation.",
);

@ObjectType({ description: "A data category of an activity, with its own erasure limit where it differs." })
export class ActivityCategory {
  @Field(() => DataCategory) category: DataCategory;
  @Field(() => String, { nullable: true }) retention: string | null;
}

@ArgsType()
export class ActivitiesArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20, description: "Page size, 0–100." }) first?: number;
  @Field(() => String, { nullable: true }) after?: string;
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: "Include archived (ended) activities." })
  includeArchived?: boolean;
}
