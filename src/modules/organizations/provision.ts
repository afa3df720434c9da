// A new tenant: its organization and its first API key, in one transaction on the owner connection (the
// app role cannot create tenants). The one home for it: `npm run org:create` (src/cli/org-create.ts),
// the demo data and the tests all come here.
import type { DataSource } from "typeorm";
import { Role } from "../../common/auth";
import type { ApiKey } from "../auth/api-key.entity";
import { insertApiKey } from "../auth/api-key.service";
import { Organization } from "./organization.entity";

export interface CreatedOrganization {
  organization: Organization;
  /** The key's row (no secret). */
  key: ApiKey;
  /** The key itself (`tsk_…`): returned once, never stored. */
  apiKey: string;
}

/** Creates an organization with one API key (ADMIN unless said otherwise) through the owner connection. */
export async function createOrganization(
  owner: DataSource,
  fields: Partial<Organization> & { name: string; countryCode: string },
  role: Role = Role.ADMIN,
  keyName = `${role.toLowerCase()} key`,
): Promise<CreatedOrganization> {
  return owner.transaction(async (m) => {
    const organization = await m.save(m.create(Organization, fields));
    const { apiKey: key, secret } = await insertApiKey(m, organization.id, { name: keyName, role });
    return { organization, key, apiKey: secret };
  });
}

/**
 * How many organizations have this name, in any case and trimmed (the CLI will not make a second one by mistake:
 * "acme a/s" beside "Acme A/S" is the same controller). lower() in SQL: the database's comparison, not JavaScript's.
 */
export function organizationsNamed(owner: DataSource, name: string): Promise<number> {
  return owner
    .getRepository(Organization)
    .createQueryBuilder("o")
    .where("lower(btrim(o.name)) = lower(btrim(:name))", { name })
    .getCount();
}
