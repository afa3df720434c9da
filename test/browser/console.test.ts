// The console in a real browser (Debian's chromium, every request off this machine refused and recorded)
// against the real `npm start` (compile, console build when stale, embedded PostgreSQL, migrations, demo
// data) in a data directory of this test's own: sign in with the demo key, the portfolio's tiers and top
// vendors, FirstAgenda's chain drawn FirstAgenda → Ubivox → LeaseWeb, Capturi's Intercom hop marked third
// country under SCC, the Capturi DPA uploaded, reviewed, corrected and confirmed, a contradicting DPA's
// readings, the schedule worked through, keyboard only, a phone's width, Danish; last, a register built here
// with exceljs (Danish headings, a column tilsyn does not know, a country that is not one) planned, mapped,
// applied and discarded. Each page is screenshotted to .data/screenshots/console-*.png; no page may throw or
// ask the internet for anything. One file, one `npm start`: two would compile into the same dist/ at once.
import fs from "node:fs";
import path from "node:path";
import { spawn, ChildProcess } from "node:child_process";
import ExcelJS from "exceljs";
import { Browser, Page } from "playwright-core";
import { freePort } from "../../src/db/embedded";
import { launchBrowser, offlinePage, OfflinePage, screenshot } from "../helpers/browser";
import { SEED_DPA_DIR } from "../../seeds/dpas";

// Page functions run in the browser; this file is type-checked without the DOM library.
declare const document: any;
declare const window: any;
declare const sessionStorage: any;

const ROOT = path.resolve(__dirname, "..", "..");
const DATA_DIR = path.join(ROOT, ".data", `console-e2e-${process.pid}`);
const WORK_DIR = path.join(DATA_DIR, "files");
const CAPTURI_DPA = path.join(SEED_DPA_DIR, "capturi-dpa.da.txt");
const CONTRADICTING_DPA = path.join(ROOT, "test", "fixtures", "dpa-import", "documents", "nordlys-loen-dpa.da.txt");

let server: ChildProcess;
let serverOutput = "";
let base: string;
let key: string;
let browser: Browser;
const pages: OfflinePage[] = [];
let startedInMs: number;

