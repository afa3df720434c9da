// The console's register import review in a real browser (Debian's chromium, every request off this machine
// refused and recorded) against the real `npm start` with the demo data, in a data directory of its own:
// sign in with the demo key, upload a small register built here with exceljs (Danish headings, one column
// tilsyn does not know, a row with a country that is not one), see the plan with the problem at its cell,
// map the unknown column, plan again, apply, and find the new vendor in the vendor list with the mapped
// value. Also a phone's width and Danish. Screenshots go to .data/screenshots/console-register-*.png.
import fs from "node:fs";
import path from "node:path";
import { spawn, ChildProcess } from "node:child_process";
import ExcelJS from "exceljs";
import { Browser, Page } from "playwright-core";
import { freePort } from "../../src/db/embedded";
import { launchBrowser, offlinePage, OfflinePage, screenshot } from "../helpers/browser";

// Page functions run in the browser; this file is type-checked without the DOM library.
declare const document: any;
declare const window: any;
declare const sessionStorage: any;

const ROOT = path.resolve(__dirname, "..", "..");
const DATA_DIR = path.join(ROOT, ".data", `console-register-e2e-${process.pid}`);
const WORK_DIR = path.join(DATA_DIR, "files");

let server: ChildProcess;
let serverOutput = "";
let base: string;
let key: string;
let browser: Browser;
const pages: OfflinePage[] = [];

async function gql(query: string, variables?: Record<string, unknown>) {
  const res = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
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
  // No page may have thrown, broken the CSP or asked anything of the internet.
  for (const p of pages.splice(0)) {
    expect({ outside: p.outside, errors: p.errors }).toEqual({ outside: [], errors: [] });
  }
});

async function open(viewport?: { width: number; height: number }): Promise<Page> {
  const p = await offlinePage(browser, viewport);
  pages.push(p);
  return p.page;
}

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
