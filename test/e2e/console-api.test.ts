// What the console (and any dashboard) needs from the API, over real HTTP on the demo data:
//   - every number of riskOverview has the list behind it: processors(filter: { riskTiers / riskFactors })
//     and findings(filter: …) count exactly what riskOverview counts;
//   - an import keeps the text it was read from (AgreementImport.documentText), so a reviewer sees every
//     citation where its offsets say, also for a Word file whose text is not its bytes.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Document, Packer, Paragraph } from "docx";
import { seedDemoOrganization, startTestApp, TestApp } from "../helpers/app";
import { uploadDpa } from "../helpers/slow-dpa";
import { SEED_DPA_DIR } from "../../seeds/dpas";

let app: TestApp;
let key: string;
let base: string;

const ids: Record<string, string> = {};

async function ok(query: string, variables?: Record<string, unknown>) {
  const res = await app.gql(key, query, variables);
  if (res.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(res.errors)}`);
  const payload = Object.values(res.data ?? {})[0] as { userErrors?: unknown[] } | undefined;
  if (payload?.userErrors?.length) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(payload.userErrors)}`);
  return res.data;
}

beforeAll(async () => {
  app = await startTestApp();
  base = app.server.url.replace(/\/graphql$/, "");
  ({ key } = await seedDemoOrganization(app));
  const all = await ok(`{ processors(first: 100) { edges { node { id name } } } }`);
  for (const { node } of all.processors.edges) ids[node.name] = node.id;
  // Findings of every kind the count must tell apart: open HIGH and CRITICAL (counted), open LOW and
  // a closed CRITICAL (not counted), and an open HIGH finding of an archived processor (not counted).
  const finding = async (processor: string, severity: string, dueOn?: string) =>
    (
      await ok(
        `mutation($input: CreateFindingInput!) { createFinding(input: $input) { finding { id } userErrors { ` +
          `message } } }`,
        { input: { processorId: ids[processor], severity, description: `${severity} at ${processor}`, dueOn } },
      )
    ).createFinding.finding.id as string;
  await finding("Capturi", "HIGH", "2020-01-01");
  await finding("E-SG.Cloud", "CRITICAL");
  await finding("Capturi", "LOW");
  const closed = await finding("Ubivox", "CRITICAL");
  await ok(`mutation($input: CloseFindingInput!) { closeFinding(input: $input) { userErrors { message } } }`, {
    input: { id: closed, note: "fixed" },
  });
  const gone = (
    await ok(
      `mutation { createProcessor(input: { name: "Gone Ltd", countryCode: "GB" }) { processor { id } userErrors { ` +
        `message } } }`,
    )
  ).createProcessor.processor.id;
  ids["Gone Ltd"] = gone;
  await finding("Gone Ltd", "HIGH");
  await ok(`mutation($id: ID!) { archiveProcessor(input: { id: $id }) { userErrors { message } } }`, { id: gone });
  // A transfer without a mechanism: Capturi hands data to a US sub-processor with none recorded.
  const us = (
    await ok(
      `mutation { createProcessor(input: { name: "Nomech Inc", countryCode: "US" }) { processor { id } userErrors ` +
        `{ message } } }`,
    )
  ).createProcessor.processor.id;
  await ok(
    `mutation($input: CreateSubprocessorEngagementInput!) { createSubprocessorEngagement(input: $input) { ` +
      `userErrors { message } } }`,
    { input: { processorId: ids.Capturi, subprocessorId: us, countries: ["US"], transferMechanism: "UNKNOWN" } },
  );
}, 120_000);

afterAll(() => app?.stop());

const COUNT = `query($filter: ProcessorFilter) { processors(filter: $filter, first: 100, orderBy: { field: RISK,
  direction: DESC }) {
  totalCount edges { node { name risk { tier score factors { key } } } } } }`;