async function gql(query: string, variables?: Record<string, unknown>, apiKey = key) {
  const res = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** A register as people keep it: Danish headings, one column of their own ("Tovholder"), a bad country. */
async function registerFile(name: string, rows: (string | null)[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Databehandlere");
  sheet.addRow(["Navn", "Land", "Kritikalitet", "Tovholder"]).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  fs.mkdirSync(WORK_DIR, { recursive: true });
  const file = path.join(WORK_DIR, name);
  fs.writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
  return file;
}

beforeAll(async () => {
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  const port = await freePort();
  const started = Date.now();
  // The README's command, as a user runs it (own process group, so the test can stop all of it).
  server = spawn("npm", ["start"], {
    cwd: ROOT,
    detached: true,
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !["DATABASE_URL", "NODE_ENV"].includes(k))),
      PORT: String(port),
      TILSYN_DATA_DIR: DATA_DIR,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (d) => (serverOutput += d.toString()));
  server.stderr!.on("data", (d) => (serverOutput += d.toString()));
  base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 240_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`npm start exited with ${server.exitCode}:\n${serverOutput}`);
    if (Date.now() > until) throw new Error(`npm start did not answer within 240 s:\n${serverOutput}`);
    const ready = await fetch(`${base}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  startedInMs = Date.now() - started;
  key = fs.readFileSync(path.join(DATA_DIR, "demo-api-key"), "utf8").trim();
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    process.kill(-server.pid, "SIGTERM");
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 20_000)))]);
    clearTimeout(timer);
    if (server.exitCode === null) process.kill(-server.pid, "SIGKILL");
  }
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
}, 60_000);

afterEach(() => {
  // Whatever a test did, no page may have thrown, broken the CSP or asked anything of the internet.
  for (const p of pages.splice(0)) {
    expect({ outside: p.outside, errors: p.errors }).toEqual({ outside: [], errors: [] });
  }
});

async function open(viewport?: { width: number; height: number }): Promise<Page> {
  const p = await offlinePage(browser, viewport);
  pages.push(p);
  return p.page;
}

/** A page already signed in (the key in this tab's sessionStorage, as the sign-in form leaves it). */
async function signedIn(pathname: string, viewport?: { width: number; height: number }, lang = "en"): Promise<Page> {
  const page = await open(viewport);
  await page.goto(`${base}/console/`);
  await page.evaluate(
    ([k, l]) => {
      sessionStorage.setItem("tilsyn.apiKey", k);
      window.localStorage.setItem("tilsyn.lang", l);
    },
    [key, lang],
  );
  await page.goto(`${base}${pathname}`);
  return page;
}

const idOf = async (name: string): Promise<string> =>
  (
    await gql(`query($s: String) { processors(filter: { search: $s }) { edges { node { id name } } } }`, { s: name })
  ).processors.edges.find((e: any) => e.node.name === name).node.id;

test("npm start: the console is there when the API answers, built once and not again", async () => {
  console.log(
    `[console] npm start answered /readyz after ${(startedInMs / 1000).toFixed(1)} s (first start: compile, ` +
      `PostgreSQL, demo data)`,
  );
  expect(serverOutput).toMatch(/\[console\] (up to date|built in)/);
  const res = await fetch(`${base}/`, { redirect: "manual" });
  expect(res.headers.get("location")).toBe("/console/");
  expect((await fetch(`${base}/console/`)).status).toBe(200);
});

test("sign in with the demo key (keyboard only); the portfolio shows the tiers and the top vendors", async () => {
  const page = await open();
  await page.goto(`${base}/`);
  expect(new URL(page.url()).pathname).toBe("/console/");
  await page.waitForSelector("#api-key");
  expect(await page.getAttribute("html", "lang")).toBe("en");
  // A wrong key is refused with a message, and nothing is kept.
  await page.focus("#api-key");
  await page.keyboard.type("tsk_nothing.wrong");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".note-error");
  expect(await page.textContent(".note-error")).toContain("not accepted");
  expect(await page.evaluate(() => sessionStorage.getItem("tilsyn.apiKey"))).toBeNull();
  await page.fill("#api-key", "");
  await page.focus("#api-key");
  await page.keyboard.type(key);
  await page.keyboard.press("Enter");
  await page.waitForSelector("#tiers .tile");
  await page.waitForSelector("#riskiest tbody tr");
  expect(await page.evaluate(() => sessionStorage.getItem("tilsyn.apiKey"))).toBe(key);
  expect(await page.textContent(".who-name")).toContain("Demo Controller");

  const { riskOverview } = await gql(`{ riskOverview { tiers { tier count } top { processor { name } } } }`);
  for (const { tier, count } of riskOverview.tiers) {
    const tile = page.locator(`#tier-${tier}`);
    expect({ tier, shown: Number(await tile.getAttribute("data-count")) }).toEqual({ tier, shown: count });
    expect(await tile.getAttribute("href")).toBe(`/console/processors?tier=${tier}`);
  }
  const top = await page
    .locator("#riskiest tbody tr")
    .evaluateAll((rows: any[]) => rows.map((r) => r.dataset.processor));
  expect(top).toEqual(riskOverview.top.map((t: any) => t.processor.name));
  expect(top[0]).toBe("FirstAgenda");
  // The riskiest come with their top factors.
  expect(await page.textContent("#riskiest tbody tr:first-child")).toContain("No agreement in force");
  await screenshot(page, "console-portfolio");

  // A number opens the list behind it: the HIGH tile lists exactly the HIGH processors.
  await page.click("#tier-HIGH");
  await page.waitForSelector("table tbody tr[data-processor]");
  const high = riskOverview.tiers.find((t: any) => t.tier === "HIGH").count;
  expect(await page.locator("table tbody tr[data-processor]").count()).toBe(high);
  expect(await page.textContent(".active-filters")).toContain("High");
  await screenshot(page, "console-processors-high");
  // And a problem count: never supervised.
  await page.goBack();
  await page.click("#problem-never-supervised");
  await page.waitForSelector("table tbody tr[data-processor]");
  const { processors } = await gql(`{ processors(filter: { riskFactors: ["supervision.never"] }) { totalCount } }`);
  expect(await page.locator("table tbody tr[data-processor]").count()).toBe(processors.totalCount);
});

test("FirstAgenda: the tree FirstAgenda → Ubivox → LeaseWeb is drawn, and no DPA is on file", async () => {
  const page = await signedIn(`/console/processors/${await idOf("FirstAgenda")}`);
  await page.waitForSelector("svg.graph g.node");
  const nodes = await page
    .locator("svg.graph g.node")
    .evaluateAll((gs: any[]) => gs.map((g) => [g.dataset.name, Number(g.dataset.depth)]));
  expect(nodes).toEqual([
    ["FirstAgenda", 0],
    ["Ubivox", 1],
    ["LeaseWeb", 2],
  ]);
  const edges = await page
    .locator("svg.graph path.edge")
    .evaluateAll((ps: any[]) => ps.map((p) => `${p.dataset.from} → ${p.dataset.to} (${p.dataset.kind})`));
  expect(edges).toEqual(["FirstAgenda → Ubivox (tree)", "Ubivox → LeaseWeb (tree)"]);
  // Drawn, not just listed: the boxes have size and sit one level further right each.
  const boxes = await page
    .locator("svg.graph g.node rect")
    .evaluateAll((rs: any[]) =>
      rs.map((r) => r.getBoundingClientRect()).map((b: any) => [Math.round(b.x), Math.round(b.width)]),
    );
  expect(boxes[0][1]).toBeGreaterThan(100);
  expect(boxes[1][0]).toBeGreaterThan(boxes[0][0]);
  expect(boxes[2][0]).toBeGreaterThan(boxes[1][0]);
  // Every hop of this chain stays in the EEA.
  expect(await page.locator('svg.graph g.node[data-class="EEA"]').count()).toBe(2);
  expect(await page.textContent("#agreement")).toContain("No agreement is on file");
  await page.locator("#chain").scrollIntoViewIfNeeded();
  await screenshot(page, "console-vendor-firstagenda");
});

