// Every migration, in order. Listed explicitly so the same list works from ts-node and from dist/.
import { Initial1795395326849 } from "./1795395326849-Initial";
import { RowLevelSecurity1795395326850 } from "./1795395326850-RowLevelSecurity";
import { SubprocessorChains1795397291052 } from "./1795397291052-SubprocessorChains";
import { EngagementHistory1795397291053 } from "./1795397291053-EngagementHistory";
import { Supervision1795398027072 } from "./1795398027072-Supervision";
import { SupervisionTenancy1795398027073 } from "./1795398027073-SupervisionTenancy";
import { AuditLog1795398935610 } from "./1795398935610-AuditLog";
import { Risk1795400617057 } from "./1795400617057-Risk";
import { RiskFreshness1795400617058 } from "./1795400617058-RiskFreshness";
import { ProcessingActivities1795401723555 } from "./1795401723555-ProcessingActivities";
import { ProcessingActivitiesTenancy1795401723556 } from "./1795401723556-ProcessingActivitiesTenancy";
import { RiskCompression1795401723557 } from "./1795401723557-RiskCompression";
import { CurrentRiskAssessment1795407342170 } from "./1795407342170-CurrentRiskAssessment";
import { AgreementImports1795407601279 } from "./1795407601279-AgreementImports";
import { AgreementImportsTenancy1795407601280 } from "./1795407601280-AgreementImportsTenancy";
import { AppLogin1795500000000 } from "./1795500000000-AppLogin";
import { AgreementImportText1796000021000 } from "./1796000021000-AgreementImportText";
import { EventsAndWebhooks1796417427468 } from "./1796417427468-EventsAndWebhooks";
import { EventsAndWebhooksTenancy1796417427469 } from "./1796417427469-EventsAndWebhooksTenancy";

export const MIGRATIONS: Function[] = [
  Initial1795395326849,
  RowLevelSecurity1795395326850,
  SubprocessorChains1795397291052,
  EngagementHistory1795397291053,
  Supervision1795398027072,
  SupervisionTenancy1795398027073,
  AuditLog1795398935610,
  Risk1795400617057,
  RiskFreshness1795400617058,
  ProcessingActivities1795401723555,
  ProcessingActivitiesTenancy1795401723556,
  RiskCompression1795401723557,
  CurrentRiskAssessment1795407342170,
  AgreementImports1795407601279,
  AgreementImportsTenancy1795407601280,
  AppLogin1795500000000,
  AgreementImportText1796000021000,
  EventsAndWebhooks1796417427468,
  EventsAndWebhooksTenancy1796417427469,
];