describe("every riskOverview number has the list behind it", () => {
  test("tiers: processors(filter: { riskTiers }) lists exactly the processors counted, riskiest first", async () => {
    const { riskOverview } = await ok(`{ riskOverview { processors tiers { tier count } } }`);
    let total = 0;
    for (const { tier, count } of riskOverview.tiers) {
      const { processors } = await ok(COUNT, { filter: { riskTiers: [tier] } });
      expect({ tier, listed: processors.totalCount }).toEqual({ tier, listed: count });
      expect(processors.edges.every((e: any) => e.node.risk.tier === tier)).toBe(true);
      const scores = processors.edges.map((e: any) => e.node.risk.score);
      expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
      total += processors.totalCount;
    }
    expect(total).toBe(riskOverview.processors);
    // Two tiers at once are their union.
    const both = await ok(COUNT, { filter: { riskTiers: ["HIGH", "MEDIUM"] } });
    const count = (t: string) => riskOverview.tiers.find((x: any) => x.tier === t).count;
    expect(both.processors.totalCount).toBe(count("HIGH") + count("MEDIUM"));
  });

  test(
    "problem counts: processors(filter: { riskFactors }) for each, and findings for the open HIGH/CRITICAL " + "ones",
    async () => {
      const { riskOverview } = await ok(
        `{ riskOverview { withoutAgreement neverSupervised overdueSupervision thirdCountryWithoutMechanism ` +
          `openHighOrCriticalFindings } }`,
      );
      const byFactor: [string, number][] = [
        ["agreement.missing", riskOverview.withoutAgreement],
        ["supervision.never", riskOverview.neverSupervised],
        ["transfers.noMechanism", riskOverview.thirdCountryWithoutMechanism],
      ];
      for (const [factor, counted] of byFactor) {
        const { processors } = await ok(COUNT, { filter: { riskFactors: [factor] } });
        expect({ factor, listed: processors.totalCount }).toEqual({ factor, listed: counted });
        for (const { node } of processors.edges) expect(node.risk.factors.map((f: any) => f.key)).toContain(factor);
      }
      // The demo data makes these non-trivial: FirstAgenda has no DPA, three vendors were never supervised,
      // and Capturi now sends data to the US with no mechanism.
      expect(riskOverview.withoutAgreement).toBeGreaterThanOrEqual(1);
      expect(riskOverview.neverSupervised).toBeGreaterThanOrEqual(3);
      expect(riskOverview.thirdCountryWithoutMechanism).toBeGreaterThanOrEqual(1);
      const noMechanism = await ok(COUNT, { filter: { riskFactors: ["transfers.noMechanism"] } });
      expect(noMechanism.processors.edges.map((e: any) => e.node.name)).toContain("Capturi");

      const { findings } = await ok(
        `{ findings(filter: { openOnly: true, severities: [HIGH, CRITICAL] }) { totalCount edges { node { severity ` +
          `status processor { name } } } } }`,
      );
      expect(riskOverview.openHighOrCriticalFindings).toBe(2);
      expect(findings.totalCount).toBe(2);
      expect(findings.edges.map((e: any) => `${e.node.severity} ${e.node.processor.name}`).sort()).toEqual([
        "CRITICAL E-SG.Cloud",
        "HIGH Capturi",
      ]);
    },
  );

  test(
    "overdueSupervision: the supervision worklist's plans past their due date, a first supervision never " +
      "carried out included (the overdueSupervision query and the daily job's supervision.overdue agree)",
    async () => {
      const { riskOverview, overdueSupervision, supervisionSchedule } = await ok(
        `{ riskOverview { overdueSupervision neverSupervised } overdueSupervision { daysUntilDue status processor { ` +
          `name } } supervisionSchedule(status: [OVERDUE]) { daysUntilDue processor { name } } }`,
      );
      const pastDue = overdueSupervision.filter((p: any) => p.daysUntilDue < 0);
      // The demo's three vendors were never supervised, and their first supervision was due on 2026-03-01.
      expect(pastDue.length).toBeGreaterThanOrEqual(3);
      expect(pastDue.some((p: any) => p.status === "NEVER_SUPERVISED")).toBe(true);
      expect(riskOverview.overdueSupervision).toBe(pastDue.length);
      expect(supervisionSchedule.map((p: any) => p.processor.name).sort()).toEqual(
        pastDue.map((p: any) => p.processor.name).sort(),
      );
    },
  );

  test("filters combine with the others, and an unknown factor key is refused naming the argument", async () => {
    const direct = await ok(COUNT, { filter: { riskFactors: ["supervision.never"], direct: true } });
    const all = await ok(COUNT, { filter: { riskFactors: ["supervision.never"] } });
    expect(direct.processors.totalCount).toBeLessThanOrEqual(all.processors.totalCount);
    const none = await app.gql(key, COUNT, { filter: { riskFactors: ["no.such.factor"] } });
    expect(none.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(none.errors?.[0].message).toMatch(/^filter\.riskFactors: unknown risk factor key "no\.such\.factor"/);
  });

  test("too many factor keys, or a tier that is not one, is a clear error naming the argument", async () => {
    const many = await app.gql(key, COUNT, { filter: { riskFactors: Array.from({ length: 21 }, (_, i) => `k${i}`) } });
    expect(many.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(many.errors?.[0].message).toMatch(/riskFactors/);
    const tier = await app.gql(key, COUNT, { filter: { riskTiers: ["SEVERE"] } });
    expect(tier.status).toBe(400);
    expect(tier.errors?.[0].message).toMatch(/SEVERE/);
  });

  test("findings: overdue only, by processor, paged; a bad processor id names the filter", async () => {
    const overdue = await ok(
      `{ findings(filter: { overdueOnly: true }) { totalCount edges { node { description overdue } } } }`,
    );
    expect(overdue.findings.edges.map((e: any) => e.node.description)).toEqual(["HIGH at Capturi"]);
    expect(overdue.findings.edges[0].node.overdue).toBe(true);
    const capturi = await ok(
      `query($id: ID) { findings(filter: { processorId: $id }) { totalCount edges { node { severity } } } }`,
      { id: ids.Capturi },
    );
    expect(capturi.findings.totalCount).toBe(2);
    const page1 = await ok(
      `{ findings(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
    );
    expect(page1.findings.totalCount).toBe(4); // the archived processor's finding is left out
    expect(page1.findings.pageInfo.hasNextPage).toBe(true);
    const page2 = await ok(`query($after: String) { findings(first: 2, after: $after) { edges { node { id } } } }`, {
      after: page1.findings.pageInfo.endCursor,
    });
    const seen = [...page1.findings.edges, ...page2.findings.edges].map((e: any) => e.node.id);
    expect(new Set(seen).size).toBe(4);
    const bad = await app.gql(key, `{ findings(filter: { processorId: "nope" }) { totalCount } }`);
    expect(bad.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.errors?.[0].message).toMatch(/filter\.processorId/);
  });
});

test(
  "risk read by several fields of one request on a stale portfolio is recomputed once, not once per " + "field",
  async () => {
    // Any write marks the scores stale; the console's pages then read risk from sibling fields at once.
    await ok(
      `mutation($id: ID!) { updateProcessor(input: { id: $id, serviceDescription: "Speech analytics" }) { ` +
        `userErrors { message } } }`,
      {
        id: ids.Capturi,
      },
    );
    const res = await app.gql(
      key,
      `query($id: ID!) { riskOverview { processors } byRisk: processors(orderBy: { field: RISK, direction: DESC }) {
      totalCount }
       never: processors(filter: { riskFactors: ["supervision.never"] }) { totalCount }
       processor(id: $id) { risk { score } riskHistory { score } } }`,
      { id: ids.Capturi },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.byRisk.totalCount).toBe(res.data.riskOverview.processors);
    const [{ n }] = await app.db.owner.query(
      `SELECT count(*)::int AS n FROM risk_assessment WHERE is_current GROUP BY processor_id ORDER BY 1 DESC LIMIT 1`,
    );
    expect(n).toBe(1);
  },
);

describe("AgreementImport.documentText: the text the citations point into", () => {
  const capturi = readFileSync(path.join(SEED_DPA_DIR, "capturi-dpa.da.txt"), "utf8");
  const REVIEW = `query($id: ID!) { agreementImport(id: $id) { documentText
    fields { path citations { quote start end } readings { citations { quote start end } } } } }`;

  async function upload(bytes: Buffer, name: string, type: string): Promise<string> {
    const res = await uploadDpa(base, key, bytes, name, type);
    expect(res.status).toBe(201);
    return res.body.agreementImport.id;
  }

  function expectEveryCitationInside(text: string, fields: any[]) {
    const citations = fields.flatMap((f) => [...f.citations, ...f.readings.flatMap((r: any) => r.citations)]);
    expect(citations.length).toBeGreaterThan(30);
    for (const c of citations) expect({ span: text.slice(c.start, c.end) }).toEqual({ span: c.quote });
  }

  test("a .txt upload: the document as read, every citation's span is its quote", async () => {
    const id = await upload(Buffer.from(capturi, "utf8"), "capturi-dpa.da.txt", "text/plain");
    const { agreementImport } = await ok(REVIEW, { id });
    // As read: line endings settled, more than two blank lines in a row kept as two (the reader cuts long runs of
    // whitespace before any rule reads them: attack-dpa-whitespace.test.ts).
    const asRead = capturi.replace(/\r\n?/g, "\n").replace(/\n(?:[^\S\n]*\n){3,}/g, "\n\n\n");
    expect(asRead).not.toBe(capturi.replace(/\r\n?/g, "\n"));
    expect(agreementImport.documentText).toBe(asRead);
    expectEveryCitationInside(agreementImport.documentText, agreementImport.fields);
  });

  test("a Word file (built here from the seed text): the text mammoth read, not the file's bytes", async () => {
    const doc = new Document({ sections: [{ children: capturi.split("\n").map((line) => new Paragraph(line)) }] });
    const bytes = await Packer.toBuffer(doc);
    const id = await upload(
      bytes,
      "capturi-dpa.docx",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    const { agreementImport } = await ok(REVIEW, { id });
    expect(agreementImport.documentText).toContain("Capturi A/S");
    expect(agreementImport.documentText).not.toBe(capturi);
    expectEveryCitationInside(agreementImport.documentText, agreementImport.fields);
  });

  test("the text is the tenant's: another organization reads none of it", async () => {
    const other = await app.newOrganization("Other controller");
    const { data } = await app.gql(other.key, `{ agreementImports { id documentText } }`);
    expect(data.agreementImports).toEqual([]);
    const [{ n }] = await app.db.owner.query(`SELECT count(*)::int AS n FROM agreement_import_text`);
    expect(n).toBe(2);
  });
});