test(
  "Capturi: Intercom is marked a third-country hop under SCC; clause " + "values with their sources; every factor",
  async () => {
    const page = await signedIn(`/console/processors/${await idOf("Capturi")}`);
    await page.waitForSelector('svg.graph g.node[data-name="Intercom"]');
    const intercom = page.locator('svg.graph g.node[data-name="Intercom"]');
    expect(await intercom.getAttribute("data-class")).toBe("THIRD_COUNTRY");
    expect(await intercom.getAttribute("data-mechanism")).toBe("SCC");
    expect(await intercom.getAttribute("data-problem")).toBe("false"); // SCC is a mechanism
    expect(await intercom.textContent()).toContain("SCC");
    const label = await page.locator('a.node-link:has(g[data-name="Intercom"])').getAttribute("aria-label");
    expect(label).toMatch(/third country/);
    expect(label).toMatch(/SCC/);
    expect(await page.locator('svg.graph path.edge[data-to="Intercom"]').getAttribute("class")).toContain(
      "edge-third_country",
    );
    // The other hops stay in the EEA.
    for (const name of ["Amazon Web Services (AWS)", "MongoDB"])
      expect(await page.locator(`svg.graph g.node[data-name="${name}"]`).getAttribute("data-class")).toBe("EEA");

    // The agreement in force: each clause value with the clause it was read from.
    const breach = page.locator('#agreement tr[data-clause="breachNotificationHours"]');
    expect(await breach.textContent()).toContain("48 hours");
    expect(await breach.textContent()).toContain("capturi-dpa.da.txt §10.2");
    expect(await page.textContent('#agreement tr[data-clause="subprocessorNoticeDays"]')).toContain("30 days");
    // The risk: every factor with input, weight, contribution and explanation, and the history chart.
    const { processor } = await gql(`query($id: ID!) { processor(id: $id) { risk { factors { key weight } } } }`, {
      id: await idOf("Capturi"),
    });
    const rows = await page
      .locator("#risk tr[data-factor]")
      .evaluateAll((rs: any[]) => rs.map((r) => r.dataset.factor));
    expect(rows).toEqual(processor.risk.factors.map((f: any) => f.key));
    expect(await page.locator("#risk tr[data-factor] td").count()).toBe(rows.length * 4);
    expect(Number(await page.getAttribute("#risk svg[data-points]", "data-points"))).toBeGreaterThanOrEqual(1);
    await screenshot(page, "console-vendor-capturi");
    await page.locator("#chain").scrollIntoViewIfNeeded();
    await screenshot(page, "console-vendor-capturi-chain");
  },
);

test(
  "upload the Capturi DPA, jump to a field's quote, correct a value (the " + "rule shown when refused), confirm",
  async () => {
    const page = await signedIn("/console/imports");
    await page.waitForSelector("#dpa-file");
    // The file picker offers every form the importer reads, Markdown and HTML included.
    const accept = (await page.getAttribute("#dpa-file", "accept"))!.split(",");
    expect(accept).toEqual(expect.arrayContaining([".pdf", ".docx", ".txt", ".md", ".markdown", ".html", ".htm"]));
    await page.setInputFiles("#dpa-file", CAPTURI_DPA);
    await page.click("form.upload button[type=submit]");
    await page.waitForURL(/\/console\/imports\/[\w-]+$/);
    await page.waitForSelector(".document mark");
    const importId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
    // Every citation of the draft is highlighted in the document.
    const { agreementImport } = await gql(
      `query($id: ID!) { agreementImport(id: $id) { documentText fields { path citations { start end } } } }`,
      { id: importId },
    );
    const citations = agreementImport.fields.flatMap((f: any) => f.citations);
    const highlighted = await page
      .locator(".document mark")
      .evaluateAll((ms: any[]) => ms.map((m) => m.textContent).join(""));
    for (const c of citations)
      expect(highlighted).toContain(agreementImport.documentText.slice(c.start, c.end).slice(0, 40));
    expect(await page.textContent(".doc-pane")).toContain(`${citations.length} cited spans`);

    // Choosing a field brings its quote into the document pane's view and marks it.
    await page.click('[data-path="clauses.breachNotificationHours"] .field-name');
    const active = page.locator('.document mark.cite-active[data-paths~="clauses.breachNotificationHours"]').first();
    await active.waitFor();
    expect(await active.textContent()).toContain("48 timer");
    const inView = await page.evaluate(() => {
      const mark = document.querySelector(".document mark.cite-active");
      const pane = document.querySelector(".doc-scroll");
      const m = mark.getBoundingClientRect();
      const p = pane.getBoundingClientRect();
      return m.top >= p.top && m.bottom <= p.bottom;
    });
    expect(inView).toBe(true);
    await screenshot(page, "console-review-capturi");

    // A value against the field's rule is refused, with the rule.
    const field = page.locator('[data-path="clauses.breachNotificationHours"]');
    await field.locator("button.link-button").click();
    const input = field.locator("input");
    await input.fill("9999");
    await field.locator("button[type=submit]").click();
    const refused = field.locator('[role="alert"]');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(
      /clauses\.breachNotificationHours must be a whole number from 0 to 8760/,
    );
    expect(await input.getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "console-review-refused");
    await input.fill("24");
    await field.locator("button[type=submit]").click();
    await field.locator(".badge-good").waitFor();
    expect(await field.locator(".field-value").getAttribute("data-value")).toBe("24");
    expect(await field.textContent()).toContain("Read from the document:");

    // Confirm: the agreement is in force with the corrected value, the old one superseded.
    await page.click("#confirm-import");
    await page.waitForSelector("#confirmed");
    expect(await page.textContent("#confirmed")).toContain("Capturi");
    await page.waitForSelector("#import-state");
    await screenshot(page, "console-review-confirmed");
    const after = await gql(
      `query($id: ID!) { agreementImport(id: $id) { status } processors(filter: { search: "Capturi" }) { edges { ` +
        `node { name currentAgreement { breachNotificationHours supersedes { status } } } } } }`,
      { id: importId },
    );
    expect(after.agreementImport.status).toBe("CONFIRMED");
    const capturi = after.processors.edges.find((e: any) => e.node.name === "Capturi").node;
    expect(capturi.currentAgreement.breachNotificationHours).toBe(24);
    expect(capturi.currentAgreement.supersedes.status).toBe("SUPERSEDED");
    // The confirmed draft can no longer be corrected from the page.
    expect(await page.locator('[data-path="clauses.breachNotificationHours"] button.link-button').count()).toBe(0);

    // The uploaded document is among Capturi's evidence files, and downloads (GET /evidence/{id}/content with the
    // key) as
    // uploaded.
    await page.click('#confirmed a:has-text("Capturi")');
    await page.waitForSelector("#evidence tbody tr");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click('#evidence button:has-text("capturi-dpa.da.txt")'),
    ]);
    expect(download.suggestedFilename()).toBe("capturi-dpa.da.txt");
    expect(fs.readFileSync((await download.path())!)).toEqual(fs.readFileSync(CAPTURI_DPA));
  },
);

