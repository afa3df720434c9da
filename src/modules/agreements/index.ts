import { defineModule } from "../../common/module";
import { Agreement } from "./agreement.entity";
import {
  AgreementDataCategory,
  AgreementDataSubjectCategory,
  AgreementRequiredMeasure,
} from "./agreement-links.entity";
import {
  AgreementDataCategoryResolver,
  AgreementDataSubjectCategoryResolver,
  AgreementRequiredMeasureResolver,
  AgreementResolver,
} from "./agreement.resolver";
import { agreementLoaders } from "./agreement.loaders";

/** DPAs and sub-processor agreements with their clauses, categories and required measures. */
export default defineModule({
  name: "agreements",
  entities: [Agreement, AgreementDataCategory, AgreementDataSubjectCategory, AgreementRequiredMeasure],
  resolvers: [
    AgreementResolver,
    AgreementDataCategoryResolver,
    AgreementDataSubjectCategoryResolver,
    AgreementRequiredMeasureResolver,
  ],
  loaders: agreementLoaders,
  tenantTables: [
    "agreement",
    "agreement_data_category",
    "agreement_data_subject_category",
    "agreement_required_measure",
  ],
});
