// Builders for the records most tests need, through the API (so they pass the same rules as a client's).
import type { Role } from "../../src/common/auth";
import type { TestApp } from "./app";

export interface CreatedProcessor {
  id: string;
  version: number;
}

/** A processor of the key's organization; input as for createProcessor (name required). */
export async function createProcessor(
  app: TestApp,
  key: string,
  input: Record<string, unknown> & { name: string },
  headers: Record<string, string> = {},
): Promise<CreatedProcessor> {
  const res = await app.gql(
    key,
    `mutation($input: CreateProcessorInput!) {
      createProcessor(input: $input) { processor { id version } userErrors { field code message } } }`,
    { input },
    headers,
  );
  if (res.errors || res.data?.createProcessor.userErrors.length)
    throw new Error(`createProcessor failed: ${JSON.stringify(res.errors ?? res.data.createProcessor.userErrors)}`);
  return res.data.createProcessor.processor;
}

/** A new API key of the admin's organization with this role; returns its secret. */
export async function createApiKey(
  app: TestApp,
  adminKey: string,
  role: Role | string,
  name?: string,
): Promise<string> {
  const data = await app.ok(
    adminKey,
    `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret userErrors { code } } }`,
    { input: { name: name ?? `${String(role).toLowerCase()} key`, role } },
  );
  return data.createApiKey.secret;
}
