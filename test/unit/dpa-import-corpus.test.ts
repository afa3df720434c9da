// The importer on real DPAs: the corpus (public documents, labelled by hand, split before any rule was
// written against them) read as uploads in their own forms and as Word and PDF files built at test time.
// Every value cites an exact span of the text the draft keeps; no placeholder or example is a value;
// each part (train, dev, held-out-2, …, held-out-63) is scored apart.
import fs from "node:fs";
import path from "node:path";
import { extractAgreementDraft } from "../../src/modules/dpa-import/extract";
import {
  corpusDir,
  evaluateLabel,
  loadLabels,
  recall,
  sum,
  uploadOf,
  type DocumentScore,
} from "../../src/modules/dpa-import/extract/evaluation";
import { isExample, isPlaceholder, withoutPlaceholders } from "../../src/modules/dpa-import/extract/placeholders";
import { parseDocument } from "../../src/modules/dpa-import/extract/parse";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const corpus = loadLabels(REPO_ROOT).filter((l) => l.source === "corpus");
const split = JSON.parse(fs.readFileSync(path.join(corpusDir(REPO_ROOT), "split.json"), "utf8"));
const sources = fs.readFileSync(path.join(corpusDir(REPO_ROOT), "SOURCES.md"), "utf8");

// split.json's lists by part, the latest first; what is in none of them is train.
const PARTS: [key: string, part: string][] = [
  ["heldOut63", "held-out-63"],
  ["heldOut62", "held-out-62"],
  ["heldOut61", "held-out-61"],
  ["heldOut60", "held-out-60"],
  ["heldOut59", "held-out-59"],
  ["heldOut58", "held-out-58"],
  ["heldOut57", "held-out-57"],
  ["heldOut56", "held-out-56"],
  ["heldOut55", "held-out-55"],
  ["heldOut54", "held-out-54"],
  ["heldOut53", "held-out-53"],
  ["heldOut52", "held-out-52"],
  ["heldOut51", "held-out-51"],
  ["heldOut50", "held-out-50"],
  ["heldOut49", "held-out-49"],
  ["heldOut48", "held-out-48"],
  ["heldOut47", "held-out-47"],
  ["heldOut46", "held-out-46"],
  ["heldOut45", "held-out-45"],
  ["heldOut44", "held-out-44"],
  ["heldOut43", "held-out-43"],
  ["heldOut42", "held-out-42"],
  ["heldOut41", "held-out-41"],
  ["heldOut40", "held-out-40"],
  ["heldOut39", "held-out-39"],
  ["heldOut38", "held-out-38"],
  ["heldOut37", "held-out-37"],
  ["heldOut36", "held-out-36"],
  ["heldOut34", "held-out-34"],
  ["heldOut35", "held-out-35"],
  ["heldOut33", "held-out-33"],
  ["heldOut32", "held-out-32"],
  ["heldOut31", "held-out-31"],
  ["heldOut30", "held-out-30"],
  ["heldOut29", "held-out-29"],
  ["heldOut28", "held-out-28"],
  ["heldOut27", "held-out-27"],
  ["heldOut26", "held-out-26"],
  ["heldOut25", "held-out-25"],
  ["heldOut24", "held-out-24"],
  ["heldOut23", "held-out-23"],
  ["heldOut22", "held-out-22"],
  ["heldOut21", "held-out-21"],
  ["heldOut20", "held-out-20"],
  ["heldOut19", "held-out-19"],
  ["heldOut18", "held-out-18"],
  ["heldOut17", "held-out-17"],
  ["heldOut16", "held-out-16"],
  ["heldOut15", "held-out-15"],
  ["heldOut14", "held-out-14"],
  ["heldOut13", "held-out-13"],
  ["heldOut12", "held-out-12"],
  ["heldOut11", "held-out-11"],
  ["heldOut10", "held-out-10"],
  ["heldOut9", "held-out-9"],
  ["heldOut8", "held-out-8"],
  ["heldOut7", "held-out-7"],
  ["heldOut6", "held-out-6"],
  ["heldOut5", "held-out-5"],
  ["heldOut4", "held-out-4"],
  ["heldOut3", "held-out-3"],
  ["heldOut2", "held-out-2"],
  ["dev", "dev"],
];
const partIn = (document: string) => PARTS.find(([key]) => split[key].includes(document))?.[1] ?? "train";

