// Real DPAs as users upload them after "Save as PDF" in a browser: every HTML and Markdown document of seven
// corpus parts printed by Debian's chromium (A4, Chrome's header and footer, network refused), read back by the
// importer and scored against the same labels as their own form. The floors sit a few points under what was
// measured (README, "Printed PDFs"); no placeholder or example may be taken in print either.
import path from "node:path";
import { openPrinter, type Printer } from "../../src/modules/dpa-import/extract/corpus-forms";
import {
  evaluatePrinted,
  loadLabels,
  printable,
  recall,
  sum,
  type DocumentScore,
} from "../../src/modules/dpa-import/extract/evaluation";
import { CHROMIUM } from "../helpers/browser";

const ROOT = path.resolve(__dirname, "..", "..");
/**
 * Parts whose printed form has tables wrapped in their columns, examples in cells and headings by size, and
 * (held-out-8, -35, -38) party cards, labelled cards and annex B cells that chromium sets on one line or as one
 * text run, where unfilled fields and examples were taken before (crmx, phishdefend, switchyard).
 */
const PARTS = ["held-out-2", "held-out-8", "held-out-9", "held-out-34", "held-out-35", "held-out-38", "held-out-39"];

let printer: Printer;
const scores: DocumentScore[] = [];

beforeAll(async () => {
  process.env.CHROMIUM_PATH ??= CHROMIUM;
  printer = await openPrinter();
  for (const label of loadLabels(ROOT).filter((l) => printable(l) && PARTS.includes(l.part ?? "train")))
    scores.push(await evaluatePrinted(ROOT, label, printer));
}, 240_000);

afterAll(async () => {
  await printer?.close();
});

const values = (s: DocumentScore[]) =>
  sum(
    s
      .flatMap((d) => Object.entries(d.fields).filter(([f]) => !/^subprocessors|^placeholders$/.test(f)))
      .map(([, c]) => c),
  );
const subprocessors = (s: DocumentScore[]) => sum(s.map((d) => d.fields.subprocessors ?? { tp: 0, fp: 0, fn: 0 }));

test("every HTML and Markdown document of the sample is printed and read", () => {
  expect(scores.length).toBe(31);
  expect(scores.filter((s) => s.error).map((s) => `${s.document}: ${s.error}`)).toEqual([]);
  for (const s of scores) expect(s.citations.invalid).toEqual([]);
});

test("printed, the sample keeps its values and sub-processors above the floors", () => {
  expect(recall(values(scores))! * 100).toBeGreaterThanOrEqual(FLOOR_VALUES);
  expect(recall(subprocessors(scores))! * 100).toBeGreaterThanOrEqual(FLOOR_SUBPROCESSORS);
});

test("nothing is taken from a placeholder or an example in print", () => {
  expect(scores.flatMap((s) => s.placeholdersTaken.map((t) => `${s.document}: ${t}`))).toEqual([]);
});

/**
 * Measured on the first four parts: 73.5 % of values (194 of 264; 89.0 % in their own form), 96.7 % of sub-processors
 * (59 of 61); with held-out-8, -35 and -38 (their printed parts 87.3 %, 82.8 %, 83.8 %): see the run's own figures.
 */
const FLOOR_VALUES = 70;
const FLOOR_SUBPROCESSORS = 90;
