// Hostile documents for POST /imports/agreement that document-bombs.test.ts does not send: XML entities in a Word
// file (external: a file of the server; internal: billion laughs), nesting deep enough to overflow a recursive
// walk (Word tables in tables, HTML elements, Markdown blockquotes and lists), and files whose name and type lie.
// Each must answer 201 or a 4xx naming a code of the README's table, never 500, never a file of the server,
// with another tenant's query served meanwhile.
import * as bombs from "../helpers/bombs";
import { startTestApp, TestApp } from "../helpers/app";
import { retryWallClockBounds } from "../helpers/wall-clock";

retryWallClockBounds();

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const DPA_WORDS =
  "Databehandleraftale. Databehandleren behandler personoplysninger på vegne af den dataansvarlige " +
  "og kun efter dokumenteret instruks. Underdatabehandlere: ingen. Brud på persondatasikkerheden meddeles " +
  "inden 24 timer.";

let app: TestApp;
let base: string;
let key: string;
let bystander: string;

async function upload(bytes: Buffer, name: string, type = "application/octet-stream") {
  const form = new FormData();
  form.append("file", new Blob([bytes], { type }), name);
  const started = Date.now();
  const res = await fetch(`${base}/imports/agreement`, {
    method: "POST",
    body: form,
    headers: { authorization: `Bearer ${key}` },
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : null, ms: Date.now() - started };
}

/** Runs the upload while another tenant queries; the worst of its answers. */
async function whileQuerying(work: () => Promise<Awaited<ReturnType<typeof upload>>>) {
  let done = false;
  const latencies: number[] = [];
  const querying = (async () => {
    while (!done || latencies.length < 2) {
      const t = Date.now();
      const res = await app.gql(bystander, "{ viewer { __typename } }");
      expect(res.status).toBe(200);
      latencies.push(Date.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  let res: Awaited<ReturnType<typeof upload>>;
  try {
    res = await work();
  } finally {
    done = true;
    await querying;
  }
  console.log(`${res.status} ${res.text.slice(0, 160)} in ${res.ms} ms; bystander worst ${Math.max(...latencies)} ms`);
  // The bound document-bombs.test.ts holds the readers to: no answer of another tenant near a blocked loop.
  expect(Math.max(...latencies)).toBeLessThan(2000);
  return { res };
}

function expectNoInternals(res: { status: number; text: string }) {
  expect(res.status).not.toBe(500);
  expect(res.text).not.toMatch(/root:x:0:0|at \w+ \(|node_modules|RangeError|Maximum call stack|SELECT |QueryFailed/);
  if (res.status >= 400) expect(typeof JSON.parse(res.text).error.code).toBe("string");
}

beforeAll(async () => {
  app = await startTestApp();
  base = app.server.url.replace(/\/graphql$/, "");
  key = (await app.newOrganization("Angriber A/S")).key;
  bystander = (await app.newOrganization("Tilskuer A/S")).key;
});

afterAll(async () => {
  await app?.stop();
});

const wordFile = (documentXml: string) =>
  bombs.docx({ name: "word/document.xml", data: Buffer.from(documentXml, "utf8") });
const para = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;

test("a Word file with an external entity (file:///etc/passwd) does not read the server's file", async () => {
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
    `<w:document ${W}><w:body>${para(DPA_WORDS)}${para("&xxe;")}</w:body></w:document>`;
  const { res } = await whileQuerying(() => upload(wordFile(xml), "aftale.docx", DOCX));
  expectNoInternals(res);
  if (res.status === 201) {
    const id = res.body.agreementImport.id;
    const draft = await app.gql(key, `query($id: ID!) { agreementImport(id: $id) { documentText } }`, { id });
    expect(JSON.stringify(draft)).not.toMatch(/root:x:0:0/);
  }
});

test("a Word file with a billion-laughs entity is answered within the limits", async () => {
  let dtd = '<!ENTITY l0 "hahahahahahahahahaha">';
  for (let i = 1; i <= 9; i++) dtd += `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`;
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE w:document [${dtd}]>` +
    `<w:document ${W}><w:body>${para(DPA_WORDS)}${para("&l9;")}</w:body></w:document>`;
  const { res } = await whileQuerying(() => upload(wordFile(xml), "aftale.docx", DOCX));
  expectNoInternals(res);
  expect(res.ms).toBeLessThan(30_000);
});

test("Word tables nested 5,000 deep", async () => {
  const depth = 5000;
  const open = "<w:tbl><w:tr><w:tc>".repeat(depth);
  const close = `${para("x")}</w:tc></w:tr></w:tbl>`.repeat(depth);
  const xml = `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${para(DPA_WORDS)}${open}${para(
    DPA_WORDS,
  )}${close}</w:body></w:document>`;
  const { res } = await whileQuerying(() => upload(wordFile(xml), "aftale.docx", DOCX));
  expectNoInternals(res);
});

test("HTML nested 100,000 elements deep", async () => {
  const html = `<html><body><p>${DPA_WORDS}</p>${"<div>".repeat(100_000)}<p>${DPA_WORDS}</p>${"</div>".repeat(
    100_000,
  )}</body></html>`;
  const { res } = await whileQuerying(() => upload(Buffer.from(html), "aftale.html", "text/html"));
  expectNoInternals(res);
});

test("Markdown blockquotes and lists nested 50,000 deep", async () => {
  const md = `# Databehandleraftale\n\n${DPA_WORDS}\n\n${">".repeat(50_000)} ${DPA_WORDS}\n\n${Array.from(
    { length: 2000 },
    (_, i) => `${"  ".repeat(i)}- ${DPA_WORDS.slice(0, 20)}`,
  ).join("\n")}\n`;
  const { res } = await whileQuerying(() => upload(Buffer.from(md), "aftale.md", "text/markdown"));
  expectNoInternals(res);
});

test("names and types that lie: a PDF called .docx, a Word file sent as text/plain, a zip called .pdf", async () => {
  const pdf = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
  for (const [bytes, name, type] of [
    [pdf, "aftale.docx", DOCX],
    [bombs.plainDocx([DPA_WORDS]), "aftale.txt", "text/plain"],
    [bombs.zip([{ name: "a.txt", data: Buffer.from(DPA_WORDS) }]), "aftale.pdf", "application/pdf"],
    [Buffer.from("\uFEFF" + DPA_WORDS, "utf16le"), "aftale.txt", "text/plain"],
  ] as [Buffer, string, string][]) {
    const res = await upload(bytes, name, type);
    expectNoInternals(res);
  }
});
