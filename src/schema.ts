import { GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { authChecker } from "./common/auth";
import { NodeResolver } from "./common/node.resolver";
import { ApiKeyResolver } from "./modules/auth/api-key.resolver";
import { ProcessorResolver } from "./modules/processors/processor.resolver";
import {
  AgreementDataCategoryResolver,
  AgreementDataSubjectCategoryResolver,
  AgreementRequiredMeasureResolver,
  AgreementResolver,
} from "./modules/agreements/agreement.resolver";
import { SubprocessorEngagementResolver } from "./modules/subprocessors/engagement.resolver";
import { DataCategoryResolver, DataSubjectCategoryResolver } from "./modules/taxonomy/taxonomy.resolver";
import { MeasureResolver, ProcessorMeasureResolver } from "./modules/measures/measure.resolver";
import { Organization } from "./modules/organizations/organization.entity";
import { EVIDENCE_RESOLVERS } from "./modules/evidence/evidence.resolver";
import { IMPORT_RESOLVERS } from "./modules/dpa-import/import.resolver";
import { SUPERVISION_RESOLVERS } from "./modules/supervision/supervision.resolver";
import { EvidenceListResolver } from "./modules/auditor/evidence-list.resolver";
import { RISK_RESOLVERS } from "./modules/risk/risk.resolver";
import { ROPA_RESOLVERS } from "./modules/ropa/ropa.resolver";
import { AuditLogResolver } from "./modules/audit/audit.resolver";
import { EVENTS_RESOLVERS } from "./modules/events";
import { WEBHOOKS_RESOLVERS } from "./modules/webhooks";
import { JOBS_RESOLVERS } from "./modules/jobs";
import { ChangeNoticeResolver, ProcessorChangeNoticeResolver } from "./modules/subprocessors/change-notice.resolver";
import {
  ProcessorChainResolver,
  ProcessorChainTypeResolver,
  SubprocessorConcentrationResolver,
  SubprocessorTreeNodeResolver,
  TransferExposureResolver,
  TransferFindingResolver,
  TransferHopResolver,
} from "./modules/chains/chain.resolver";

export const RESOLVERS = [
  NodeResolver,
  ApiKeyResolver,
  ProcessorResolver,
  AgreementResolver,
  AgreementDataCategoryResolver,
  AgreementDataSubjectCategoryResolver,
  AgreementRequiredMeasureResolver,
  SubprocessorEngagementResolver,
  ChangeNoticeResolver,
  ProcessorChangeNoticeResolver,
  ProcessorChainResolver,
  ProcessorChainTypeResolver,
  SubprocessorTreeNodeResolver,
  TransferHopResolver,
  TransferFindingResolver,
  TransferExposureResolver,
  SubprocessorConcentrationResolver,
  DataCategoryResolver,
  DataSubjectCategoryResolver,
  MeasureResolver,
  ProcessorMeasureResolver,
  ...SUPERVISION_RESOLVERS,
  ...EVIDENCE_RESOLVERS,
  EvidenceListResolver,
  ...RISK_RESOLVERS,
  ...ROPA_RESOLVERS,
  AuditLogResolver,
  ...IMPORT_RESOLVERS,
  ...EVENTS_RESOLVERS,
  ...WEBHOOKS_RESOLVERS,
  ...JOBS_RESOLVERS,
] as const;

let cached: Promise<GraphQLSchema> | undefined;

export function getSchema(): Promise<GraphQLSchema> {
  // validate: false on purpose: class-validator runs in the mutation runner and returns userErrors.
  cached ??= buildSchema({ resolvers: RESOLVERS, authChecker, validate: false, orphanedTypes: [Organization] });
  return cached;
}

/** The SDL committed as schema/schema.graphql (sorted, so diffs show real changes only). */
export async function printSchemaSdl(): Promise<string> {
  return printSchema(lexicographicSortSchema(await getSchema())) + "\n";
}
