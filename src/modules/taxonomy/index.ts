import { defineModule } from "../../common/module";
import { DataCategory, DataSubjectCategory } from "./taxonomy.entity";
import { DataCategoryResolver, DataSubjectCategoryResolver } from "./taxonomy.resolver";
import { taxonomyLoaders } from "./taxonomy.loaders";

/** The data and data-subject category vocabularies: the default one plus each organization's own entries. */
export default defineModule({
  name: "taxonomy",
  entities: [DataCategory, DataSubjectCategory],
  resolvers: [DataCategoryResolver, DataSubjectCategoryResolver],
  loaders: taxonomyLoaders,
  // Rows with organization_id NULL are the default vocabulary, readable by every organization.
  tenantTables: ["data_category", "data_subject_category"],
});
