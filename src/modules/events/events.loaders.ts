import type { RequestContext } from "../../context";
import { byId } from "../../common/loader-kit";
import { Event } from "./event.entity";

export function eventLoaders({ manager }: RequestContext) {
  return {
    eventById: byId(manager, Event),
  };
}

declare module "../../common/loader-kit" {
  interface Loaders extends ReturnType<typeof eventLoaders> {}
}
