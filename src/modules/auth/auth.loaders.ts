import type { RequestContext } from "../../context";
import { byId } from "../../common/loader-kit";
import { ApiKey } from "./api-key.entity";

export function authLoaders({ manager }: RequestContext) {
  return {
    apiKeyById: byId(manager, ApiKey),
  };
}

declare module "../../common/loader-kit" {
  interface Loaders extends ReturnType<typeof authLoaders> {}
}
