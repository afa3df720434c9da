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

/**
 * A DPA in force with every art. 28(3) element confirmed, a 24 h breach deadline, e-mail addresses entrusted and one
 * required measure; `input` adds or overrides fields (dates, title, supersedesId, …). Returns its id.
 */
export async function createDpa(
  app: TestApp,
  key: string,
  input: Record<string, unknown> & { processorId: string; title: string },
): Promise<string> {
  const res = await app.ok(
    key,
    `mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { agreement { id } userErrors {
      field message } } }`,
    {
      input: {
        kind: "DPA",
        template: "OTHER",
        status: "ACTIVE",
        breachNotificationHours: 24,
        confirmedArt28Elements: ["A", "B", "C", "D", "E", "F", "G", "H"],
        dataSubjectVolume: "UNDER_1000",
        dataCategories: [{ key: "user.contact.email" }],
        requiredMeasures: [{ measureKey: "encryption.in_transit" }],
        ...input,
      },
    },
  );
  return res.createAgreement.agreement.id;
}

/** A processing activity (customer support under contract) entrusting customers' e-mail addresses to processors. */
export async function createSupportActivity(
  app: TestApp,
  key: string,
  name: string,
  processorIds: string[],
): Promise<string> {
  const res = await app.ok(
    key,
    `mutation($input: CreateProcessingActivityInput!) { createProcessingActivity(input: $input) {
      processingActivity { id } userErrors { message } } }`,
    {
      input: {
        name,
        legalBasis: "CONTRACT",
        purposes: "Support",
        processorIds,
        dataCategories: [{ key: "user.contact.email" }],
        dataSubjectCategoryKeys: ["customer"],
        retention: "1 year",
        tomDescription: "Access control",
      },
    },
  );
  return res.createProcessingActivity.processingActivity.id;
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

/**
 * A wide register, written straight into the tables through the owner connection (thousands of rows
 * through the API would take minutes): `activities` processing activities that all use one vendor
 * whose agreement lets it engage `subprocessors` sub-processors, each processing in the US under SCC.
 * Every activity then reaches every sub-processor, and every one of them is a third-country transfer.
 * Sub-processor names are long (about 80 characters), as company names with their legal form are.
 */
export async function seedWideRegister(
  app: TestApp,
  organizationId: string,
  opts: { activities: number; subprocessors: number },
): Promise<{ vendorId: string }> {
  const [{ id: vendorId }] = await app.db.owner.query(
    `WITH v AS (
       INSERT INTO processor (organization_id, name, direct, country_code)
       VALUES ($1, 'Wide Vendor A/S', true, 'DK') RETURNING id
     ), a AS (
       INSERT INTO agreement (organization_id, processor_id, kind, template, status, title, processing_countries)
       SELECT $1, v.id, 'DPA', 'DATATILSYNET_SCC', 'ACTIVE', 'DPA Wide Vendor', '{DK}' FROM v RETURNING id, processor_id
     ), s AS (
       INSERT INTO processor (organization_id, name, direct, country_code)
       SELECT $1, 'Sub-processor ' || lpad(g::text, 4, '0') || ' Cloud Hosting and Customer Communications ' ||
              'International Ltd.', false, 'US'
         FROM generate_series(1, $3) g RETURNING id
     ), e AS (
       INSERT INTO subprocessor_engagement (organization_id, processor_id, subprocessor_id, agreement_id, countries,
         transfer_mechanism)
       SELECT $1, a.processor_id, s.id, a.id, '{US}', 'SCC' FROM a CROSS JOIN s RETURNING 1
     ), act AS (
       INSERT INTO processing_activity (organization_id, name, purposes, legal_basis, retention, tom_description)
       SELECT $1, 'Activity ' || lpad(g::text, 4, '0'), 'Purpose ' || g, 'CONTRACT', '5 years', 'Access control'
         FROM generate_series(1, $2) g RETURNING id
     ), ap AS (
       INSERT INTO processing_activity_processor (organization_id, activity_id, processor_id)
       SELECT $1, act.id, v.id FROM act CROSS JOIN v RETURNING 1
     )
     SELECT v.id, (SELECT count(*) FROM e) AS engagements, (SELECT count(*) FROM ap) AS links FROM v`,
    [organizationId, opts.activities, opts.subprocessors],
  );
  await app.db.owner.query("ANALYZE");
  return { vendorId };
}
