// A page kept as its source file (JSX/TSX, TypeScript) is read as the page it renders: @babel/parser's tree,
// local components expanded, `.map()` over arrays rendered per item, data the file never renders laid out where
// it stands; comments and code are no text.
import { parseDocument, type ParsedDocument } from "../../src/modules/dpa-import/extract/parse";
import { looksLikeSource } from "../../src/modules/dpa-import/extract/parse/source";

const blockTexts = (d: ParsedDocument, kind?: string) =>
  d.blocks.filter((b) => !kind || b.kind === kind).map((b) => d.text.slice(b.start, b.end));
const cellTexts = (d: ParsedDocument) =>
  d.blocks.filter((b) => b.kind === "tableRow").map((b) => b.cells!.map((c) => d.text.slice(c.start, c.end)));
const read = (text: string, fileName = "page.tsx.txt") => parseDocument({ bytes: Buffer.from(text), fileName });

const page = `import { Shell } from "@/components/Shell";
import { NOTICE_DAYS } from "@/lib/terms";

// Stripe is not a sub-processor (a comment is no text).
const processors = [
  { name: "Supabase Inc.", country: "USA", role: "Database" },
  { name: "Resend Inc.", country: "USA", role: "E-mail" },
];

function Heading({ num, title }: { num: string; title: string }) {
  return <h2>{num}. {title}</h2>;
}

function Items({ items }: { items: string[] }) {
  return <ul>{items.map((item, i) => <li key={i}>— {item}</li>)}</ul>;
}

export default function Page() {
  return (
    <Shell title="Databehandleraftale" intro="Acme ApS er databehandler for kunden.">
      <Heading num="5" title="Underdatabehandlere" />
      <p>
        Vi bruger <strong>disse</strong>
        {" "}leverandører og varsler ændringer {NOTICE_DAYS} dage før.
      </p>
      <table>
        <tbody>
          {processors.map((p) => (
            <tr key={p.name}><td>{p.name}</td><td>{p.country}</td><td>{p.role}</td></tr>
          ))}
        </tbody>
      </table>
      <Items items={["Navn og e-mail", "Telefonnummer"]} />
      <p>{\`Brud meldes inden for \${24} timer.\`}</p>
    </Shell>
  );
}
`;

test("a TSX page: components expanded, arrays rendered by map(), attribute prose shown, no comments", async () => {
  const d = await read(page);
  expect(blockTexts(d, "heading")).toEqual(expect.arrayContaining(["Databehandleraftale", "5. Underdatabehandlere"]));
  expect(blockTexts(d, "paragraph")).toEqual(
    expect.arrayContaining([
      "Acme ApS er databehandler for kunden.",
      // An imported constant the file cannot see stays as written, so it reads as unfilled.
      "Vi bruger disse leverandører og varsler ændringer {NOTICE_DAYS} dage før.",
      "Brud meldes inden for 24 timer.",
    ]),
  );
  expect(cellTexts(d)).toEqual([
    ["Supabase Inc.", "USA", "Database"],
    ["Resend Inc.", "USA", "E-mail"],
  ]);
  expect(blockTexts(d, "listItem")).toEqual(["- — Navn og e-mail", "- — Telefonnummer"]);
  expect(d.text).not.toMatch(/Stripe|import|className|=>/);
});

test("a TypeScript module holding the DPA as data: sections as headings and paragraphs, rows as a table", async () => {
  const d = await read(
    [
      "export const VERSION = '1.2';",
      "/** Developer note: Vercel is not listed. */",
      "export const SUB_PROCESSORS = [{ name: 'Supabase', location: 'EU (Irland)' }];",
      "export const SECTIONS = [",
      "  { id: 'brud', title: '10. Brud', paragraphs: ['Vi underretter kunden senest inden for 48 timer.'] },",
      "  { id: 'x', title: '11. Tilsyn', paragraphs: ['Kunden kan føre tilsyn.'], list: ['Én gang om året'] },",
      "];",
      "export function text(): string {",
      "  return `AFTALE\\n\\nMellem Acme ApS og kunden indgås denne aftale.`;",
      "}",
    ].join("\n"),
    "dpa.ts.txt",
  );
  // Rows kept as data are titled by their constant's name, the only title the file gives them.
  expect(blockTexts(d, "heading")).toEqual(["Sub processors", "10. Brud", "11. Tilsyn", "AFTALE"]);
  expect(blockTexts(d, "paragraph")).toEqual(
    expect.arrayContaining(["Vi underretter kunden senest inden for 48 timer.", "Kunden kan føre tilsyn."]),
  );
  expect(cellTexts(d)).toEqual([
    ["name", "location"],
    ["Supabase", "EU (Irland)"],
  ]);
  expect(blockTexts(d, "listItem")).toEqual(["- Én gang om året"]);
  expect(d.text).not.toMatch(/Vercel|1\.2|brud\b/);
});

test("what is a source file: the first line of code, not a Markdown or text document mentioning code", () => {
  expect(looksLikeSource('"use client";\nimport x from "y";')).toBe(true);
  expect(looksLikeSource("/** note */\nexport default function Page() {}")).toBe(true);
  expect(looksLikeSource("# Databehandleraftale\n\nimport af data sker ...")).toBe(false);
  expect(looksLikeSource("DATABEHANDLERAFTALE\n\nconst er ikke kode her")).toBe(false);
});
