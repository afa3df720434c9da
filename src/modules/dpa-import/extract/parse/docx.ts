// A Word file through mammoth's HTML (headings, lists, tables), with what mammoth leaves out put back
// first: Word's automatic numbering. A numbered heading or list item ("7. Anvendelse af
// underdatabehandlere", "7.3", "a)") has its number only in numbering.xml, and mammoth drops it, so a
// clause would lose the number the rules place it by. The numbers are computed here as Word shows them
// (levels, formats, start values, restarts, lists that continue across paragraphs) and written into each
// paragraph as a run of text before mammoth reads the file. A document's own heading styles (known by
// their outline level or the heading style they are based on) are mapped to headings too.
import JSZip from "jszip";
import mammoth from "mammoth";
import { checkHtmlNesting, MAX_HTML_DEPTH } from "./nesting";

// @xmldom/xmldom (mammoth's own XML parser) is loaded without its typings: they pull the browser's DOM
// library into the whole program. The few members used are typed here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DOMParser, XMLSerializer } = require("@xmldom/xmldom") as {
  DOMParser: new () => { parseFromString(xml: string, type: string): { documentElement: unknown } };
  XMLSerializer: new () => { serializeToString(node: unknown): string };
};

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

interface Level {
  start: number;
  format: string;
  text: string;
  suffix: string;
  legal: boolean;
}

interface Numbering {
  /** numId → its abstract list and its levels' start overrides. */
  nums: Map<string, { abstract: string; overrides: Map<number, number> }>;
  abstracts: Map<string, Map<number, Level>>;
  /** paragraph style → the numbering level that names it (w:lvl/w:pStyle). */
  levelOfStyle: Map<string, { abstract: string; level: number }>;
}

interface StyleNumbering {
  numId?: string;
  level?: number;
  basedOn?: string;
  name?: string;
  /** w:outlineLvl: 0–8 is a heading's level in the document's outline, 9 body text. */
  outline?: number;
}

// The DOM types of @xmldom/xmldom differ from lib.dom's; only elements and attributes are used.
type El = {
  localName: string;
  namespaceURI: string | null;
  childNodes: ArrayLike<unknown>;
  getAttributeNS(ns: string, name: string): string | null;
  getElementsByTagNameNS(ns: string, name: string): ArrayLike<El>;
  insertBefore(node: unknown, ref: unknown): unknown;
  appendChild(node: unknown): unknown;
  cloneNode(deep: boolean): El;
  parentNode: El | null;
  firstChild: unknown;
  nodeType: number;
};

const children = (el: El, name: string): El[] =>
  Array.from(el.childNodes as ArrayLike<El>).filter((c) => c.nodeType === 1 && c.localName === name);
const child = (el: El | undefined, name: string): El | undefined => (el ? children(el, name)[0] : undefined);
const val = (el: El | undefined): string | undefined => el?.getAttributeNS(W, "val") ?? undefined;
const all = (el: El, name: string): El[] => Array.from(el.getElementsByTagNameNS(W, name));

function readNumbering(root: El): Numbering {
  const abstracts = new Map<string, Map<number, Level>>();
  const levelOfStyle = new Map<string, { abstract: string; level: number }>();
  for (const a of all(root, "abstractNum")) {
    const id = a.getAttributeNS(W, "abstractNumId") ?? "";
    const levels = new Map<number, Level>();
    for (const l of children(a, "lvl")) {
      const level = Number(l.getAttributeNS(W, "ilvl") ?? 0);
      levels.set(level, {
        start: Number(val(child(l, "start")) ?? 1),
        format: val(child(l, "numFmt")) ?? "decimal",
        text: val(child(l, "lvlText")) ?? "",
        suffix: val(child(l, "suff")) ?? "tab",
        legal: !!child(l, "isLgl"),
      });
      const style = val(child(l, "pStyle"));
      if (style) levelOfStyle.set(style, { abstract: id, level });
    }
    abstracts.set(id, levels);
  }
  const nums = new Map<string, { abstract: string; overrides: Map<number, number> }>();
  for (const n of all(root, "num")) {
    const overrides = new Map<number, number>();
    for (const o of children(n, "lvlOverride")) {
      const start = val(child(o, "startOverride"));
      if (start !== undefined) overrides.set(Number(o.getAttributeNS(W, "ilvl") ?? 0), Number(start));
    }
    nums.set(n.getAttributeNS(W, "numId") ?? "", { abstract: val(child(n, "abstractNumId")) ?? "", overrides });
  }
  return { nums, abstracts, levelOfStyle };
}

