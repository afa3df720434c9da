import { Organization } from "../modules/organizations/organization.entity";
import { ApiKey } from "../modules/auth/api-key.entity";
import { Processor } from "../modules/processors/processor.entity";
import { Agreement } from "../modules/agreements/agreement.entity";
import {
  AgreementDataCategory,
  AgreementDataSubjectCategory,
  AgreementRequiredMeasure,
} from "../modules/agreements/agreement-links.entity";
import { SubprocessorEngagement } from "../modules/subprocessors/engagement.entity";
import { EngagementHistoryEntry } from "../modules/subprocessors/engagement-history.entity";
import { ChangeNotice } from "../modules/subprocessors/change-notice.entity";
import { AuditReport } from "../modules/supervision/audit-report.entity";
import { AuditFinding } from "../modules/supervision/finding.entity";
import { AuditReportReview } from "../modules/supervision/review.entity";
import { SupervisionChoice } from "../modules/supervision/supervision-plan.entity";
import { BreachNotice } from "../modules/supervision/breach-notice.entity";
import { Evidence, EvidenceContent } from "../modules/evidence/evidence.entity";
import { RiskAssessmentRecord, RiskFreshness, RiskModelVersion } from "../modules/risk/risk.entity";
import {
  ActivityDataCategory,
  ActivityDataSubjectCategory,
  ActivityProcessor,
  ProcessingActivity,
} from "../modules/ropa/activity.entity";
import { DataCategory, DataSubjectCategory } from "../modules/taxonomy/taxonomy.entity";
import { Measure } from "../modules/measures/measure.entity";
import { ProcessorMeasure } from "../modules/measures/processor-measure.entity";
import { AgreementImport, AgreementImportText } from "../modules/dpa-import/agreement-import.entity";
import { EVENTS_ENTITIES } from "../modules/events";
import { WEBHOOKS_ENTITIES } from "../modules/webhooks";
import { JOBS_ENTITIES } from "../modules/jobs";

export const ENTITIES = [
  Organization,
  ApiKey,
  Processor,
  Agreement,
  AgreementDataCategory,
  AgreementDataSubjectCategory,
  AgreementRequiredMeasure,
  SubprocessorEngagement,
  EngagementHistoryEntry,
  ChangeNotice,
  AuditReport,
  AuditFinding,
  AuditReportReview,
  SupervisionChoice,
  BreachNotice,
  Evidence,
  EvidenceContent,
  RiskModelVersion,
  RiskAssessmentRecord,
  RiskFreshness,
  ProcessingActivity,
  ActivityProcessor,
  ActivityDataCategory,
  ActivityDataSubjectCategory,
  DataCategory,
  DataSubjectCategory,
  Measure,
  ProcessorMeasure,
  AgreementImport,
  ...EVENTS_ENTITIES,
  ...WEBHOOKS_ENTITIES,
  ...JOBS_ENTITIES,
  AgreementImportText,
];
