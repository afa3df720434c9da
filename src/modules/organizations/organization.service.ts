import type { RequestContext } from "../../context";
import { Organization } from "./organization.entity";

/** The caller's organization (the controller). */
function currentOrganization(ctx: RequestContext): Promise<Organization> {
  return ctx.manager.findOneOrFail(Organization, { where: { id: ctx.actor.organizationId } });
}

export const organizationService = {
  current: currentOrganization,
};
