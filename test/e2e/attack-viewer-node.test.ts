// A VIEWER key sees documents' metadata, not the documents (README, Auth: readDocuments is ADMIN, EDITOR and
// AUDITOR), and agreementImport(id) / agreementImports answer it FORBIDDEN. But node(id) took any Node type but
// API keys and webhooks, so a VIEWER read a DPA draft through node(id: <AgreementImport id>): documentText (the whole
// signed DPA) and every field with its quotes. node(id) now answers null for it, as for an API key; the roles that
// read documents still get it. Built at test time (the seed DPA uploaded over HTTP), real HTTP.
import fs from "node:fs";
import path from "node:path";
import { startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let adminKey: string;
let importId: string;
const keys: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp();
  adminKey = (await app.newOrganization("Dokument Prøve ApS")).key;
  for (const role of ["VIEWER", "AUDITOR", "EDITOR"]) {
    const data = await app.ok(
      adminKey,
      `mutation($role: String!) { createApiKey(input: { name: $role, role: $role }) { secret userErrors { field } } }`,
      { role },
    );
    keys[role] = data.createApiKey.secret;
  }
  const file = path.join(__dirname, "..", "..", "seeds", "dpas", "capturi-dpa.da.txt");
  const form = new FormData();
  form.append("file", new Blob([fs.readFileSync(file)], { type: "text/plain" }), "capturi-dpa.da.txt");
  const res = await fetch(app.server.url.replace(/\/graphql$/, "/imports/agreement"), {
    method: "POST",
    body: form,
    headers: { authorization: `Bearer ${keys.EDITOR}` },
  });
  expect(res.status).toBe(201);
  importId = ((await res.json()) as any).agreementImport.id;
});

afterAll(async () => {
  await app?.stop();
});

const NODE = `query($id: ID!) { node(id: $id) { id ... on AgreementImport {
  documentText fields { path value citations { quote } } } } }`;

test("a VIEWER gets null for an AgreementImport by node(id), as agreementImport(id) refuses it", async () => {
  const direct = await app.gql(keys.VIEWER, `query($id: ID!) { agreementImport(id: $id) { id } }`, { id: importId });
  expect(direct.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
  const res = await app.gql(keys.VIEWER, NODE, { id: importId });
  expect(res.errors).toBeUndefined();
  expect(res.data.node).toBeNull();
});

test("ADMIN, EDITOR and AUDITOR still read the draft by node(id)", async () => {
  for (const key of [adminKey, keys.EDITOR, keys.AUDITOR]) {
    const res = await app.gql(key, NODE, { id: importId });
    expect(res.errors).toBeUndefined();
    expect(res.data.node.id).toBe(importId);
    expect(res.data.node.documentText).toMatch(/Capturi/);
  }
});
