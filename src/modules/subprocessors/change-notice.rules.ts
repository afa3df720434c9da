// Art. 28(2) deadlines. Under GENERAL authorisation the controller may object until the deadline
// and silence then counts as acceptance; under SPECIFIC authorisation only an explicit approval
// counts, so a notice left undecided past its deadline is not approved.
import { addDays, daysBetween } from "../../common/dates";
import { SubprocessorAuthorization } from "../agreements/agreement.enums";
import { ChangeNoticeDecision } from "./change-notice.entity";

export enum ChangeNoticeState {
  PENDING = "PENDING",
  APPROVED = "APPROVED",
  OBJECTED = "OBJECTED",
  DEEMED_ACCEPTED = "DEEMED_ACCEPTED",
  NOT_APPROVED = "NOT_APPROVED",
}

export interface NoticeFacts {
  authorization: SubprocessorAuthorization;
  deadline: string | null;
  decision: ChangeNoticeDecision;
}

export function deadlineFor(receivedOn: string, noticeDays: number | null): string | null {
  return noticeDays === null ? null : addDays(receivedOn, noticeDays);
}

/** Whether the deadline has run out by `today` (the deadline day itself still counts). */
export function isLapsed(n: Pick<NoticeFacts, "deadline">, today: string): boolean {
  return n.deadline !== null && today > n.deadline;
}

export function noticeState(n: NoticeFacts, today: string): ChangeNoticeState {
  if (n.decision !== ChangeNoticeDecision.PENDING) return n.decision as unknown as ChangeNoticeState;
  if (!isLapsed(n, today)) return ChangeNoticeState.PENDING;
  return n.authorization === SubprocessorAuthorization.GENERAL
    ? ChangeNoticeState.DEEMED_ACCEPTED
    : ChangeNoticeState.NOT_APPROVED;
}

/** Days until the deadline (0 on the day itself); null once decided or without a deadline. */
export function daysLeft(n: NoticeFacts, today: string): number | null {
  if (n.decision !== ChangeNoticeDecision.PENDING || n.deadline === null) return null;
  return daysBetween(today, n.deadline);
}

/** The day a GENERAL change takes effect when nobody objected: the day after the deadline. */
export function deemedAcceptedOn(deadline: string): string {
  return addDays(deadline, 1);
}
