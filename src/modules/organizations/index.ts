import { defineModule } from "../../common/module";
import { Organization } from "./organization.entity";

/** The controller: one organization per tenant (its row is isolated by its own id). */
export default defineModule({
  name: "organizations",
  entities: [Organization],
  // No resolver returns it yet beside Viewer.organization; listed so the schema always has it.
  types: [Organization],
  tenantTables: ["organization"],
});
