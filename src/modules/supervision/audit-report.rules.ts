// What makes an audit report coherent, as plain data checks (unit-tested without a database).
import {
  ATTESTATION_TYPES,
  AuditReportType,
  ReportKind,
  ReviewConclusion,
  SubserviceMethod,
} from "./supervision.enums";
import { withArticle } from "../../common/wording";

export interface ReportFacts {
  type: AuditReportType;
  reportKind: ReportKind | null;
  periodStart: string | null;
  periodEnd: string | null;
  asOfDate: string | null;
  issuedOn: string | null;
  receivedOn: string;
  subserviceMethod: SubserviceMethod | null;
  carvedOutProcessorIds: string[];
  bridgeLetterUntil: string | null;
  standard: string | null;
  validUntil: string | null;
}

export interface RuleBreach {
  field: string;
  code: "REQUIRED" | "INVALID";
  message: string;
}

export function auditReportProblems(r: ReportFacts, today: string): RuleBreach[] {
  const out: RuleBreach[] = [];
  const need = (field: string, ok: boolean, message: string) => {
    if (!ok) out.push({ field, code: "REQUIRED", message });
  };
  const check = (field: string, ok: boolean, message: string) => {
    if (!ok) out.push({ field, code: "INVALID", message });
  };
  if (ATTESTATION_TYPES.includes(r.type)) {
    need(
      "reportKind",
      r.reportKind !== null,
      `reportKind is required for ${withArticle(r.type)} report (TYPE_1 or TYPE_2)`,
    );
  } else {
    check(
      "reportKind",
      r.reportKind === null,
      `reportKind applies only to ISAE 3000, ISAE 3402 and SOC 2 reports, not to ${r.type}`,
    );
  }
  if (r.reportKind === ReportKind.TYPE_2) {
    need("periodStart", r.periodStart !== null, "periodStart is required for a type 2 report: it covers a period");
    need("periodEnd", r.periodEnd !== null, "periodEnd is required for a type 2 report: it covers a period");
  }
  if (r.reportKind === ReportKind.TYPE_1) {
    need("asOfDate", r.asOfDate !== null, "asOfDate is required for a type 1 report: it speaks of one date");
  }
  if (r.periodStart && r.periodEnd)
    check("periodEnd", r.periodEnd >= r.periodStart, "periodEnd must not be before periodStart");
  if (r.periodStart && !r.periodEnd) need("periodEnd", false, "periodEnd is required when periodStart is given");
  if (r.periodEnd && !r.periodStart) need("periodStart", false, "periodStart is required when periodEnd is given");
  check("receivedOn", r.receivedOn <= today, "receivedOn must not be in the future");
  if (r.issuedOn) check("issuedOn", r.issuedOn <= r.receivedOn, "issuedOn must not be after receivedOn");
  if (r.issuedOn && r.periodEnd)
    check(
      "issuedOn",
      r.issuedOn >= r.periodEnd,
      "issuedOn must not be before periodEnd: a report is issued after the period it covers",
    );
  if (r.bridgeLetterUntil) {
    need("periodEnd", r.periodEnd !== null, "a bridge letter extends a period: periodEnd is required");
    if (r.periodEnd)
      check("bridgeLetterUntil", r.bridgeLetterUntil > r.periodEnd, "bridgeLetterUntil must be after periodEnd");
  }
  if (r.carvedOutProcessorIds.length) {
    check(
      "carvedOutSubprocessorIds",
      r.subserviceMethod === SubserviceMethod.CARVE_OUT,
      "carvedOutSubprocessorIds needs subserviceMethod CARVE_OUT",
    );
  }
  if (r.type === AuditReportType.CERTIFICATION) {
    need("standard", !!r.standard, "standard is required for a certification (e.g. ISO/IEC 27001:2022)");
    need("validUntil", r.validUntil !== null, "validUntil is required for a certification");
  }
  return out;
}

/** A certification counts only while valid; other reports have no expiry of their own. */
export function isCertificationValid(r: Pick<ReportFacts, "type" | "validUntil">, on: string): boolean {
  return r.type === AuditReportType.CERTIFICATION && r.validUntil !== null && r.validUntil >= on;
}

/**
 * Whether a report counts as supervision carried out: one the controller rejected on its latest
 * review does not. `reviews` newest first. SQL twin: reportCountsAsSupervision (supervision.sql.ts).
 */
export function countsAsSupervision(reviews: readonly { conclusion: ReviewConclusion }[]): boolean {
  return reviews[0]?.conclusion !== ReviewConclusion.REJECTED;
}