test("vendor register: counts by criticality; filters by tag, owner, criticality; the vendor header", async () => {
  const rowsOf = (page: Page) =>
    page.locator("table tbody tr[data-processor]").evaluateAll((rows: any[]) => rows.map((r) => r.dataset.processor));
  const page = await signedIn("/console/");
  // The demo's register (seeds/demo.ts DEMO_REGISTER): Capturi HIGH, E-SG.Cloud MEDIUM, FirstAgenda CRITICAL.
  await page.waitForSelector("#criticality-CRITICAL");
  const counts = await page
    .locator("#register .tile")
    .evaluateAll((tiles: any[]) => tiles.map((a) => [a.id, Number(a.dataset.count)]));
  expect(counts).toEqual([
    ["criticality-CRITICAL", 1],
    ["criticality-HIGH", 1],
    ["criticality-MEDIUM", 1],
    ["criticality-LOW", 0],
  ]);
  expect(await page.textContent("#register-owners")).toContain("Mette Holm (2)");
  await page.locator("#register").scrollIntoViewIfNeeded();
  await screenshot(page, "console-portfolio-register");
  await page.click("#criticality-CRITICAL");
  await page.waitForSelector("table tbody tr[data-processor]");
  expect(await rowsOf(page)).toEqual(["FirstAgenda"]);
  expect(await page.textContent(".active-filters")).toContain("Critical");

  // The list's own controls: a tag from the tags in use, an owner's name, a criticality; they combine.
  await page.goto(`${base}/console/processors`);
  await page.waitForFunction(() =>
    [...document.querySelectorAll("#filter-tag option")].some((o: any) => o.value === "Kundeservice"),
  );
  await page.selectOption("#filter-tag", "Kundeservice");
  await page.waitForFunction(() => document.querySelectorAll("table tbody tr[data-processor]").length === 1);
  expect(await rowsOf(page)).toEqual(["Capturi"]);
  expect(new URL(page.url()).search).toBe("?tag=Kundeservice");
  await page.goto(`${base}/console/processors`);
  await page.waitForSelector("table tbody tr[data-processor]");
  await page.fill("#filter-owner", "mette");
  await page.press("#filter-owner", "Enter");
  await page.waitForFunction(() => document.querySelectorAll("table tbody tr[data-processor]").length === 2);
  expect((await rowsOf(page)).sort()).toEqual(["Capturi", "FirstAgenda"]);
  await page.selectOption("#filter-criticality", "HIGH");
  await page.waitForFunction(() => document.querySelectorAll("table tbody tr[data-processor]").length === 1);
  expect(await rowsOf(page)).toEqual(["Capturi"]);
  expect(await page.textContent(".active-filters")).toMatch(/Business owner: “mette”.*Criticality: High/);
  // A tag chip in a row opens that tag's list.
  await screenshot(page, "console-processors-register-filters");

  // The vendor's header: owner, criticality, contract dates, services, tags, notes.
  await page.click("tr[data-processor='Capturi'] th a[href*='/processors/']");
  await page.waitForSelector("#register");
  const header = await page.textContent("#register");
  for (const text of ["Mette Holm", "mette.holm@example.dk", "High", "Speech analytics of customer calls"])
    expect(header).toContain(text);
  const tags = await page.locator("#register a.chip-tag").evaluateAll((as: any[]) => as.map((a) => a.textContent));
  expect(tags).toEqual(["Kundeservice", "AI"]);
  expect(header).toContain("2027"); // the renewal date
  await screenshot(page, "console-vendor-register");
  await page.click("#register a.chip-tag:text('AI')");
  await page.waitForFunction(() => document.querySelectorAll("table tbody tr[data-processor]").length === 1);
  expect(await rowsOf(page)).toEqual(["Capturi"]);
});

