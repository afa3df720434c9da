// Who may do what: the roles of an API key and, in one table, the role groups that every check reads
// (GraphQL @Authorized, field-level checks, the plain HTTP endpoints).
import { AuthChecker } from "type-graphql";
import { EnumValue, graphqlEnum } from "../common/enums";

export const Role = graphqlEnum("Role", "What an API key may do.", {
  ADMIN: "Everything, including managing API keys.",
  EDITOR: "Read and write domain data.",
  VIEWER: "Read domain data.",
  AUDITOR: "Read domain data, evidence content and the audit log; write nothing.",
});
export type Role = EnumValue<typeof Role>;

/** Which roles may do what. Reading domain data needs no entry: every role may. */
export const ALLOWED = {
  /** Write domain data. AUDITOR and VIEWER read only. */
  write: [Role.ADMIN, Role.EDITOR],
  /** Manage API keys and the organization's risk model. */
  administer: [Role.ADMIN],
  /** See API keys' metadata (node(id) of an ApiKey; the apiKeys query). */
  readApiKeys: [Role.ADMIN],
  /** Read the audit log and every record's history. */
  readAuditLog: [Role.ADMIN, Role.AUDITOR],
  /**
   * Read the documents themselves (evidence content, drafts read from them). VIEWER sees their
   * metadata (title, hash, dates, links) but not the DPAs, audit reports and correspondence.
   */
  readDocuments: [Role.ADMIN, Role.EDITOR, Role.AUDITOR],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof ALLOWED;

export function allows(role: Role, permission: Permission): boolean {
  return (ALLOWED[permission] as readonly Role[]).includes(role);
}

export const authChecker: AuthChecker<{ actor?: { role: Role } }, Role> = ({ context }, roles) => {
  if (!context.actor) return false;
  return roles.length === 0 || roles.includes(context.actor.role);
};
