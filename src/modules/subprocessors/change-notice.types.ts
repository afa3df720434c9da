import { Field, ObjectType } from "type-graphql";
import { UserError } from "../../common/errors";
import { Payload } from "../../common/mutation";
import { ChangeNotice } from "./change-notice.entity";

export const ChangeNoticePayload = Payload(ChangeNotice, "changeNotice", "Result of a change-notice mutation.");

@ObjectType({ description: "Result of settling lapsed change notices." })
export class SettleChangeNoticesPayload {
  @Field(() => [ChangeNotice], { description: "The notices recorded as DEEMED_ACCEPTED now." })
  settled: ChangeNotice[];

  @Field(() => [UserError], { description: "Always empty; present for a uniform payload shape." })
  userErrors: UserError[];
}