test("open high or critical findings: the count opens the list behind it", async () => {
  await gql(
    `mutation($input: CreateFindingInput!) { createFinding(input: $input) { finding { id } userErrors { message } } }`,
    {
      input: {
        processorId: await idOf("Ubivox"),
        severity: "HIGH",
        description: "No access review in 2026",
        dueOn: "2026-01-31",
      },
    },
  );
  const page = await signedIn("/console/");
  await page.waitForSelector("#problem-findings");
  expect(await page.getAttribute("#problem-findings", "data-count")).toBe("1");
  await page.click("#problem-findings");
  await page.waitForSelector("table tbody tr");
  expect(new URL(page.url()).search).toBe("?open=1&severity=HIGH%2CCRITICAL");
  const row = await page.textContent("table tbody tr");
  expect(row).toContain("Ubivox");
  expect(row).toContain("No access review in 2026");
  expect(row).toContain("High");
  await screenshot(page, "console-findings");
});

test("a DPA that contradicts itself: every reading shown with its clause; the draft discarded", async () => {
  const page = await signedIn("/console/imports");
  await page.setInputFiles("#dpa-file", CONTRADICTING_DPA);
  await page.click("form.upload button[type=submit]");
  await page.waitForSelector('[data-path="clauses.subprocessorNoticeDays"] .readings');
  const notice = page.locator('[data-path="clauses.subprocessorNoticeDays"]');
  const readings = await notice.locator(".readings > ol > li").evaluateAll((ls: any[]) => ls.map((l) => l.textContent));
  expect(readings).toHaveLength(2);
  expect(readings[0]).toContain("30");
  expect(readings[0]).toContain("§7.3");
  expect(readings[1]).toContain("45");
  expect(readings[1]).toContain("Bilag B.2");
  expect(await notice.locator(".readings").textContent()).toContain("The document contradicts itself");
  expect(await notice.locator(".field-value").getAttribute("data-value")).toBe("45");
  // A reading's citation jumps to its own quote.
  await notice.locator('.readings button.cite-button:has-text("§7.3")').click();
  const flashed = page.locator(".document mark.cite-flash");
  await flashed.waitFor();
  expect(await flashed.textContent()).toContain("30 dages varsel");
  await screenshot(page, "console-review-readings");
  await page.click('button:has-text("Discard")');
  await page.click('button:has-text("Yes, discard")');
  await page.waitForSelector("#import-state");
  expect(await page.textContent("#import-state")).toContain("discarded");
});

test("the schedule: supervision and change-notice deadlines as a worklist; a notice approved from it", async () => {
  const [capturi, aws] = [await idOf("Capturi"), await idOf("Amazon Web Services (AWS)")];
  const recorded = await gql(
    `mutation($input: RecordChangeNoticeInput!) { recordChangeNotice(input: $input) { changeNotice { id deadline ` +
      `} userErrors { message } } }`,
    {
      input: {
        processorId: capturi,
        subprocessorId: aws,
        kind: "ADDITION",
        receivedOn: new Date().toISOString().slice(0, 10),
        countries: ["DE"],
        transferMechanism: "NOT_NEEDED_EEA",
        purpose: "Backups in Frankfurt",
      },
    },
  );
  expect(recorded.recordChangeNotice.userErrors).toEqual([]);
  const page = await signedIn("/console/schedule");
  await page.waitForSelector('[data-bucket] li[data-kind="notice"]');
  const notice = page.locator('li[data-kind="notice"][data-processor="Capturi"]');
  expect(await notice.textContent()).toContain("Amazon Web Services (AWS)");
  expect(await notice.textContent()).toMatch(/in \d+ days|tomorrow|today/);
  // Overdue supervision comes first, then what is due within 30 days.
  const buckets = await page.locator("[data-bucket]").evaluateAll((ss: any[]) => ss.map((s) => s.dataset.bucket));
  expect(buckets[0]).toBe("overdue");
  const { supervisionSchedule } = await gql(`{ supervisionSchedule { daysUntilDue processor { name } } }`);
  const overdue = supervisionSchedule.filter((p: any) => p.daysUntilDue < 0).map((p: any) => p.processor.name);
  expect(overdue.length).toBeGreaterThanOrEqual(2); // Ubivox and E-SG.Cloud were never supervised
  const shown = await page
    .locator('[data-bucket="overdue"] li[data-kind="supervision"]')
    .evaluateAll((ls: any[]) => ls.map((l) => l.dataset.processor));
  expect(shown.sort()).toEqual(overdue.sort());
  await screenshot(page, "console-schedule");
  // Worked through with the keyboard: focus Approve, press Enter; the notice leaves the list.
  await notice.locator('button:has-text("Approve")').focus();
  await page.keyboard.press("Enter");
  await page.waitForSelector('.note-good[role="status"]');
  expect(await page.textContent('.note-good[role="status"]')).toContain(
    "Approved: Capturi → Amazon Web Services (AWS)",
  );
  await page.waitForFunction(() => !document.querySelector('li[data-kind="notice"][data-processor="Capturi"]'));
  const { pendingChangeNotices } = await gql(`{ pendingChangeNotices { id } }`);
  expect(pendingChangeNotices).toEqual([]);
});

