import { ArgsType, Field, Int, ObjectType } from "type-graphql";
import { LocalDateScalar } from "../../common/scalars";
import { SupervisionMethod } from "../agreements/agreement.enums";
import { SupervisionStatus } from "./supervision.enums";
import { Payload } from "../../common/mutation";
import { Processor } from "../processors/processor.entity";
import { AuditReport } from "./audit-report.entity";
import { AuditFinding } from "./finding.entity";
import { AuditReportReview } from "./review.entity";
import { BreachNotice } from "./breach-notice.entity";
import { DEFAULT_DUE_SOON_DAYS } from "./schedule.rules";
import { Connection, FilteredPageArgs } from "../../common/connection";
import { FindingFilter } from "./supervision.inputs";
import { OptionalDate } from "../../common/validation";

@ObjectType({
  description:
    "How one processor is supervised: what its agreement requires (method, interval, fixed due day), what the " +
    "controller chose and why, the last supervision carried out, the next due date and the status today.",
})
export class SupervisionPlan {
  processorId: string;
  agreementId: string | null;
  lastReportId: string | null;

  @Field(() => [SupervisionMethod], {
    description: "Methods the agreement provides for (its audit clause, Bilag C.7).",
  })
  requiredMethods: SupervisionMethod[];

  @Field(() => Int, { nullable: true, description: "Interval the agreement sets, in months; null when it sets none." })
  requiredIntervalMonths: number | null;

  @Field(() => String, { nullable: true, description: "Fixed due day the agreement sets (MM-DD, e.g. 01-01)." })
  requiredDueDay: string | null;

  @Field(() => Int, {
    description: "The interval applied: the controller's if shorter, else the agreement's, else 12 months.",
  })
  intervalMonths: number;

  @Field(() => SupervisionMethod, { nullable: true, description: "The method the controller chose." })
  chosenMethod: SupervisionMethod | null;

  @Field(() => String, { nullable: true, description: "Why." })
  rationale: string | null;

  @Field(() => String, { nullable: true, description: "Who owns the supervision." })
  owner: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Whether the chosen method is one the agreement provides for; null when either is not stated.",
  })
  chosenMethodAllowed: boolean | null;

  @Field(() => LocalDateScalar, {
    description: "The date the schedule runs from (the agreement's start, or when it was recorded).",
  })
  startOn: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "The last supervision that counts (a report received and not rejected on review).",
  })
  lastSupervisedOn: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description:
      "The next due date. Null when it would fall after 9999-12-31, the last date the API has (an agreement in " +
      "force from 9999-12-01 audited every 120 months): nothing is due within the calendar.",
  })
  nextDueOn: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "Days until the due date; negative when overdue. Null without a due date (nextDueOn null).",
  })
  daysUntilDue: number | null;

  @Field(() => SupervisionStatus, {
    description: "Status today. Without a due date: NEVER_SUPERVISED if no supervision counts, else OK.",
  })
  status: SupervisionStatus;

  @Field(() => Int, { description: "Reports received but not reviewed: each is an open item." })
  unreviewedReports: number;

  @Field(() => Int, { description: "Findings not closed." })
  openFindings: number;
}

/** The dueSoonDays argument of the schedule queries. */
export const dueSoonArg = {
  defaultValue: DEFAULT_DUE_SOON_DAYS,
  description: "Days before the due date that count as DUE_SOON (0–365).",
};

export const AuditReportPayload = Payload(AuditReport, "auditReport", "Result of an audit report mutation.");

export const ReviewPayload = Payload(AuditReportReview, "review", "Result of reviewing a report.");

export const FindingPayload = Payload(AuditFinding, "finding", "Result of a finding mutation.");

export const BreachNoticePayload = Payload(BreachNotice, "breachNotice", "Result of recording a breach notice.");

export const PlanPayload = Payload(
  Processor,
  "processor",
  "Result of setting a supervision plan; read processor.supervisionPlan.",
  "SupervisionPlanPayload",
);

@ArgsType()
export class ScheduleArgs {
  @OptionalDate("Only plans due on or after this date.")
  from?: string | null;

  @OptionalDate("Only plans due on or before this date.")
  to?: string | null;

  @Field(() => [SupervisionStatus], {
    nullable: true,
    description:
      "Only these statuses. A vendor never supervised also answers DUE_SOON when its first deadline is within the " +
      "window, and OVERDUE once it has passed.",
  })
  status?: SupervisionStatus[] | null;

  @Field(() => Int, dueSoonArg)
  dueSoonDays: number;
}

export const AuditFindingConnection = Connection(AuditFinding, "AuditFinding");

@ArgsType()
export class FindingsArgs extends FilteredPageArgs(FindingFilter) {}