test("at least thirty real DPAs, each with its repository, path and commit, in the parts of the split", () => {
  expect(corpus.length).toBeGreaterThanOrEqual(30);
  for (const l of corpus) {
    const row = sources.split("\n").find((r) => r.startsWith(`| ${l.document} |`));
    expect(row).toMatch(/\| [\w.-]+\/[\w.-]+ \| [^|]+ \| [0-9a-f]{40} \|/);
    expect(l.part).toBe(partIn(l.document));
    expect(l.form ?? null).toBe(split.forms[l.document] ?? null);
  }
  expect(split.heldOut2.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut3.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut4.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut5.length).toBeGreaterThanOrEqual(3);
  expect(split.heldOut6.length).toBeGreaterThanOrEqual(3);
  expect(split.heldOut7.length).toBeGreaterThanOrEqual(4);
  expect(split.heldOut8.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut9.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut10.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut11.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut12.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut13.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut14.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut15.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut16.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut17.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut18.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut19.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut20.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut21.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut22.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut23.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut24.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut25.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut26.length).toBeGreaterThanOrEqual(4);
  expect(split.heldOut27.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut28.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut29.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut30.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut31.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut32.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut33.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut35.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut34.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut36.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut37.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut38.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut39.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut40.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut41.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut42.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut43.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut44.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut45.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut46.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut47.length).toBeGreaterThanOrEqual(3);
  expect(split.heldOut48.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut49.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut50.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut51.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut52.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut53.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut54.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut55.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut56.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut57.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut58.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut59.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut60.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut61.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut62.length).toBeGreaterThanOrEqual(5);
  expect(split.heldOut63.length).toBeGreaterThanOrEqual(5);
  const parts = [
    split.train,
    split.dev,
    split.heldOut2,
    split.heldOut3,
    split.heldOut4,
    split.heldOut5,
    split.heldOut6,
    split.heldOut7,
    split.heldOut8,
    split.heldOut9,
    split.heldOut10,
    split.heldOut11,
    split.heldOut12,
    split.heldOut13,
    split.heldOut14,
    split.heldOut15,
    split.heldOut16,
    split.heldOut17,
    split.heldOut18,
    split.heldOut19,
    split.heldOut20,
    split.heldOut21,
    split.heldOut22,
    split.heldOut23,
    split.heldOut24,
    split.heldOut25,
    split.heldOut26,
    split.heldOut27,
    split.heldOut28,
    split.heldOut29,
    split.heldOut30,
    split.heldOut31,
    split.heldOut32,
    split.heldOut33,
    split.heldOut35,
    split.heldOut34,
    split.heldOut36,
    split.heldOut37,
    split.heldOut38,
    split.heldOut39,
    split.heldOut40,
    split.heldOut41,
    split.heldOut42,
    split.heldOut43,
    split.heldOut44,
    split.heldOut45,
    split.heldOut46,
    split.heldOut47,
    split.heldOut48,
    split.heldOut49,
    split.heldOut50,
    split.heldOut51,
    split.heldOut52,
    split.heldOut53,
    split.heldOut54,
    split.heldOut55,
    split.heldOut56,
    split.heldOut57,
    split.heldOut58,
    split.heldOut59,
    split.heldOut60,
    split.heldOut61,
    split.heldOut62,
    split.heldOut63,
  ];
  expect(parts.reduce((n: number, p: string[]) => n + p.length, 0)).toBe(corpus.length);
});

