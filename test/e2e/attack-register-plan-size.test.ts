// A register file of 8 MB (50,000 rows of the template's 21 processor columns, every value wrong) is planned as
// 400,000 problems: a 104 MB plan stored in one JSONB value, read back and parsed whole for every query of the
// import, and `problems(limit:)` has no upper bound (rows(limit:) stops at 1,000). One key's upload and a few
// queries of its plan hold every other tenant's requests (the request thread parses, plans and serialises).
import { startTestApp, TestApp } from "../helpers/app";
import { headingsOf } from "../../src/modules/register-import/register-layout.rules";
import { retryWallClockBounds } from "../helpers/wall-clock";

retryWallClockBounds();

let app: TestApp;
let base: string;
let key: string;
let otherKey: string;

beforeAll(async () => {
  app = await startTestApp();
  base = app.server.url.replace(/\/graphql$/, "");
  key = (await app.newOrganization("Fejl Kommune")).key;
  otherKey = (await app.newOrganization("Rolig Kommune")).key;
  // The other tenant's key is used once before, so that its first check is not counted as the upload's doing.
  expect((await app.gql(otherKey, "{ viewer { __typename } }")).status).toBe(200);
});

afterAll(async () => {
  await app?.stop();
});

/** Runs `work` while another tenant queries; returns the other tenant's worst latency. */
async function otherTenantWorst(work: () => Promise<unknown>): Promise<number> {
  let done = false;
  const latencies: number[] = [];
  const querying = (async () => {
    while (!done || latencies.length < 2) {
      const t = Date.now();
      const res = await app.gql(otherKey, "{ viewer { __typename } }");
      expect(res.status).toBe(200);
      latencies.push(Date.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  try {
    await work();
  } finally {
    done = true;
    await querying;
  }
  return Math.max(...latencies);
}

function wrongRegister(rows: number): FormData {
  const heads = headingsOf("processors", "en");
  const lines = [heads.join(";")];
  for (let i = 0; i < rows; i++) lines.push(heads.map((_, j) => (j === 0 ? `Vendor ${i}` : "??bad??")).join(";"));
  const form = new FormData();
  form.append("file", new Blob([Buffer.from(lines.join("\n"))], { type: "text/csv" }), "vendors.csv");
  return form;
}

const post = async (form: FormData) => {
  const res = await fetch(`${base}/imports/register`, {
    method: "POST",
    body: form,
    headers: { authorization: `Bearer ${key}` },
  });
  return { status: res.status, body: (await res.json()) as any };
};

test("an 8 MB register of 50,000 rows of wrong values is planned (or refused naming the rule), not a 503", async () => {
  // On main: 400,000 problems, a 104 MB plan whose INSERT runs past the statement timeout: 503 TIMEOUT after 13 s.
  let res = { status: 0, body: null as any };
  const worst = await otherTenantWorst(async () => (res = await post(wrongRegister(50_000))));
  console.log(`50,000 rows: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}; other tenant worst ${worst} ms`);
  expect([201, 422]).toContain(res.status);
  if (res.status === 422) expect(res.body.error.code).not.toBe("TIMEOUT");
  // 4 s: 0.4-0.7 s on a quiet 2-core machine, 2.6 s once in CI with other work on both cores, 3.1 s once at load 10
  // (the planner's turns are counted apart in attack-register-load.test.ts, which does not depend on the load).
  expect(worst).toBeLessThan(4000);
}, 300_000);

// Three reads of a large plan at once parse it three times in the request thread: the stated bound for another
// tenant is 3 s there (2.2 s was measured once in CI's first pass on the 2-core machine; 4.7 s before problems were
// bounded).
test("the plan of 20,000 wrong rows is read with bounded problems, and another tenant stays under 3 s", async () => {
  const res = await post(wrongRegister(20_000));
  expect(res.status).toBe(201);
  const id = res.body.registerImport.id;
  const [size] = await app.db.owner.query(`SELECT max(pg_column_size(plan))::int AS bytes FROM register_import_plan`);
  let problems = 0;
  const worst = await otherTenantWorst(async () => {
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        app.gql(key, `query($id: ID!) { registerImport(id: $id) { problems(limit: 100000000) { row column code } } }`, {
          id,
        }),
      ),
    );
    problems = answers[0].data?.registerImport?.problems?.length ?? 0;
    if (!problems) console.log(JSON.stringify(answers[0]).slice(0, 300));
  });
  console.log(
    `plan stored ${size.bytes} bytes (compressed); problems answered ${problems}; other tenant worst during three ` +
      `plan reads ${worst} ms; rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
  );
  expect(problems).toBeLessThanOrEqual(1000);
  expect(worst).toBeLessThan(3000);
}, 300_000);