function readStyles(root: El | null): Map<string, StyleNumbering> {
  const styles = new Map<string, StyleNumbering>();
  if (!root) return styles;
  for (const s of all(root, "style")) {
    const numPr = child(child(s, "pPr"), "numPr");
    const level = val(child(numPr, "ilvl"));
    if (s.getAttributeNS(W, "type") !== "paragraph") continue;
    const outline = val(child(child(s, "pPr"), "outlineLvl"));
    styles.set(s.getAttributeNS(W, "styleId") ?? "", {
      numId: val(child(numPr, "numId")),
      level: level === undefined ? undefined : Number(level),
      basedOn: val(child(s, "basedOn")),
      name: val(child(s, "name")),
      outline: outline === undefined ? undefined : Number(outline),
    });
  }
  return styles;
}

const ROMAN: [number, string][] = [
  [1000, "m"],
  [900, "cm"],
  [500, "d"],
  [400, "cd"],
  [100, "c"],
  [90, "xc"],
  [50, "l"],
  [40, "xl"],
  [10, "x"],
  [9, "ix"],
  [5, "v"],
  [4, "iv"],
  [1, "i"],
];
const roman = (n: number) => {
  let out = "";
  for (const [v, s] of ROMAN)
    while (n >= v) {
      out += s;
      n -= v;
    }
  return out;
};
const letters = (n: number) => {
  // Word repeats the letter past z: a … z, aa … zz.
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
};

/** A counter in a level's format, as Word writes it; null for bullets and unnumbered levels. */
export function formatNumber(n: number, format: string): string | null {
  switch (format) {
    case "bullet":
    case "none":
      return null;
    case "decimalZero":
      return n < 10 ? `0${n}` : String(n);
    case "lowerLetter":
      return letters(n);
    case "upperLetter":
      return letters(n).toUpperCase();
    case "lowerRoman":
      return roman(n);
    case "upperRoman":
      return roman(n).toUpperCase();
    default:
      return String(n);
  }
}

/**
 * Writes each numbered paragraph's number into it as text. Counters belong to the abstract list, so two
 * list instances of one list continue each other, unless an instance restarts a level (startOverride).
 */
export function numberParagraphs(document: El, numbering: Numbering, styles: Map<string, StyleNumbering>): number {
  const counters = new Map<string, (number | undefined)[]>();
  const started = new Set<string>();
  let written = 0;
  const styleNumbering = (styleId: string | undefined) => {
    for (let id = styleId, depth = 0; id && depth < 10; depth++) {
      const s = styles.get(id);
      if (!s) return null;
      if (s.numId !== undefined) return { numId: s.numId, level: s.level, styleId: id };
      id = s.basedOn;
    }
    return null;
  };
  for (const p of all(document, "p")) {
    const pPr = child(p, "pPr");
    const numPr = child(pPr, "numPr");
    const styleId = val(child(pPr, "pStyle"));
    let numId = val(child(numPr, "numId"));
    let levelText = val(child(numPr, "ilvl"));
    if (numId === undefined) {
      const fromStyle = styleNumbering(styleId);
      if (fromStyle) {
        numId = fromStyle.numId;
        const named = numbering.levelOfStyle.get(fromStyle.styleId);
        levelText = String(fromStyle.level ?? named?.level ?? 0);
      }
    }
    if (numId === undefined || numId === "0") continue;
    const num = numbering.nums.get(numId);
    const levels = num && numbering.abstracts.get(num.abstract);
    if (!num || !levels) continue;
    const level = Number(levelText ?? 0);
    const def = levels.get(level);
    if (!def) continue;
    const key = num.overrides.size ? `num:${numId}` : `abstract:${num.abstract}`;
    const count = counters.get(key) ?? [];
    if (!started.has(numId)) {
      started.add(numId);
      for (const [l, start] of num.overrides) count[l] = start - 1;
    }
    count[level] = count[level] === undefined ? def.start : count[level]! + 1;
    for (let deeper = level + 1; deeper < 9; deeper++) count[deeper] = undefined;
    counters.set(key, count);
    if (def.format === "bullet" || def.format === "none") continue;
    let broken = false;
    const label = def.text.replace(/%([1-9])/g, (_m, d: string) => {
      const l = Number(d) - 1;
      const lv = levels.get(l);
      const n = count[l] ?? lv?.start ?? 1;
      const formatted = formatNumber(n, def.legal ? "decimal" : (lv?.format ?? "decimal"));
      if (formatted === null) broken = true;
      return formatted ?? "";
    });
    if (broken || !label.trim()) continue;
    const ownerDocument = (p as unknown as { ownerDocument: { createElementNS(ns: string, n: string): El } })
      .ownerDocument;
    const run = ownerDocument.createElementNS(W, "w:r");
    // The number takes the look of the paragraph's first run (a bold heading's number is bold too).
    const firstRunProps = child(child(p, "r"), "rPr");
    if (firstRunProps) run.appendChild(firstRunProps.cloneNode(true));
    const t = ownerDocument.createElementNS(W, "w:t");
    (t as unknown as { setAttribute(n: string, v: string): void }).setAttribute("xml:space", "preserve");
    t.appendChild(
      (ownerDocument as unknown as { createTextNode(s: string): unknown }).createTextNode(
        label + (def.suffix === "nothing" ? "" : " "),
      ),
    );
    run.appendChild(t);
    const after = pPr ? (pPr as unknown as { nextSibling: unknown }).nextSibling : p.firstChild;
    p.insertBefore(run, after ?? null);
    written++;
  }
  return written;
}