describe("every corpus document, as uploaded", () => {
  let scores: DocumentScore[];
  beforeAll(async () => {
    scores = [];
    for (const l of corpus) scores.push(await evaluateLabel(REPO_ROOT, l));
    // 127 documents: 30 s alone, over 60 s beside the rest of the suite on 2 cores.
  }, 300_000);

  test("every citation is an exact span of the text the draft keeps, with a section reference", () => {
    for (const s of scores) {
      expect(s.error).toBeUndefined();
      expect(s.citations.invalid).toEqual([]);
      // Every document yields some: a one-page DPA (Reviewable's) states three values; CRA-Portal's connector addendum
      // (held-out-18, read unseen) gave two of its nine labelled values.
      expect(s.citations.total).toBeGreaterThanOrEqual(2);
    }
  });

  test("no placeholder or bracketed example is taken as a value", () => {
    expect(scores.flatMap((s) => s.placeholdersTaken.map((t) => `${s.document}: ${t}`))).toEqual([]);
  });

  test("every part scores at least the thresholds CI enforces (values right, sub-processors found)", () => {
    const part = (p: string) =>
      sum(
        scores
          .filter((s) => s.part === p)
          .flatMap((s) =>
            Object.entries(s.fields)
              .filter(([f]) => !f.startsWith("subprocessors") && f !== "placeholders")
              .map(([, c]) => c),
          ),
      );
    const subs = (p: string) =>
      sum(
        scores
          .filter((s) => s.part === p)
          .map((s) => s.fields.subprocessors)
          .filter(Boolean),
      );
    // 98.3 % and 98.7 % after the seventh round.
    expect(recall(part("train"))!).toBeGreaterThanOrEqual(0.95);
    expect(recall(subs("train"))!).toBeGreaterThanOrEqual(0.95);
    expect(recall(part("dev"))!).toBeGreaterThanOrEqual(0.95);
    expect(recall(subs("dev"))!).toBeGreaterThanOrEqual(0.95);
    // Seen since the third round (80.0 % of values, 21 of 21 sub-processors; 83.3 % after the fifth, 97.4 % after
    // the sixth).
    expect(recall(part("held-out-2"))!).toBeGreaterThanOrEqual(0.96);
    expect(recall(subs("held-out-2"))!).toBeGreaterThanOrEqual(0.95);
    // Measured once, after the third round of rules: 65.5 % of values, 0 of 10 sub-processors; seen since the
    // fourth round (95.2 %, 10 of 10; 96.4 % after the sixth, 98.8 % after the seventh).
    expect(recall(part("held-out-3"))!).toBeGreaterThanOrEqual(0.95);
    expect(recall(subs("held-out-3"))!).toBeGreaterThanOrEqual(0.95);
    // Committed before the importer was run on it, scored once after the fourth round: 45.8 % of values, 6 of 16
    // sub-processors; seen since the fifth round (88.1 %, 16 of 16; 94.9 % after the sixth, 98.3 % after the
    // seventh).
    expect(recall(part("held-out-4"))!).toBeGreaterThanOrEqual(0.95);
    expect(recall(subs("held-out-4"))!).toBeGreaterThanOrEqual(0.95);
    // Committed before the importer was run on it, scored once after the fifth round: 53.5 % of values, 2 of 5
    // sub-processors; studied since (83.7 %, 5 of 5; 95.3 % after the sixth round).
    expect(recall(part("held-out-5"))!).toBeGreaterThanOrEqual(0.92);
    expect(recall(subs("held-out-5"))!).toBeGreaterThanOrEqual(0.95);
    // Committed before the importer was run on it, scored once after the sixth round: 72.7 % of values, 8 of 8
    // sub-processors; seen since the seventh round (100 %, 55 of 55; 8 of 8).
    expect(recall(part("held-out-6"))!).toBeGreaterThanOrEqual(0.95);
    expect(recall(subs("held-out-6"))!).toBeGreaterThanOrEqual(0.95);
    // Committed before the importer was run on it, scored once after the seventh round: 50.9 % of values (27 of
    // 53, precision 69.2 %), 0 of 10 sub-processors, no placeholder taken; seen since the eighth round (83.0 %, 44
    // of 53, precision 95.7 %; 7 of 10); 86.8 % (46 of 53) after the ninth round, 92.5 % (49 of 53) after the tenth.
    expect(recall(part("held-out-7"))).not.toBeNull();
    expect(recall(part("held-out-7"))!).toBeGreaterThanOrEqual(0.89);
    expect(recall(subs("held-out-7"))).not.toBeNull();
    expect(recall(subs("held-out-7"))!).toBeGreaterThanOrEqual(0.65);
    // Committed before the importer was run on it, scored once after the ninth round: 34.7 % of values (26 of 75,
    // precision 66.7 %), 7 of 20 sub-processors, 3 placeholders taken, one DPA refused; seen since the tenth round
    // (80.3 %, 61 of 76 with one label corrected, precision 91.0 %; 15 of 20; no placeholder taken); after the eleventh
    // round 93.4 % (71 of 76, precision 95.9 %), 19 of 20.
    expect(recall(part("held-out-8"))).not.toBeNull();
    expect(recall(part("held-out-8"))!).toBeGreaterThanOrEqual(0.9);
    expect(recall(subs("held-out-8"))).not.toBeNull();
    expect(recall(subs("held-out-8"))!).toBeGreaterThanOrEqual(0.9);
    // Committed before the importer was run on it, scored once after the eleventh round: 68.3 % of values (41 of 60,
    // precision 93.2 %), 5 of 14 sub-processors, 0 of 2 placeholders marked, one example taken; seen since the twelfth
    // round (95.0 %, 57 of 60, precision 100 %; 14 of 14; 2 of 2 placeholders marked, none taken).
    expect(recall(part("held-out-9"))).not.toBeNull();
    expect(recall(part("held-out-9"))!).toBeGreaterThanOrEqual(0.94);
    expect(recall(subs("held-out-9"))).not.toBeNull();
    expect(recall(subs("held-out-9"))!).toBeGreaterThanOrEqual(0.95);
    // held-out-10: scored once, unseen, after the twelfth round (58.0 %, 3 of 6); seen since the thirteenth round
    // (73.9 %, 3 of 6); after the fifteenth round 84.1 %, 6 of 6.
    expect(recall(part("held-out-10"))).not.toBeNull();
    expect(recall(part("held-out-10"))!).toBeGreaterThanOrEqual(0.86);
    expect(recall(subs("held-out-10"))).not.toBeNull();
    expect(recall(subs("held-out-10"))!).toBeGreaterThanOrEqual(0.95);
    // After the thirty-seventh round (the audit methods across the corpus): held-out-2 98.7 %, held-out-11 96.9 %,
    // -12 91.3 %, -14 80.7 %, -15 94.7 %, -16 90.0 %, -17 84.8 %, -18 87.7 %, -19 89.2 %, -20 85.3 %, -21 87.1 %, -22
    // 84.5 %, -23 82.8 %, -24 80.6 %, -26 88.4 %, -28 86.2 %; the floors below a few points under them.
    // held-out-11: scored once, unseen, after the thirteenth round (64.6 %, 2 of 8); seen since the fourteenth round
    // (69.2 %, 2 of 8); after the fifteenth round 93.8 %, 8 of 8; after the thirty-fourth 95.4 %, 8 of 8.
    expect(recall(part("held-out-11"))).not.toBeNull();
    expect(recall(part("held-out-11"))!).toBeGreaterThanOrEqual(0.95);
    expect(recall(subs("held-out-11"))).not.toBeNull();
    expect(recall(subs("held-out-11"))!).toBeGreaterThanOrEqual(0.95);
    // held-out-12: scored once, unseen, after the fifteenth round (61.2 %, 8 of 11); seen since the sixteenth round
    // (87.4 %, 8 of 11); 89.3 % after the twenty-ninth.
    expect(recall(part("held-out-12"))).not.toBeNull();
    expect(recall(part("held-out-12"))!).toBeGreaterThanOrEqual(0.89);
    expect(recall(subs("held-out-12"))).not.toBeNull();
    expect(recall(subs("held-out-12"))!).toBeGreaterThanOrEqual(0.7);
    // held-out-13: scored once, unseen, after the sixteenth round (73.3 %, 5 of 10); seen since the seventeenth round
    // (84.0 %, 9 of 10).
    expect(recall(part("held-out-13"))).not.toBeNull();
    expect(recall(part("held-out-13"))!).toBeGreaterThanOrEqual(0.8);
    expect(recall(subs("held-out-13"))).not.toBeNull();
    expect(recall(subs("held-out-13"))!).toBeGreaterThanOrEqual(0.85);
    // held-out-14: scored once, unseen, after the seventeenth round (70.2 %, 10 of 11); seen since the eighteenth round
    // (77.2 %, 11 of 11).
    expect(recall(part("held-out-14"))).not.toBeNull();
    expect(recall(part("held-out-14"))!).toBeGreaterThanOrEqual(0.78);
    expect(recall(subs("held-out-14"))).not.toBeNull();
    expect(recall(subs("held-out-14"))!).toBeGreaterThanOrEqual(0.9);
    // held-out-15: scored once, unseen, after the eighteenth round (68.4 %, 17 of 26); seen since the nineteenth round
    // (93.7 %, 26 of 26).
    expect(recall(part("held-out-15"))).not.toBeNull();
    expect(recall(part("held-out-15"))!).toBeGreaterThanOrEqual(0.92);
    expect(recall(subs("held-out-15"))).not.toBeNull();
    expect(recall(subs("held-out-15"))!).toBeGreaterThanOrEqual(0.95);
    // held-out-16: scored once, unseen, after the nineteenth round (62.5 %, 18 of 19); seen since the twentieth round
    // (87.5 %, 19 of 19).
    expect(recall(part("held-out-16"))).not.toBeNull();
    expect(recall(part("held-out-16"))!).toBeGreaterThanOrEqual(0.9);
    expect(recall(subs("held-out-16"))).not.toBeNull();
    expect(recall(subs("held-out-16"))!).toBeGreaterThanOrEqual(0.95);
    // held-out-17: scored once, unseen, after the twentieth round (72.8 %, 13 of 13); seen since the twenty-first
    // round (82.6 %, 13 of 13).
    expect(recall(part("held-out-17"))).not.toBeNull();
    expect(recall(part("held-out-17"))!).toBeGreaterThanOrEqual(0.85);
    expect(recall(subs("held-out-17"))).not.toBeNull();
    expect(recall(subs("held-out-17"))!).toBeGreaterThanOrEqual(0.95);
    // held-out-18: scored once, unseen, after the twenty-first round (67.9 %, 13 of 15); seen since the
    // twenty-second (77.8 %, 13 of 15); 82.7 % after the twenty-eighth; 84.0 % after the twenty-ninth; 85.2 % after
    // the thirtieth; 86.4 % after the thirty-third; 88.9 % after the thirty-ninth.
    expect(recall(part("held-out-18"))).not.toBeNull();
    expect(recall(part("held-out-18"))!).toBeGreaterThanOrEqual(0.89);
    expect(recall(subs("held-out-18"))).not.toBeNull();
    expect(recall(subs("held-out-18"))!).toBeGreaterThanOrEqual(0.85);
    // held-out-19: scored once, unseen, after the twenty-second round (69.6 %, 13 of 20); seen since the
    // twenty-third (87.3 %, 19 of 20).
    expect(recall(part("held-out-19"))).not.toBeNull();
    expect(recall(part("held-out-19"))!).toBeGreaterThanOrEqual(0.89);
    expect(recall(subs("held-out-19"))).not.toBeNull();
    expect(recall(subs("held-out-19"))!).toBeGreaterThanOrEqual(0.9);
    // held-out-20: scored once, unseen, after the twenty-third round (77.5 %, 21 of 24, two placeholders taken); seen
    // since the twenty-fourth (83.3 %, 21 of 24, none taken).
    expect(recall(part("held-out-20"))).not.toBeNull();
    expect(recall(part("held-out-20"))!).toBeGreaterThanOrEqual(0.86);
    expect(recall(subs("held-out-20"))).not.toBeNull();
    expect(recall(subs("held-out-20"))!).toBeGreaterThanOrEqual(0.85);
    // held-out-21: scored once, unseen, after the twenty-fourth round (77.4 %, 21 of 30, one placeholder taken);
    // since the twenty-fifth (a merge field is a placeholder) none taken; 82.8 %, 23 of 30 after the twenty-sixth;
    // 84.9 % after the thirtieth; 86.0 % after the thirty-third.
    expect(recall(part("held-out-21"))).not.toBeNull();
    expect(recall(part("held-out-21"))!).toBeGreaterThanOrEqual(0.86);
    expect(recall(subs("held-out-21"))).not.toBeNull();
    expect(recall(subs("held-out-21"))!).toBeGreaterThanOrEqual(0.7);
    // held-out-22: scored once, unseen, after the twenty-sixth round (70.7 %, 11 of 15, one placeholder taken);
    // since the twenty-seventh (a role's word is no name) none taken; 82.8 %, 13 of 15 after the twenty-eighth; 83.6 %
    // after the thirty-third.
    expect(recall(part("held-out-22"))).not.toBeNull();
    expect(recall(part("held-out-22"))!).toBeGreaterThanOrEqual(0.82);
    expect(recall(subs("held-out-22"))).not.toBeNull();
    expect(recall(subs("held-out-22"))!).toBeGreaterThanOrEqual(0.8);
    // held-out-23: scored once, unseen, after the twenty-eighth round (60.9 %, 1 of 3, none taken); seen since the
    // twenty-ninth (77.0 %, 1 of 3, none taken); 79.3 % after the thirty-third.
    expect(recall(part("held-out-23"))).not.toBeNull();
    expect(recall(part("held-out-23"))!).toBeGreaterThanOrEqual(0.85);
    expect(recall(subs("held-out-23"))).not.toBeNull();
    expect(recall(subs("held-out-23"))!).toBeGreaterThanOrEqual(0.3);
    // held-out-24: scored once, unseen, after the twenty-ninth round (72.2 %, 7 of 8, none taken); seen since the
    // thirtieth (79.6 %, 7 of 8, none taken).
    expect(recall(part("held-out-24"))).not.toBeNull();
    expect(recall(part("held-out-24"))!).toBeGreaterThanOrEqual(0.8);
    expect(recall(subs("held-out-24"))).not.toBeNull();
    expect(recall(subs("held-out-24"))!).toBeGreaterThanOrEqual(0.85);
    // held-out-25: scored once, unseen, after the thirtieth round (76.0 %, 4 of 4, none taken); seen since the
    // thirty-first round (78.7 %).
    expect(recall(part("held-out-25"))).not.toBeNull();
    expect(recall(part("held-out-25"))!).toBeGreaterThanOrEqual(0.8);
    expect(recall(subs("held-out-25"))).not.toBeNull();
    expect(recall(subs("held-out-25"))!).toBeGreaterThanOrEqual(0.95);
    // held-out-26: scored once, unseen, after the thirty-first round (66.7 %, 12 of 12, none taken); seen since the
    // thirty-second and thirty-third rounds (87.0 %, 12 of 12, none taken).
    expect(recall(part("held-out-26"))).not.toBeNull();
    expect(recall(part("held-out-26"))!).toBeGreaterThanOrEqual(0.87);
    expect(recall(subs("held-out-26"))).not.toBeNull();
    expect(recall(subs("held-out-26"))!).toBeGreaterThanOrEqual(0.95);
    // held-out-27: scored once, unseen, after the thirty-first round (60.7 %, 4 of 5, none taken); seen since the
    // thirty-second and thirty-third rounds (82.0 %, 5 of 5, none taken).
    expect(recall(part("held-out-27"))).not.toBeNull();
    expect(recall(part("held-out-27"))!).toBeGreaterThanOrEqual(0.81);
    expect(recall(subs("held-out-27"))).not.toBeNull();
    expect(recall(subs("held-out-27"))!).toBeGreaterThanOrEqual(0.95);
    // held-out-28: scored once, unseen, after the thirty-second and thirty-third rounds (66.7 %, 8 of 8, none taken);
    // seen since the thirty-fourth round (83.9 %, 8 of 8, none taken).
    expect(recall(part("held-out-28"))).not.toBeNull();
    expect(recall(part("held-out-28"))!).toBeGreaterThanOrEqual(0.85);
    expect(recall(subs("held-out-28"))).not.toBeNull();
    expect(recall(subs("held-out-28"))!).toBeGreaterThanOrEqual(0.95);
    // held-out-29: scored once, unseen, after the thirty-fourth round (69.7 %, 6 of 13, none taken); seen since the
    // thirty-fifth round (70.8 %, 6 of 13, none taken); 91.0 %, 9 of 13, none taken after the thirty-sixth.
    expect(recall(part("held-out-29"))).not.toBeNull();
    expect(recall(part("held-out-29"))!).toBeGreaterThanOrEqual(0.91);
    expect(recall(subs("held-out-29"))).not.toBeNull();
    expect(recall(subs("held-out-29"))!).toBeGreaterThanOrEqual(0.65);
    // After the thirty-seventh round (the audit methods): held-out-30 68.4 %, held-out-31 76.2 %.
    // held-out-30: scored once, unseen, after the thirty-fifth round (57.0 %, 13 of 16, none taken); 67.1 % once
    // an addendum that never says "personal data" is no longer refused; 84.8 % after the thirty-ninth.
    expect(recall(part("held-out-30"))).not.toBeNull();
    expect(recall(part("held-out-30"))!).toBeGreaterThanOrEqual(0.85);
    expect(recall(subs("held-out-30"))).not.toBeNull();
    expect(recall(subs("held-out-30"))!).toBeGreaterThanOrEqual(0.78);
    // held-out-31: scored once, unseen, after the thirty-fifth round (75.2 %, 0 of 12, none taken); 9 of 12 once a
    // list under "Sub-processing" after an introducing sentence is read; 89.1 %, 6 of 6 placeholders after the
    // thirty-ninth.
    expect(recall(part("held-out-31"))).not.toBeNull();
    expect(recall(part("held-out-31"))!).toBeGreaterThanOrEqual(0.86);
    expect(recall(subs("held-out-31"))).not.toBeNull();
    expect(recall(subs("held-out-31"))!).toBeGreaterThanOrEqual(0.7);
    // held-out-32: scored once, unseen, after the thirty-sixth and thirty-eighth rounds (72.2 %, 9 of 11, none taken);
    // 82.3 %, 9 of 11, none taken after the fortieth.
    expect(recall(part("held-out-32"))).not.toBeNull();
    expect(recall(part("held-out-32"))!).toBeGreaterThanOrEqual(0.79);
    expect(recall(subs("held-out-32"))).not.toBeNull();
    expect(recall(subs("held-out-32"))!).toBeGreaterThanOrEqual(0.78);
    // held-out-33: scored once, unseen, after the thirty-sixth and thirty-eighth rounds (78.5 %, 10 of 10, none taken);
    // 82.8 %, 10 of 10, none taken after the fortieth.
    expect(recall(part("held-out-33"))).not.toBeNull();
    expect(recall(part("held-out-33"))!).toBeGreaterThanOrEqual(0.81);
    expect(recall(subs("held-out-33"))).not.toBeNull();
    expect(recall(subs("held-out-33"))!).toBeGreaterThanOrEqual(0.95);
    // held-out-36: scored once, unseen, after the forty-first and forty-second rounds (79.2 %); studied in the
    // forty-fourth (84.9 %).
    expect(recall(part("held-out-36"))).not.toBeNull();
    expect(recall(part("held-out-36"))!).toBeGreaterThanOrEqual(0.82);
    expect(recall(subs("held-out-36"))).not.toBeNull();
    expect(recall(subs("held-out-36"))!).toBeGreaterThanOrEqual(0.95);
    // held-out-37: scored once, unseen, after the forty-first and forty-second rounds (68.6 %); studied in the
    // forty-fourth (72.1 %).
    expect(recall(part("held-out-37"))).not.toBeNull();
    expect(recall(part("held-out-37"))!).toBeGreaterThanOrEqual(0.73);
    expect(recall(subs("held-out-37"))).not.toBeNull();
    expect(recall(subs("held-out-37"))!).toBeGreaterThanOrEqual(0.78);
    // held-out-38: scored once, unseen, after the forty-first and forty-second rounds (76.5 %); studied in the
    // forty-fourth (85.3 %).
    expect(recall(part("held-out-38"))).not.toBeNull();
    expect(recall(part("held-out-38"))!).toBeGreaterThanOrEqual(0.82);
    expect(recall(subs("held-out-38"))).not.toBeNull();
    expect(recall(subs("held-out-38"))!).toBeGreaterThanOrEqual(0.65);
    // held-out-39: scored once, unseen, after the forty-first and forty-second rounds (70.0 %); studied in the
    // forty-fourth (80.0 %).
    expect(recall(part("held-out-39"))).not.toBeNull();
    expect(recall(part("held-out-39"))!).toBeGreaterThanOrEqual(0.81);
    expect(recall(subs("held-out-39"))).not.toBeNull();
    expect(recall(subs("held-out-39"))!).toBeGreaterThanOrEqual(0.95);
    // held-out-40 and held-out-41: scored once, unseen, after the forty-third round (78.0 % and 72.2 %); studied in
    // the forty-fifth (92.7 % and 89.7 %).
    expect(recall(part("held-out-40"))).not.toBeNull();
    expect(recall(part("held-out-40"))!).toBeGreaterThanOrEqual(0.89);
    expect(recall(subs("held-out-40"))).not.toBeNull();
    expect(recall(subs("held-out-40"))!).toBeGreaterThanOrEqual(0.95);
    expect(recall(part("held-out-41"))).not.toBeNull();
    expect(recall(part("held-out-41"))!).toBeGreaterThanOrEqual(0.86);
    expect(recall(subs("held-out-41"))).not.toBeNull();
    expect(recall(subs("held-out-41"))!).toBeGreaterThanOrEqual(0.95);
    // held-out-42 and held-out-43: scored once, unseen, after the forty-fourth round (62.2 % and 84.9 %; 1 of 6 and
    // 9 of 11 sub-processors); studied in the forty-sixth (73.2 % and 85.8 %; 6 of 6 and 11 of 11).
    expect(recall(part("held-out-42"))).not.toBeNull();
    expect(recall(part("held-out-42"))!).toBeGreaterThanOrEqual(0.72);
    expect(recall(subs("held-out-42"))).not.toBeNull();
    expect(recall(subs("held-out-42"))!).toBeGreaterThanOrEqual(0.95);
    expect(recall(part("held-out-43"))).not.toBeNull();
    expect(recall(part("held-out-43"))!).toBeGreaterThanOrEqual(0.85);
    expect(recall(subs("held-out-43"))).not.toBeNull();
    expect(recall(subs("held-out-43"))!).toBeGreaterThanOrEqual(0.95);
    // held-out-44 and held-out-45: scored once, unseen, after the forty-fourth round and the one-line party cards
    // (72.5 % and 81.4 %; 7 of 24 and 4 of 5 sub-processors); studied in the forty-sixth (74.3 % and 83.3 %; 20 of 24
    // and 5 of 5); held-out-44 77.1 % after the forty-ninth.
    expect(recall(part("held-out-44"))).not.toBeNull();
    expect(recall(part("held-out-44"))!).toBeGreaterThanOrEqual(0.77);
    expect(recall(subs("held-out-44"))).not.toBeNull();
    expect(recall(subs("held-out-44"))!).toBeGreaterThanOrEqual(0.82);
    expect(recall(part("held-out-45"))).not.toBeNull();
    expect(recall(part("held-out-45"))!).toBeGreaterThanOrEqual(0.82);
    expect(recall(subs("held-out-45"))).not.toBeNull();
    expect(recall(subs("held-out-45"))!).toBeGreaterThanOrEqual(0.95);
    // held-out-46 to -50: scored once, unseen, after the forty-sixth round (69.8, 73.8, 74.7, 76.2 and 78.4 %; 24
    // of 24, 5 of 6, 17 of 19, 10 of 15 and 5 of 6 sub-processors), then three values taken fixed and three names
    // relabelled (split.json); studied in the forty-seventh round: 83.6, 90.5, 84.8, 85.7 and 86.7 %.
    expect(recall(part("held-out-46"))).not.toBeNull();
    expect(recall(part("held-out-46"))!).toBeGreaterThanOrEqual(0.85);
    expect(recall(subs("held-out-46"))).not.toBeNull();
    expect(recall(subs("held-out-46"))!).toBeGreaterThanOrEqual(0.95);
    expect(recall(part("held-out-47"))).not.toBeNull();
    expect(recall(part("held-out-47"))!).toBeGreaterThanOrEqual(0.88);
    expect(recall(subs("held-out-47"))).not.toBeNull();
    expect(recall(subs("held-out-47"))!).toBeGreaterThanOrEqual(0.8);
    expect(recall(part("held-out-48"))).not.toBeNull();
    expect(recall(part("held-out-48"))!).toBeGreaterThanOrEqual(0.82);
    expect(recall(subs("held-out-48"))).not.toBeNull();
    expect(recall(subs("held-out-48"))!).toBeGreaterThanOrEqual(0.85);
    expect(recall(part("held-out-49"))).not.toBeNull();
    expect(recall(part("held-out-49"))!).toBeGreaterThanOrEqual(0.83);
    expect(recall(subs("held-out-49"))).not.toBeNull();
    expect(recall(subs("held-out-49"))!).toBeGreaterThanOrEqual(0.63);
    expect(recall(part("held-out-50"))).not.toBeNull();
    expect(recall(part("held-out-50"))!).toBeGreaterThanOrEqual(0.84);
    expect(recall(subs("held-out-50"))).not.toBeNull();
    expect(recall(subs("held-out-50"))!).toBeGreaterThanOrEqual(0.8);
    // held-out-51 to -55: scored once, unseen, after the forty-seventh round (60.5, 75.8, 51.0, 74.0 and 71.1 %; 12 of
    // 14, 17 of 21, 8 of 9, 21 of 24 and 12 of 16 sub-processors; nothing taken); then two forms refused as not a DPA
    // read (test/unit/dpa-import-refused-forms.test.ts): held-out-51 74.1 % (14 of 14), held-out-53 68.8 %. Studied in
    // the forty-eighth round: 80.2, 76.8, 82.3, 79.5 and 75.6 % (14 of 14, 17 of 21, 9 of 9, 21 of 24, 12 of 16).
    expect(recall(part("held-out-51"))).not.toBeNull();
    expect(recall(part("held-out-51"))!).toBeGreaterThanOrEqual(0.79);
    expect(recall(subs("held-out-51"))).not.toBeNull();
    expect(recall(subs("held-out-51"))!).toBeGreaterThanOrEqual(0.95);
    expect(recall(part("held-out-52"))).not.toBeNull();
    expect(recall(part("held-out-52"))!).toBeGreaterThanOrEqual(0.76);
    expect(recall(subs("held-out-52"))).not.toBeNull();
    expect(recall(subs("held-out-52"))!).toBeGreaterThanOrEqual(0.8);
    expect(recall(part("held-out-53"))).not.toBeNull();
    expect(recall(part("held-out-53"))!).toBeGreaterThanOrEqual(0.81);
    expect(recall(subs("held-out-53"))).not.toBeNull();
    expect(recall(subs("held-out-53"))!).toBeGreaterThanOrEqual(0.95);
    expect(recall(part("held-out-54"))).not.toBeNull();
    expect(recall(part("held-out-54"))!).toBeGreaterThanOrEqual(0.79);
    expect(recall(subs("held-out-54"))).not.toBeNull();
    expect(recall(subs("held-out-54"))!).toBeGreaterThanOrEqual(0.87);
    expect(recall(part("held-out-55"))).not.toBeNull();
    expect(recall(part("held-out-55"))!).toBeGreaterThanOrEqual(0.75);
    expect(recall(subs("held-out-55"))).not.toBeNull();
    expect(recall(subs("held-out-55"))!).toBeGreaterThanOrEqual(0.74);
    // held-out-56 to -59: scored once, unseen, after the forty-eighth round (83.5, 78.4, 62.0 and 79.4 %; 22 of 23,
    // 16 of 16, 10 of 19 and 4 of 10 sub-processors; one name taken, "TODO Company Name"); then a drafting mark opening
    // a name is unfilled (test/unit/dpa-import-drafting-marks.test.ts) and two names relabelled as the corpus reads
    // that form: held-out-59 78.5 %, none taken. Studied in the forty-ninth round: 83.5, 79.5, 63.4 and 84.6 %; 22 of
    // 23 (thirteen false names gone), 16 of 16, 12 of 19 and 9 of 10 sub-processors.
    expect(recall(part("held-out-56"))).not.toBeNull();
    expect(recall(part("held-out-56"))!).toBeGreaterThanOrEqual(0.81);
    expect(recall(subs("held-out-56"))).not.toBeNull();
    expect(recall(subs("held-out-56"))!).toBeGreaterThanOrEqual(0.9);
    expect(recall(part("held-out-57"))).not.toBeNull();
    expect(recall(part("held-out-57"))!).toBeGreaterThanOrEqual(0.79);
    expect(recall(subs("held-out-57"))).not.toBeNull();
    expect(recall(subs("held-out-57"))!).toBeGreaterThanOrEqual(0.95);
    expect(recall(part("held-out-58"))).not.toBeNull();
    expect(recall(part("held-out-58"))!).toBeGreaterThanOrEqual(0.63);
    expect(recall(subs("held-out-58"))).not.toBeNull();
    expect(recall(subs("held-out-58"))!).toBeGreaterThanOrEqual(0.63);
    expect(recall(part("held-out-59"))).not.toBeNull();
    expect(recall(part("held-out-59"))!).toBeGreaterThanOrEqual(0.85);
    expect(recall(subs("held-out-59"))).not.toBeNull();
    expect(recall(subs("held-out-59"))!).toBeGreaterThanOrEqual(0.9);
    // held-out-60 to -63: scored once, unseen, after the forty-ninth round (71.2, 81.1, 73.8 and 75.9 %; 5 of 6, 7 of
    // 13, 8 of 8 and 11 of 12 sub-processors; none taken); studied in the fiftieth (78.1, 84.9, 83.8 and 83.9 %; 5 of
    // 6, 9 of 13, 8 of 8 and 11 of 12).
    expect(recall(part("held-out-60"))).not.toBeNull();
    expect(recall(part("held-out-60"))!).toBeGreaterThanOrEqual(0.77);
    expect(recall(subs("held-out-60"))).not.toBeNull();
    expect(recall(subs("held-out-60"))!).toBeGreaterThanOrEqual(0.83);
    expect(recall(part("held-out-61"))).not.toBeNull();
    expect(recall(part("held-out-61"))!).toBeGreaterThanOrEqual(0.83);
    expect(recall(subs("held-out-61"))).not.toBeNull();
    expect(recall(subs("held-out-61"))!).toBeGreaterThanOrEqual(0.68);
    expect(recall(part("held-out-62"))).not.toBeNull();
    expect(recall(part("held-out-62"))!).toBeGreaterThanOrEqual(0.82);
    expect(recall(subs("held-out-62"))).not.toBeNull();
    expect(recall(subs("held-out-62"))!).toBeGreaterThanOrEqual(0.95);
    expect(recall(part("held-out-63"))).not.toBeNull();
    expect(recall(part("held-out-63"))!).toBeGreaterThanOrEqual(0.82);
    expect(recall(subs("held-out-63"))).not.toBeNull();
    expect(recall(subs("held-out-63"))!).toBeGreaterThanOrEqual(0.91);
    // held-out-35: scored once, unseen, after the thirty-ninth and fortieth rounds (59.4 %); seen since the
    // forty-first (87.5 %, 13 of 15 sub-processors).
    expect(recall(part("held-out-35"))).not.toBeNull();
    expect(recall(part("held-out-35"))!).toBeGreaterThanOrEqual(0.86);
    expect(recall(subs("held-out-35"))).not.toBeNull();
    expect(recall(subs("held-out-35"))!).toBeGreaterThanOrEqual(0.82);
    // held-out-34: scored once, unseen, after the thirty-ninth and fortieth rounds (85.4 %); seen since the
    // forty-first (89.9 %).
    expect(recall(part("held-out-34"))).not.toBeNull();
    expect(recall(part("held-out-34"))!).toBeGreaterThanOrEqual(0.86);
    expect(recall(subs("held-out-34"))).not.toBeNull();
    expect(recall(subs("held-out-34"))!).toBeGreaterThanOrEqual(0.95);
  });
});

