// The demo data must say what the three seed DPAs say. Expected values are read off the texts in
// seeds/dpas/ (clause references in the comments).
import { seedDemoOrganization, startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let key: string;

const QUERY = `{
  processors(first: 50) {
    totalCount
    edges { node {
      name legalName registrationNumber countryCode direct
      currentAgreement {
        kind template status breachNotificationHours subprocessorNoticeDays subprocessorAuthorization
        thirdCountryTransfers endOfContractAction retentionAfterEndDays
        processingLocations { countries }
        processorAudit { methods intervalMonths dueDay noticeDays paidBy }
        principal { name }
        sources { clause reference note }
        dataCategories { category { key sensitivity } source }
        dataSubjectCategories { category { key } }
        requiredMeasures { measure { key } clauseText source }
      }
      subprocessors { subprocessor { name countryCode } transferMechanism countries status source }
      dataCategories { key sensitivity }
      measures { status measure { key } source }
    } }
  }
}`;

let byName: Map<string, any>;

beforeAll(async () => {
  app = await startTestApp();
  ({ key } = await seedDemoOrganization(app));
  const res = await app.gql(key, QUERY);
  expect(res.errors).toBeUndefined();
  byName = new Map(res.data.processors.edges.map((e: any) => [e.node.name, e.node]));
});
afterAll(() => app.stop());

test("the demo organization holds the three vendors and every sub-processor the DPAs list", () => {
  expect([...byName.keys()].sort()).toEqual(
    [
      "Amazon Web Services (AWS)",
      "Capturi",
      "E-SG.Cloud",
      "FirstAgenda",
      "Intercom",
      "LeaseWeb",
      "Microsoft",
      "MongoDB",
      "Ubivox",
      "Zoho Bigin",
    ].sort(),
  );
  const direct = [...byName.values()]
    .filter((p) => p.direct)
    .map((p) => p.name)
    .sort();
  expect(direct).toEqual(["Capturi", "E-SG.Cloud", "FirstAgenda"]);
});

test("Capturi: clause values of capturi-dpa.da.txt", () => {
  const capturi = byName.get("Capturi");
  expect(capturi.registrationNumber).toBe("41183527"); // preamble: CVR 41183527
  const a = capturi.currentAgreement;
  expect(a).toMatchObject({
    kind: "DPA",
    template: "DATATILSYNET_SCC",
    breachNotificationHours: 48, // §10.2 "senest 48 timer"
    subprocessorNoticeDays: 30, // §7.3 "mindst 30 dages varsel"
    subprocessorAuthorization: "GENERAL", // §7.2
    thirdCountryTransfers: "ALLOWED_WITH_SAFEGUARDS", // C.6
    principal: null,
  });
  // C.7
  expect(a.processorAudit).toMatchObject({ methods: ["SELF_CONTROL_REPORT"], intervalMonths: 12, dueDay: "01-01" });
  const sources = new Map(a.sources.map((s: any) => [s.clause, s.reference]));
  expect(sources.get("breachNotificationHours")).toBe("capturi-dpa.da.txt §10.2");
  expect(sources.get("subprocessorNoticeDays")).toBe("capturi-dpa.da.txt §7.3");
  for (const s of a.sources) expect(s.reference).toMatch(/^capturi-dpa\.da\.txt /);
  for (const l of [...a.dataCategories, ...a.requiredMeasures]) expect(l.source).toMatch(/^capturi-dpa\.da\.txt /);
  const subs = capturi.subprocessors.map((e: any) => [e.subprocessor.name, e.transferMechanism]).sort();
  expect(subs).toEqual([
    ["Amazon Web Services (AWS)", "NOT_NEEDED_EEA"],
    ["Intercom", "SCC"], // Bilag B.1: "Overførsel til tredjeland sker i henhold til SSC"
    ["MongoDB", "NOT_NEEDED_EEA"],
  ]);
  for (const e of capturi.subprocessors) expect(e.source).toMatch(/^capturi-dpa\.da\.txt Bilag B/);
});

test("E-SG.Cloud: 24 hours, sick-leave data (art. 9), no third-country transfers, sub-processors in the EEA", () => {
  const esg = byName.get("E-SG.Cloud");
  const a = esg.currentAgreement;
  expect(a).toMatchObject({
    breachNotificationHours: 24, // §10.2
    subprocessorNoticeDays: 30, // §7.3 says one month, B.2 says 30 days: the stricter 30 is kept
    subprocessorAuthorization: "GENERAL",
    thirdCountryTransfers: "PROHIBITED", // C.6
  });
  const notice = a.sources.find((s: any) => s.clause === "subprocessorNoticeDays");
  expect(notice.reference).toContain("§7.3");
  expect(notice.reference).toContain("B.2");
  expect(esg.dataCategories.some((c: any) => c.sensitivity === "SPECIAL")).toBe(true);
  expect(esg.dataCategories.map((c: any) => c.key)).toContain("user.health_and_medical.sick_leave");
  const subs = esg.subprocessors.map((e: any) => e.subprocessor.name).sort();
  expect(subs).toEqual(["Microsoft", "Zoho Bigin"]);
  for (const e of esg.subprocessors) expect(e.transferMechanism).toBe("NOT_NEEDED_EEA");
});

test(
  "FirstAgenda → Ubivox → LeaseWeb: a three-level chain; the controller's " + "own DPA with FirstAgenda is missing",
  () => {
    const firstAgenda = byName.get("FirstAgenda");
    expect(firstAgenda.currentAgreement).toBeNull();
    expect(firstAgenda.subprocessors.map((e: any) => e.subprocessor.name)).toEqual(["Ubivox"]);
    const ubivox = byName.get("Ubivox");
    expect(ubivox.currentAgreement).toMatchObject({
      kind: "SUBPROCESSOR_AGREEMENT",
      principal: { name: "FirstAgenda" },
      breachNotificationHours: 24,
      subprocessorAuthorization: "SPECIFIC",
      thirdCountryTransfers: "PROHIBITED",
    });
    expect(ubivox.currentAgreement.processorAudit.noticeDays).toBe(28); // C.7: 28 days' notice
    expect(ubivox.subprocessors.map((e: any) => [e.subprocessor.name, e.countries])).toEqual([["LeaseWeb", ["NL"]]]);
    expect(byName.get("LeaseWeb").subprocessors).toEqual([]);
  },
);

test("every seeded measure status names its source document", () => {
  for (const p of byName.values()) {
    for (const m of p.measures)
      expect(m.source).toMatch(/^(capturi-dpa|e-sg-cloud-dpa|firstagenda-ubivox-subprocessor-dpa)\.da\.txt /);
  }
  expect(byName.get("Capturi").measures.length).toBeGreaterThan(0);
});