test("keyboard: skip link, navigation, a vendor from the portfolio, a sub-processor from the graph", async () => {
  const page = await signedIn("/console/");
  await page.waitForSelector("#riskiest tbody tr");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement.textContent)).toBe("Skip to content");
  await page.keyboard.press("Enter");
  // Tab from the main content to the first vendor of the riskiest list, then open it.
  let found = false;
  for (let i = 0; i < 60 && !found; i++) {
    await page.keyboard.press("Tab");
    found = await page.evaluate(
      () => document.activeElement?.textContent === "FirstAgenda" && !!document.activeElement.closest("#riskiest"),
    );
  }
  expect(found).toBe(true);
  await page.keyboard.press("Enter");
  await page.waitForSelector("svg.graph g.node");
  // The new page's heading has the focus, so the next Tab starts there.
  expect(await page.evaluate(() => document.activeElement.tagName + ":" + document.activeElement.textContent)).toBe(
    "H1:FirstAgenda",
  );
  // The graph's nodes are links a keyboard reaches.
  let onUbivox = false;
  for (let i = 0; i < 80 && !onUbivox; i++) {
    await page.keyboard.press("Tab");
    onUbivox = await page.evaluate(
      () =>
        document.activeElement?.classList.contains("node-link") &&
        document.activeElement.querySelector('g[data-name="Ubivox"]') !== null,
    );
  }
  expect(onUbivox).toBe(true);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Ubivox");
  expect(new URL(page.url()).pathname).toMatch(/^\/console\/processors\//);
  // The main navigation is reachable too: back from the heading (Shift+Tab) to "Schedule".
  expect(await page.evaluate(() => document.activeElement.tagName)).toBe("H1");
  let onSchedule = false;
  for (let i = 0; i < 10 && !onSchedule; i++) {
    await page.keyboard.press("Shift+Tab");
    onSchedule = await page.evaluate(() => document.activeElement?.textContent === "Schedule");
  }
  expect(onSchedule).toBe(true);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Schedule");
});

test(
  "a phone's width (390 px): every page fits the screen, tables become " + "cards, the graph stays readable",
  async () => {
    const phone = { width: 390, height: 844 };
    const capturi = await idOf("Capturi");
    const { agreementImports } = await gql(`{ agreementImports { id } }`);
    for (const [name, pathname, ready] of [
      ["portfolio", "/console/", "#riskiest tbody tr"],
      ["vendor", `/console/processors/${capturi}`, "svg.graph g.node"],
      ["review", `/console/imports/${agreementImports[0].id}`, ".document mark"],
      ["schedule", "/console/schedule", "[data-bucket]"],
    ] as const) {
      const page = await signedIn(pathname, phone);
      await page.waitForSelector(ready);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect({ page: name, overflow }).toEqual({ page: name, overflow: 0 });
      await screenshot(page, `console-phone-${name}`);
      if (name === "portfolio") {
        // Table rows are cards: the header row is hidden, cells are labelled.
        expect(await page.locator("#riskiest thead").isHidden()).toBe(true);
        expect(await page.getAttribute("#riskiest tbody tr:first-child td", "data-label")).toBe("Risk");
      }
      if (name === "vendor") {
        const graph = await page.evaluate(() => {
          const svg = document.querySelector("svg.graph").getBoundingClientRect();
          return { width: svg.width, screen: window.innerWidth };
        });
        expect(graph.width).toBeLessThanOrEqual(graph.screen);
      }
      await page.close();
    }
  },
);

test("Danish: the switch sets lang=da, labels are Danish, and the choice is kept", async () => {
  const page = await signedIn("/console/");
  await page.waitForSelector("#tiers .tile");
  await page.click('button[data-lang="da"]');
  expect(await page.getAttribute("html", "lang")).toBe("da");
  expect(await page.textContent("h1")).toBe("Overblik");
  expect(await page.textContent("#tier-HIGH")).toContain("Høj");
  expect(await page.textContent("nav[aria-label]")).toContain("Leverandører");
  await page.reload();
  await page.waitForSelector("#tiers .tile");
  expect(await page.getAttribute("html", "lang")).toBe("da");
  expect(await page.textContent("#riskiest")).toContain("Ingen databehandleraftale i kraft");
  await screenshot(page, "console-portfolio-da");
  await page.goto(`${base}/console/processors/${await idOf("Capturi")}`);
  await page.waitForSelector('svg.graph g.node[data-name="Intercom"]');
  expect(await page.textContent(".legend")).toContain("tredjeland");
  expect(await page.textContent('#agreement tr[data-clause="breachNotificationHours"]')).toMatch(/\d+ timer/);
  await screenshot(page, "console-vendor-capturi-da");
});

