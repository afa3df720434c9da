import { AuthChecker } from "type-graphql";
import type { RequestContext } from "../context";
import { Role } from "../modules/auth/api-key.entity";

/** Roles that may write domain data. AUDITOR and VIEWER read only. */
export const WRITERS = [Role.ADMIN, Role.EDITOR];
export const ADMINS = [Role.ADMIN];

export const authChecker: AuthChecker<RequestContext, Role> = ({ context }, roles) => {
  if (!context.actor) return false;
  return roles.length === 0 || roles.includes(context.actor.role);
};