describe("the review text and PLACEHOLDER readings", () => {
  test("a Markdown upload: the draft's text has no markup and each citation quotes it exactly", async () => {
    const label = corpus.find((l) => l.document === "aabenforms-databehandleraftale.da.md")!;
    const parsed = await parseDocument(await uploadOf(REPO_ROOT, label));
    const draft = extractAgreementDraft(parsed);
    expect(draft.format).toBe("markdown");
    expect(draft.text).toBe(parsed.text);
    expect(draft.text).not.toMatch(/\*\*|\|---/);
    const breach = draft.placeholders!.find((p) => p.path === "clauses.breachNotificationHours")!;
    expect(draft.clauses.breachNotificationHours).toBeNull();
    expect(breach.kind).toBe("PLACEHOLDER");
    expect(breach.citations[0].quote).toContain("[24] timer");
    expect(draft.text!.slice(breach.citations[0].start, breach.citations[0].end)).toBe(breach.citations[0].quote);
    // The bracketed examples of Bilag B are noted, never listed.
    expect(draft.subprocessors).toEqual([]);
    expect(draft.placeholders!.filter((p) => p.path === "subprocessors")).toHaveLength(1);
    expect(draft.parties.find((p) => p.role === "PROCESSOR")!.name.value).toBe("Fenix Nordic");
  });

  test.each([
    ["[●]"],
    ["[Navn]"],
    ["*[30]*"],
    ["${processor.name}"],
    ["{{ site.legal_name }}"],
    ["[VALG 1: generel godkendelse]"],
    ["X"],
    ["____________"],
    ["<Indsæt leverandør>"],
    ["CVR [CVR-nr.]".replace("CVR ", "")],
  ])("%s is a placeholder", (value) => {
    expect(isPlaceholder(value)).toBe(true);
  });

  test.each([["Acme ApS"], ["24"], ["Hetzner Online GmbH, Tyskland"], ["OVH S.A.S."]])("%s is a value", (value) => {
    expect(isPlaceholder(value)).toBe(false);
  });

  test("bracketed examples are examples; a name with an unfilled company form keeps its filled part", () => {
    expect(isExample("[Hostingleverandør, fx Contabo GmbH]")).toBe(true);
    expect(isExample('[LIST - e.g., "Names, email addresses"]')).toBe(true);
    expect(isExample("Contabo GmbH")).toBe(false);
    expect(withoutPlaceholders("Fenix Nordic [selskabsform]")).toBe("Fenix Nordic");
  });

  test("an empty label and a label followed by the role marker leave the party unfilled", () => {
    const draft = extractAgreementDraft(
      [
        "Databehandleraftale",
        "",
        "mellem",
        "",
        "Dataansvarlig:",
        "",
        'herefter "den dataansvarlige"',
        "",
        "og",
        "",
        "Databehandleren:",
        "Acme ApS",
        "CVR: 12345678",
        "",
        'herefter "databehandleren"',
        "",
        "Databehandleren underretter den dataansvarlige senest [48] timer efter et brud på persondatasikkerheden.",
      ].join("\n"),
    );
    expect(draft.parties.map((p) => [p.role, p.name.value])).toEqual([["PROCESSOR", "Acme ApS"]]);
    expect(draft.clauses.breachNotificationHours).toBeNull();
    expect(draft.placeholders!.map((p) => p.path)).toEqual(
      expect.arrayContaining(["parties.CONTROLLER.name", "clauses.breachNotificationHours"]),
    );
  });
});