test("a VIEWER key sees the portfolio but no imports; signing out forgets the key", async () => {
  const { createApiKey } = await gql(
    `mutation { createApiKey(input: { name: "console viewer", role: "VIEWER" }) { secret userErrors { message } } }`,
  );
  const page = await open();
  await page.goto(`${base}/console/`);
  await page.fill("#api-key", createApiKey.secret);
  await page.click("button[type=submit]");
  await page.waitForSelector("#tiers .tile");
  expect(await page.locator('nav a:has-text("Imports")').count()).toBe(0);
  expect(await page.textContent(".who-name")).toContain("viewer");
  await page.click('button:has-text("Sign out")');
  await page.waitForSelector("#api-key");
  expect(await page.evaluate(() => sessionStorage.getItem("tilsyn.apiKey"))).toBeNull();
});

// The register import review (last: the vendors it creates change the portfolio the tests above read).
const rowSel = (row: number) => `#register-plan tbody tr[data-row="${row}"]`;

test("import a register: upload, a problem at its cell, map a column, plan again, apply, vendor listed", async () => {
  const file = await registerFile("leverandoerer.xlsx", [
    ["Fjordhavn Lagerdata ApS", "DK", "Høj", "Mette Holm"],
    ["Skovbryn Løn A/S", "Danmark", "Middel", "Jens Berg"],
    ["Atlantis Hosting", "Atlantis", "Lav", "Ole Sand"],
  ]);

  // Sign in with the demo key as a person does, then reach the page from the Imports page.
  const page = await open();
  await page.goto(`${base}/console/`);
  await page.waitForSelector("#api-key");
  await page.focus("#api-key");
  await page.keyboard.type(key);
  await page.keyboard.press("Enter");
  await page.waitForSelector("#tiers .tile");
  await page.click('nav a[href="/console/imports"]');
  await page.click("#register-import-link");
  await page.waitForSelector("#register-file");
  expect(new URL(page.url()).pathname).toBe("/console/register-import");
  // The navigation links here too, marked as the current page.
  expect(await page.getAttribute('nav a[href="/console/register-import"]', "aria-current")).toBe("page");
  await screenshot(page, "console-register-upload");

  // The template downloads with the key (a plain endpoint, as an integration fetches it).
  const [template] = await Promise.all([page.waitForEvent("download"), page.click("#register-template-da")]);
  expect(template.suggestedFilename()).toBe("register-template.da.xlsx");
  const templateBook = new ExcelJS.Workbook();
  await templateBook.xlsx.readFile((await template.path())!);
  expect(templateBook.getWorksheet("Databehandlere")!.getRow(1).values).toEqual(expect.arrayContaining(["Navn"]));

  await page.setInputFiles("#register-file", file);
  await page.click("#register-upload");
  await page.waitForSelector("#register-plan tbody tr");
  const id = new URL(page.url()).pathname.split("/").pop()!;
  expect(new URL(page.url()).pathname).toBe(`/console/register-import/${id}`);

  // Counts per action, as the API has them.
  const { registerImport: planned } = await gql(
    `query($id: ID!) { registerImport(id: $id) { status counts { create update unchanged rejected }
       problems { sheet row column code } } }`,
    { id },
  );
  expect(planned.status).toBe("PLANNED");
  expect(planned.counts).toMatchObject({ create: 2, rejected: 1 });
  for (const [action, n] of Object.entries({ CREATE: 2, REJECTED: 1 }))
    expect(Number(await page.getAttribute(`#count-${action}`, "data-count"))).toBe(n);
  // Row 4 (Atlantis) is rejected, with its problem at column B ("Land") and the rule in words.
  expect(await page.getAttribute(rowSel(4), "data-action")).toBe("REJECTED");
  const cell = page.locator(`${rowSel(4)} li.problem[data-column="B"]`);
  expect(await cell.getAttribute("data-code")).toBe("INVALID_COUNTRY_CODE");
  expect(await cell.textContent()).toContain("Land");
  expect(planned.problems).toContainEqual(
    expect.objectContaining({ sheet: "Databehandlere", row: 4, column: "B", code: "INVALID_COUNTRY_CODE" }),
  );
  expect(await page.locator('#register-problems tr[data-row="4"][data-column="B"]').count()).toBe(1);
  expect(await page.getAttribute(rowSel(2), "data-action")).toBe("CREATE");
  // The mapping: headings read as fields; "Tovholder" is listed as not read.
  expect(await page.inputValue("#map-Databehandlere-A")).toBe("name");
  expect(await page.inputValue("#map-Databehandlere-B")).toBe("countryCode");
  expect(await page.inputValue("#map-Databehandlere-D")).toBe("");
  expect(await page.textContent("#register-mapping .unread-columns")).toContain("Tovholder");
  // The action tiles filter the rows (buttons, so the keyboard reaches them).
  await page.focus("#count-REJECTED");
  await page.keyboard.press("Enter");
  expect(await page.locator("#register-plan tbody tr").count()).toBe(1);
  expect(await page.getAttribute("#count-REJECTED", "aria-pressed")).toBe("true");
  await page.keyboard.press("Enter");
  expect(await page.locator("#register-plan tbody tr").count()).toBe(3);
  await screenshot(page, "console-register-plan");

  // Correct the mapping: "Tovholder" holds the business owner; plan again.
  await page.selectOption("#map-Databehandlere-D", "businessOwnerName");
  expect(await page.textContent("#register-replan")).toContain("1");
  await page.click("#register-replan");
  await page.waitForSelector('#register-mapping tr[data-column="D"] .muted');
  expect(await page.inputValue("#map-Databehandlere-D")).toBe("businessOwnerName");
  expect(await page.locator("#register-mapping .unread-columns").count()).toBe(0);
  const { registerImport: replanned } = await gql(
    `query($id: ID!) { registerImport(id: $id) { sheets { columns { letter field mappedBy } } } }`,
    { id },
  );
  expect(replanned.sheets[0].columns).toContainEqual({
    letter: "D",
    field: "businessOwnerName",
    mappedBy: "CORRECTION",
  });
  await screenshot(page, "console-register-replanned");

  // Apply: the outcome is shown, the rejected row is not written.
  await page.click("#register-apply");
  await page.waitForSelector("#register-outcome");
  expect(await page.textContent("#register-outcome")).toMatch(/2 created, 0 updated, \d+ unchanged, 1 rejected/);
  expect(await page.locator("#register-apply").count()).toBe(0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, "console-register-applied");

  // The new vendor is in the vendor list, with the owner from the mapped column.
  await page.click("#register-outcome a");
  await page.waitForSelector("tr[data-processor]");
  await page.fill('input[type="search"]', "Fjordhavn");
  await page.keyboard.press("Enter");
  await page.waitForSelector('tr[data-processor="Fjordhavn Lagerdata ApS"]');
  await screenshot(page, "console-register-vendors");
  const { processors } = await gql(
    `{ processors(filter: { search: "Fjordhavn" }) { edges { node { name businessOwnerName businessCriticality
       countryCode } } } }`,
  );
  expect(processors.edges.map((e: any) => e.node)).toEqual([
    {
      name: "Fjordhavn Lagerdata ApS",
      businessOwnerName: "Mette Holm",
      businessCriticality: "HIGH",
      countryCode: "DK",
    },
  ]);
  const { processors: none } = await gql(`{ processors(filter: { search: "Atlantis" }) { edges { node { id } } } }`);
  expect(none.edges).toEqual([]);
}, 120_000);

