// Every seeded fact must be traceable to the seed DPA it comes from: sources name the file, and
// quoted Danish words appear in that file.
import { SEED_FILES } from "../../seeds/demo";
import { seedDpaText } from "../../seeds/dpas";

const normalize = (s: string) => s.replace(/\s+/g, " ").toLowerCase();

const dpaText = (doc: string) => normalize(seedDpaText(doc));

test.each(SEED_FILES.map((f) => [f.document, f]))("%s: every source names the document", (doc, file) => {
  const sources: string[] = [];
  for (const p of file.processors) sources.push(p.source as string);
  for (const a of file.agreements) {
    for (const c of Object.values(a.clauses)) sources.push(c.source);
    for (const l of [
      ...(a.dataCategories as any[]),
      ...(a.dataSubjectCategories as any[]),
      ...(a.requiredMeasures as any[]),
    ])
      sources.push(l.source);
  }
  for (const e of file.engagements) sources.push(e.source as string);
  for (const m of file.processorMeasures) sources.push(m.source as string);
  for (const s of file.supervisionPlans) sources.push(s.source);
  expect(sources.length).toBeGreaterThan(10);
  for (const s of sources) expect(s.startsWith(`${doc} `)).toBe(true);
});

test.each(SEED_FILES.map((f) => [f.document, f]))("%s: quoted words are in the DPA text", (doc, file: any) => {
  const text = dpaText(doc);
  const quotes: string[] = [];
  for (const a of file.agreements) {
    // A quote may join several fragments of the text with "; ".
    for (const l of [...a.dataCategories, ...a.dataSubjectCategories]) if (l.quote) quotes.push(...l.quote.split("; "));
  }
  for (const plan of file.supervisionPlans) quotes.push(plan.quote);
  expect(quotes.length).toBeGreaterThan(0);
  const missing = quotes.filter((q) => !text.includes(normalize(q).replace(/^["'«]|["'»]$/g, "")));
  expect(missing).toEqual([]);
});