const HEADING_NAME = /^heading ([1-6])$/i;

/**
 * Mammoth knows a heading by its style's name ("heading 1"); a document's own heading styles ("Klausul",
 * "Overskrift - bilag") say so by their outline level or by the heading style they are based on.
 */
export function headingStyleMap(styles: Map<string, StyleNumbering>): string[] {
  const levelOf = (id: string): number | null => {
    for (let at: string | undefined = id, depth = 0; at && depth < 10; depth++) {
      const s = styles.get(at);
      if (!s) return null;
      if (s.outline !== undefined) return s.outline <= 5 ? s.outline + 1 : null;
      const named = HEADING_NAME.exec(s.name ?? "");
      if (named) return Number(named[1]);
      at = s.basedOn;
    }
    return null;
  };
  const map: string[] = [];
  for (const [id, s] of styles) {
    const level = levelOf(id);
    if (!level || !s.name || HEADING_NAME.test(s.name) || /['\\\]]/.test(s.name)) continue;
    map.push(`p[style-name='${s.name}'] => h${level}:fresh`);
  }
  return map;
}

/**
 * The file with its automatic numbers written into its paragraphs (null when it has none to write), and the
 * style map that makes its own heading styles headings.
 */
async function prepared(bytes: Uint8Array): Promise<{ numbered: Buffer | null; styleMap: string[] }> {
  const zip = await JSZip.loadAsync(bytes);
  const parser = new DOMParser();
  const parse = async (f: JSZip.JSZipObject | null) =>
    f ? (parser.parseFromString(await f.async("string"), "text/xml").documentElement as unknown as El) : null;
  const styles = readStyles(await parse(zip.file("word/styles.xml")));
  const styleMap = headingStyleMap(styles);
  const documentFile = zip.file("word/document.xml");
  const numberingFile = zip.file("word/numbering.xml");
  if (!documentFile || !numberingFile) return { numbered: null, styleMap };
  const document = (await parse(documentFile))!;
  const numbering = readNumbering((await parse(numberingFile))!);
  if (numberParagraphs(document, numbering, styles) === 0) return { numbered: null, styleMap };
  zip.file("word/document.xml", new XMLSerializer().serializeToString(document));
  return { numbered: await zip.generateAsync({ type: "nodebuffer", compression: "STORE" }), styleMap };
}

/**
 * Throws HtmlTooDeep when an XML part of the Word file nests its elements deeper than MAX_HTML_DEPTH (mammoth and
 * the numbering above walk the parts recursively). A file that is not a zip is left to mammoth to refuse.
 */
async function checkPartsNesting(bytes: Uint8Array): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return;
  }
  for (const f of Object.values(zip.files))
    if (!f.dir && /\.(xml|rels)$/i.test(f.name)) checkHtmlNesting(await f.async("string"), MAX_HTML_DEPTH, true);
}

/**
 * The HTML of a Word file, its automatic numbers written in; `numbered` says they were, so the HTML reader
 * does not number its ordered lists a second time. Empty paragraphs are kept: like a text's blank lines,
 * they end a table laid out with tab stops.
 */
export async function docxHtml(bytes: Uint8Array): Promise<{ html: string; numbered: boolean }> {
  let numbered: Buffer | null = null;
  let styleMap: string[] = [];
  await checkPartsNesting(bytes);
  try {
    ({ numbered, styleMap } = await prepared(bytes));
  } catch {
    // Parts that cannot be read: mammoth reads the file as it is (and fails if it cannot).
  }
  const buffer = numbered ?? Buffer.from(bytes);
  const html = (await mammoth.convertToHtml({ buffer }, { ignoreEmptyParagraphs: false, styleMap })).value;
  return { html, numbered: numbered !== null };
}