test("discard a plan; a phone's width (390 px) and Danish labels", async () => {
  const file = await registerFile("leverandoerer-2.xlsx", [["Havblik Kontor ApS", "SE", "Lav", "Anna Lind"]]);
  const form = new FormData();
  form.append("file", new Blob([fs.readFileSync(file)]), "leverandoerer-2.xlsx");
  const res = await fetch(`${base}/imports/register`, {
    method: "POST",
    body: form,
    headers: { authorization: `Bearer ${key}` },
  });
  expect(res.status).toBe(201);
  const { registerImport } = (await res.json()) as { registerImport: { id: string } };

  const page = await signedIn(`/console/register-import/${registerImport.id}`, { width: 390, height: 844 }, "da");
  await page.waitForSelector("#register-plan tbody tr");
  expect(await page.getAttribute("html", "lang")).toBe("da");
  expect(await page.textContent("#register-mapping-title")).toBe("Kolonneopsætning");
  expect(await page.textContent(`${rowSel(2)} [data-action]`)).toBe("Opret");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBe(0);
  // Table rows are cards on a phone: the header row is hidden, cells are labelled.
  expect(await page.locator("#register-plan thead").isHidden()).toBe(true);
  expect(await page.getAttribute(`${rowSel(2)} td`, "data-label")).toBe("Hvor");
  await screenshot(page, "console-register-phone-da");

  await page.click("#register-discard");
  await page.click(".confirm-discard button.danger");
  await page.waitForSelector("#register-outcome");
  expect(await page.textContent("#register-outcome")).toContain("intet blev skrevet");
  const { registerImport: after } = await gql(`query($id: ID!) { registerImport(id: $id) { status } }`, {
    id: registerImport.id,
  });
  expect(after.status).toBe("DISCARDED");
  const { processors } = await gql(`{ processors(filter: { search: "Havblik" }) { edges { node { id } } } }`);
  expect(processors.edges).toEqual([]);

  // The list page lists both imports with their status.
  await page.goto(`${base}/console/register-import`);
  await page.waitForSelector("#register-imports tbody tr");
  expect(await page.locator("#register-imports tbody tr").count()).toBe(2);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
  await screenshot(page, "console-register-list-phone-da");
}, 120_000);

// Last: it stops the server. A process manager (systemd, docker stop) sends SIGTERM to `npm start` alone, not to
// its process group; the API must get it too, answer what it holds and stop its PostgreSQL. With `sh -c "… && node
// …"` the shell did not pass it on: the API and its PostgreSQL went on running without a parent.
test("SIGTERM to npm start alone stops the API and its embedded PostgreSQL", async () => {
  const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
  process.kill(server.pid!, "SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([exited, new Promise((r) => (timer = setTimeout(() => r("timeout"), 30_000)))]);
  clearTimeout(timer);
  expect(code).not.toBe("timeout");
  expect(
    await fetch(`${base}/readyz`).then(
      (r) => r.status,
      () => "refused",
    ),
  ).toBe("refused");
  // PostgreSQL removes its pid file when it has shut down.
  const pidFile = path.join(DATA_DIR, "pg", "postmaster.pid");
  const until = Date.now() + 15_000;
  while (fs.existsSync(pidFile) && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
  expect(fs.existsSync(pidFile)).toBe(false);
}, 60_000);
