// The export worker and the process's shutdown (src/main.ts as a child process, as `npm run start:dev` runs it): the
// worker starts with the first export (under ts-node it loads for 20–50 s), and SIGTERM ends it at once, loading or
// idle: the process exits 0 within the grace period. (Once, the shutdown waited for a loading worker: 14 s against
// the 10 s grace, or exit 1 when the backstop 5 s after the grace fired.)
import { createTestDatabase, TestDatabase } from "../helpers/db";
import { startApiProcess, ApiProcess } from "../helpers/api-process";
import { rawFetch, sleep } from "../helpers/load";
import { createOrganization } from "../../seeds/demo";

const GRACE_MS = 10_000;
const processes: ApiProcess[] = [];
let db: TestDatabase;
let key: string;

beforeAll(async () => {
  db = await createTestDatabase();
  ({ apiKey: key } = await createOrganization(db.owner, { name: "Shutdown ApS", countryCode: "DK" }));
});

afterAll(async () => {
  for (const p of processes.splice(0)) await p.kill("SIGKILL");
  await db.close();
});

async function start(): Promise<ApiProcess> {
  const api = await startApiProcess(db.url, { SHUTDOWN_GRACE_MS: String(GRACE_MS), EXPORT_WORKER_HEAP_MB: "256" });
  processes.push(api);
  return api;
}

const logged = (api: ApiProcess, msg: string) => api.output.join("").includes(`"msg":"${msg}"`);

async function exportCsv(api: ApiProcess): Promise<void> {
  const res = await rawFetch(`${api.base}/exports/ropa.csv`, { headers: { authorization: `Bearer ${key}` } });
  expect(res.status).toBe(200);
}

async function sigterm(api: ApiProcess): Promise<{ code: number | null; signal: string | null; ms: number }> {
  const signalled = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const exit = await Promise.race([
    api.kill("SIGTERM"),
    new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), GRACE_MS + 10_000))),
  ]);
  clearTimeout(timer);
  const ms = Date.now() - signalled;
  if (!exit || exit.code !== 0) console.log(api.output.join("").slice(-5000));
  return { code: exit?.code ?? null, signal: exit?.signal ?? null, ms };
}

test("a server that never exports starts no export worker", async () => {
  const api = await start();
  expect((await rawFetch(`${api.base}/healthz`)).status).toBe(200);
  await sleep(500);
  expect(logged(api, "export worker starting")).toBe(false);
  const exit = await sigterm(api);
  expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
  expect(exit.ms).toBeLessThan(GRACE_MS);
}, 180_000);

test("SIGTERM right after the first export started the worker (still loading): exit 0 within the grace", async () => {
  const api = await start();
  await exportCsv(api); // on the request's thread; the worker starts loading
  expect(logged(api, "export worker starting")).toBe(true);
  expect(logged(api, "export worker ready")).toBe(false);
  const exit = await sigterm(api);
  console.log(`[export-worker-shutdown] loading worker: exit ${JSON.stringify(exit)}`);
  expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
  expect(exit.ms).toBeLessThan(GRACE_MS);
  expect(api.output.join("")).toMatch(/"state":"loading".*"msg":"export worker ended at shutdown"/);
}, 180_000);

test("SIGTERM with the worker ready after an export in it: exit 0 within the grace", async () => {
  const api = await start();
  await exportCsv(api);
  for (const end = Date.now() + 150_000; !logged(api, "export worker ready"); await sleep(200))
    if (Date.now() > end) throw new Error(`the worker was not ready in 150 s:\n${api.output.join("").slice(-3000)}`);
  await exportCsv(api); // in the worker
  const exit = await sigterm(api);
  console.log(`[export-worker-shutdown] idle worker: exit ${JSON.stringify(exit)}`);
  expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
  expect(exit.ms).toBeLessThan(GRACE_MS);
  expect(api.output.join("")).toMatch(/"state":"idle".*"msg":"export worker ended at shutdown"/);
}, 240_000);
