import { defineModule } from "../../common/module";
import { ApiKey } from "./api-key.entity";
import { ApiKeyResolver } from "./api-key.resolver";
import { authLoaders } from "./auth.loaders";

/** API keys and the caller (viewer). Roles and role policies are in common/auth.ts. */
export default defineModule({
  name: "auth",
  entities: [ApiKey],
  resolvers: [ApiKeyResolver],
  loaders: authLoaders,
  tenantTables: ["api_key"],
  restrictedNodes: { ApiKey: "readApiKeys" },
});
