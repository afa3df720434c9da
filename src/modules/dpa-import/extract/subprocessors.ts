// Annex B's approved sub-processors in every form they come in: tables (pipe, HTML, Word, tab,
// aligned columns) with or without a header, bullet lists with one entry per item, and paragraphs
// "Name: what it does" after a sentence that introduces the list. Placeholder rows and bracketed
// examples are never sub-processors.
import type { Extracted, ExtractedSubprocessor, RegistrationScheme } from "../draft.types";
import type { Block } from "./parse";
import { isKindWithExamples, namesNoOne, notePlaceholder } from "./placeholders";
import { found } from "./readings";
import { cite, type DpaDocument } from "./sections";
import type { Section } from "./structure";
import { sentenceSpans } from "./sentences";
import { countryIn, countryNamedIn } from "./vocabulary";

type Column = "name" | "registration" | "address" | "country" | "description" | "transfer";

const COLUMN_HEADINGS: [RegExp, Column][] = [
  [/(overførselsgrundlag|transfer (mechanism|basis|tool)|safeguard|grundlag|garanti)/i, "transfer"],
  // "Entity Country", "Vendor Location": the last word says the column, before "Entity" would name it.
  [/^(?:[\p{L}-]+\s+){1,2}(?:country|countries|location|locations|lokation|land)$/iu, "country"],
  [
    new RegExp(
      String.raw`^(navn|name|underdatabehandler|sub-?processor|name of the sub-?processor|leverandør|vendor|p` +
        String.raw`rovider|company|virksomhed|firma|entity|selskab|sub-?contractor|underleverandør)`,
      "i",
    ),
    "name",
  ],
  // "Region" is where, not a number.
  [/(cvr|reg\.?(?!ion)|registration|company no|vat|org\.? ?nr|business id)/i, "registration"],
  [/(adresse|address)/i, "address"],
  [
    new RegExp(
      String.raw`^(land|country|countries|lokation|lokalitet|location|placering|region|hosting location|proce` +
        String.raw`ssing location|data location)`,
      "i",
    ),
    "country",
  ],
  [
    new RegExp(
      String.raw`(beskrivelse|description|behandling|processing|formål|purpose|activity|ydelse|service|role|o` +
        String.raw`pgave|function|anvendes)`,
      "i",
    ),
    "description",
  ],
];

interface Entry {
  start: number;
  end: number;
  name: string;
  /** The cell or line the name came from, with brackets and country. */
  nameSource: string;
  /** A bracket after the name in a list item ("(Germany)", "(e.g. AWS)"). */
  bracket?: string;
  registration?: string;
  address?: string;
  country?: string;
  description?: string;
  transfer?: string;
}

const SUBPROCESSOR_WORDS =
  /underdatabehandler|sub-?processor|subprocessor|suboperador|third[- ]party (service )?providers/i;
/** Words that introduce a table of sub-processors: also "subcontractors" (a translated DPA's "sous-traitants"). */
// A heading "Third-Party Services" over the services the processor uses.
const LISTS_SUBPROCESSORS = new RegExp(
  `${SUBPROCESSOR_WORDS.source}|sub-?contractors?\\b|underleverandør|third[- ]party services`,
  "i",
);

/** A first column headed by what the rows are, not who ("Service | Purpose | Data Shared"): the names. */
const SERVICE_COLUMN = /^(?:third[- ]party\s+)?(?:services?|tools?|platforms?|tjenester?|værktøjer?)$/i;

function columnsOf(cells: string[]): (Column | null)[] {
  const seen = new Set<Column>();
  const named = cells.some((c) => COLUMN_HEADINGS.find(([re]) => re.test(c.trim()))?.[1] === "name");
  if (!named && cells.length >= 2 && SERVICE_COLUMN.test(cells[0].trim())) seen.add("name");
  return cells.map((c, i) => {
    if (i === 0 && seen.has("name")) return "name";
    const col = COLUMN_HEADINGS.find(([re]) => re.test(c.trim()))?.[1] ?? null;
    if (!col || seen.has(col)) return null;
    seen.add(col);
    return col;
  });
}

const cellText = (doc: DpaDocument, b: Block) => (b.cells ?? []).map((c) => doc.text.slice(c.start, c.end).trim());

/** Rows of the tables inside a place; a header names the columns, else the first column is the name. */
function tableEntries(doc: DpaDocument, blocks: Block[], inList: boolean): Entry[] {
  const entries: Entry[] = [];
  const tables = new Map<number, Block[]>();
  for (const b of blocks) if (b.kind === "tableRow") tables.set(b.table ?? 0, [...(tables.get(b.table ?? 0) ?? []), b]);
  for (const rows of tables.values()) {
    const headerCells = cellText(doc, rows[0]);
    let columns = columnsOf(headerCells);
    const named = columns.includes("name");
    const hasHeader = rows[0].header || (named && columns.filter(Boolean).length >= 2);
    // A table introduced as suppliers that do not get the data ("… modtager IKKE klientindhold:") lists none.
    const before = doc.blocks.filter((b) => b.end <= rows[0].start && b.kind !== "tableRow").pop();
    const beforeText = before ? doc.text.slice(before.start, before.end) : "";
    if (NOT_RECEIVING.test(beforeText)) continue;
    // A table elsewhere counts only when its header says it lists sub-processors, or its header names companies
    // and the heading or sentence just before it says they are sub-processors ("Main Subprocessors", "The
    // following is the current list of approved subcontractors:" over "Name | Address | Purpose").
    // The heading over the table and its lead-in says so too ("Third-Party Services" over "We use the following
    // services:").
    const heading = doc.blocks.filter((b) => b.end <= rows[0].start && b.kind === "heading").pop();
    const headingText =
      heading && before && heading.end <= before.start ? doc.text.slice(heading.start, heading.end) : "";
    const introduced =
      named &&
      columns.filter(Boolean).length >= 2 &&
      (LISTS_SUBPROCESSORS.test(beforeText) ||
        (LISTS_SUBPROCESSORS.test(headingText) && /following|below|følgende|nedenstående/i.test(beforeText)));
    if (!inList && !(hasHeader && (LISTS_SUBPROCESSORS.test(headerCells.join(" ")) || introduced))) continue;
    if (!hasHeader || !named) columns = ["name", ...columns.slice(1)];
    let previous: Entry | null = null;
    const body = hasHeader ? rows.slice(1) : rows;
    // A row that fills only its first cell in a table whose rows fill more is a group's heading ("Hosting
    // Providers", "CRM and Support"): the companies are the rows under it. Not a company ("Acme Ltd" with its
    // details left out) nor a name cell's second line ("Company no. 654321").
    const filled = (row: Block) => cellText(doc, row).filter(Boolean).length;
    const groupHeading = (row: Block) =>
      (row.cells ?? []).length >= 3 &&
      filled(row) === 1 &&
      !!nameAndNumber(cellText(doc, row)[0]).name &&
      !nameAndNumber(cellText(doc, row)[0]).registration &&
      !COMPANY_FORM.test(cellText(doc, row)[0]) &&
      body.filter((r) => filled(r) >= 2).length > body.length / 2;
    for (const row of body) {
      if (groupHeading(row)) {
        previous = null;
        continue;
      }
      const cells = cellText(doc, row);
      const get = (c: Column) => {
        const i = columns.indexOf(c);
        return i >= 0 && cells[i] ? cells[i] : undefined;
      };
      const cell = get("name") ? nameAndNumber(get("name")!) : null;
      // A row with no name of its own (or only the number) is the row before it going on: a cell's second line.
      if (!cell?.name) {
        if (previous)
          for (const c of COLUMNS)
            previous[c] = joined(previous[c], c === "registration" ? cell?.registration : get(c));
        continue;
      }
      previous = {
        start: row.start,
        end: row.end,
        name: cell.name,
        nameSource: cell.name,
        registration: get("registration") ?? cell.registration,
        address: get("address"),
        country: get("country"),
        description: get("description"),
        transfer: get("transfer"),
      };
      entries.push(previous);
    }
  }
  return entries;
}

const COLUMNS = ["registration", "address", "country", "description", "transfer"] as const;
const joined = (a: string | undefined, b: string | undefined) => [a, b].filter(Boolean).join(" ") || undefined;

/**
 * A name cell whose text goes on with the company's number ("Criipto A/S<br>CVR 35142207", a Word cell's second
 * paragraph): the name before it, the number apart. A cell that is only a number has no name.
 */
export function nameAndNumber(cell: string): { name: string; registration?: string } {
  const m = REGISTRATION.exec(cell);
  // The label starts a word ("CVR 35142207"), not inside one.
  if (!m || (m.index > 0 && /[\p{L}\d]/u.test(cell[m.index - 1]))) return { name: cell };
  return { name: cell.slice(0, m.index).replace(/[\s,;·|–—(-]+$/, ""), registration: m[1].trim() };
}

const REGISTRATION = new RegExp(
  String.raw`(?:org\.?\s*nr\.?|cvr(?:-nr\.?)?|reg\.?\s*(?:no|nr)\.?|company (?:no\.?|number)|rcs(?:\s+\p{Lu` +
    String.raw`}[\p{L}é-]*)*|vat(?:\s*no\.?)?|se-nr\.?|business id)\s*[:.]?\s*([A-Z]{0,2}\d[\d \t.-]{3,}\d\w*` +
    String.raw`)`,
  "iu",
);
const POSTAL = /\b\d{4,5}\s+\p{Lu}|\b[A-Z]{1,2}\d{1,2}[A-Z]?\s*\d[A-Z]{2}\b/u;

/** Labels of the lines under a name ("Purpose: Hosting", "Location: Germany"), which may run on in one line. */
const DETAIL_LABEL = new RegExp(
  String.raw`(?:^|\s)(?=(?:purpose|formål|description|beskrivelse|service|ydelse|activity|processing|databehandlin` +
    String.raw`g|behandling|location|lokation|placering|country|land|address|ad` +
    String.raw`resse)\s*:\s)`,
  "giu",
);
const COUNTRY_LABEL = /^(location|lokation|placering|country|land|hosting location|data location)\s*:\s*/i;
const ADDRESS_LABEL = /^(address|adresse)\s*:\s*/i;
const PURPOSE_LABEL =
  /^(databehandling|behandling|purpose|processing|formål|activity|description|beskrivelse|service|ydelse)\s*:\s*/i;

const NAME_THEN_ADDRESS = new RegExp(
  String.raw`^(?<name>.*?\s(?:Pty\.? Ltd|A\/S|ApS|I\/S|B\.V|Ltd|Limited|SARL|Inc|GmbH|gGmbH|AG|AB|AS|ASA|Oy|LLC|PLC|p` +
    String.raw`lc|Corp|Corporation|SAS|Srl|N\.V|S\.A|S\.L|SE)\.?),\s+(?<rest>.*\d.*)$`,
  "u",
);

/** A piece that only names a country ("Germany", "USA", "EU"): where, not what. */
const onlyCountry = (piece: string) =>
  !!countryIn(piece) && piece.trim().split(/\s+/).length <= 3 && !COMPANY_FORM.test(piece);

/**
 * Where a description says the entry is, and the description without it: the last piece after a dash or comma
 * ("hosting – Germany"), a bracket at the end ("Hosting (Germany)"), the whole of it ("Germany", unless it is a
 * labelled purpose), or "located in Germany" (kept in the description).
 */
function placeIn(text: string, whole: boolean): { description: string; country: string | undefined } {
  let description = text;
  const last = /^(.+?)(?:\s+[—–-]\s+|,\s+)([^,—–]+?)[.;]?$/u.exec(description);
  if (last && onlyCountry(last[2])) return { description: last[1], country: last[2] };
  const bracketed = /^(.*?)\s*\(([^()]+)\)\s*$/.exec(description);
  if (bracketed && onlyCountry(bracketed[2])) return { description: bracketed[1], country: bracketed[2] };
  if (whole && onlyCountry(description)) return { description: "", country: description };
  const placed =
    /(?:located|hosted|based|stored|established|placeret|hostet|beliggende)\s+(?:in|i)\s+([^,;.()]+)/i.exec(
      description,
    );
  description = description.trim();
  return { description, country: placed && onlyCountry(placed[1]) ? placed[1] : undefined };
}

/** One list item or paragraph as an entry: the name first, then what the lines say. */
function lineEntry(doc: DpaDocument, b: Block): Entry | null {
  const raw = doc.text.slice(b.start, b.end).replace(/^\s*(?:[-•*–]|\d{1,2}[.)]|\(?[a-z]\))\s+/, "");
  const lines = raw
    .split("\n")
    .flatMap((l) => l.split(DETAIL_LABEL))
    .map((l) => l.trim())
    .filter(Boolean);
  if (!lines.length) return null;
  // "1. Cloud services:" over a nested list ("- Nimbus Cloud (USA) – hosting") names a group of sub-processors.
  const [head, ...under] = raw.split("\n");
  if (/:[*_]*\s*$/.test(head) && under.every((l) => !l.trim() || /^\s*(?:[-•*–]|\d{1,2}[.)])\s+/.test(l))) return null;
  const first = lines[0];
  const cut = /^(.{2,90}?)(?:\s*\(([^)]*)\))?\s*(?::\s+|,\s+(?=\p{Ll})|\s+[—–-]\s+|$)/u.exec(first);
  if (!cut) return null;
  // An abbreviated company form keeps its full stop ("Mailspring Inc.").
  let name = cut[1]
    .replace(/[.,;:]+$/, () => (/\b(?:Inc|Ltd|Corp|Co|B\.V|N\.V|S\.A|S\.L)\.$/.test(cut[1]) ? "." : ""))
    .trim();
  if (!/\p{L}/u.test(name) || name.split(/\s+/).length > 10) return null;
  const text = lines.join("\n");
  const registration = REGISTRATION.exec(text)?.[1];
  let address = lines.slice(1).find((l) => POSTAL.test(l) && !REGISTRATION.test(l));
  address = address ?? lines.find((l) => ADDRESS_LABEL.test(l))?.replace(ADDRESS_LABEL, "");
  // "Hetzner Online GmbH, Industriestr. 25, 91710 Gunzenhausen, Germany": the name ends with its company form.
  const form = NAME_THEN_ADDRESS.exec(name);
  if (form?.groups && POSTAL.test(form.groups.rest)) {
    name = form.groups.name;
    address = address ?? form.groups.rest;
  }
  const labelled = lines.find((l) => PURPOSE_LABEL.test(l))?.replace(PURPOSE_LABEL, "");
  let description = labelled ?? first.slice(cut[0].length).trim();
  // Where the entry says it is: a labelled line, a bracket that is only a country, or the last of the pieces after
  // the name ("hosting – Germany").
  let country = lines.find((l) => COUNTRY_LABEL.test(l))?.replace(COUNTRY_LABEL, "");
  if (!country && cut[2] && onlyCountry(cut[2])) country = cut[2];
  if (!country) ({ description, country } = placeIn(description, !labelled));
  return {
    start: b.start,
    end: b.end,
    name,
    nameSource: cut[2] ? `${name} (${cut[2]})` : name,
    bracket: cut[2],
    registration,
    address,
    country,
    description: description || undefined,
  };
}

/** "Subprocessor: Hetzner Online GmbH" opening a block: the label says what the name is. */
const NAMED_AS_SUBPROCESSOR = new RegExp(
  String.raw`^[\s*_-]*(?:(?:approved |authori[sz]ed )?sub-?processor|underdatabehandler|name of (?:the )?sub-?pro` +
    String.raw`cessor|sub-?processor name|navn på underdatabehandler)[*_]*\s*:[*_]*[ \t]+(?=[*_]*\p{Lu})`,
  "iu",
);

/**
 * Blocks that open with "Subprocessor: Name", each followed by its details ("Purpose: …", "Location: …"), wherever
 * they stand: one entry per block. A role's definition ("Sub-processor: means …") is lower case and never read.
 */
function labelledBlocks(doc: DpaDocument): Entry[] {
  const entries: Entry[] = [];
  for (const b of doc.blocks) {
    if (b.kind !== "paragraph" && b.kind !== "listItem") continue;
    const text = doc.text.slice(b.start, b.end);
    const label = NAMED_AS_SUBPROCESSOR.exec(text);
    if (!label) continue;
    const entry = lineEntry(doc, { ...b, start: b.start + label[0].length });
    const details = text.slice(label[0].length).split(DETAIL_LABEL).length > 1;
    if (entry && (details || COMPANY_FORM.test(entry.name)) && !DENIES.test(text)) entries.push(entry);
  }
  return entries;
}

/** A key-terms row's label for the sub-processors ("Godkendte underdatabehandlere", "Approved Subprocessors"). */
const SUBPROCESSORS_TERM =
  /^(?:godkendte |approved |authori[sz]ed |current |nuværende )?(?:(?:under|sub-?)databehandlere|sub-?processors)$/i;

/**
 * A key-terms table's row "Approved Subprocessors | Cloudflare (USA; CDN), Stripe (USA; payments)": the value cell
 * names them one after another, each with its country and role in a bracket; commas inside a bracket split nothing.
 */
function keyTermEntries(doc: DpaDocument): Entry[] {
  const entries: Entry[] = [];
  for (const b of doc.blocks) {
    if (b.kind !== "tableRow" || b.cells?.length !== 2) continue;
    const label = doc.text.slice(b.cells[0].start, b.cells[0].end).replace(/[*_]/g, "").trim();
    if (!SUBPROCESSORS_TERM.test(label)) continue;
    const cell = b.cells[1];
    const pieces: { start: number; end: number }[] = [];
    let depth = 0;
    let from = cell.start;
    for (let i = cell.start; i <= cell.end; i++) {
      const c = i < cell.end ? doc.text[i] : ",";
      if (c === "(") depth++;
      else if (c === ")") depth = Math.max(0, depth - 1);
      else if ((c === "," || c === ";") && depth === 0) {
        pieces.push({ start: from, end: i });
        from = i + 1;
      }
    }
    const read = pieces.flatMap((p) => {
      const raw = doc.text.slice(p.start, p.end);
      const start = p.start + raw.length - raw.trimStart().length;
      const text = raw.trim();
      const m = /^([^()]+?)\s*(?:\(([^)]*)\))?$/.exec(text);
      if (!m || m[1].split(/\s+/).length > 5 || !/^\p{Lu}|^\d/u.test(m[1])) return [];
      const [where, ...what] = (m[2] ?? "").split(";");
      // "USA/Storbritannien": more than one country is no one country.
      const several = where.split(/\/|,|&| og | and /).filter((w) => countryIn(w)).length > 1;
      return [
        {
          start,
          end: start + text.length,
          name: m[1],
          nameSource: text,
          bracket: m[2],
          country: several ? undefined : where,
          description: what.join(";").trim() || undefined,
        },
      ];
    });
    if (read.length >= 2 && read.length === pieces.length) entries.push(...read);
  }
  return entries;
}

/** Words that label a paragraph without naming a company ("Bemærk: …", "Note: …"). */
const NOT_A_NAME = new RegExp(
  String.raw`^(bemærk|note|nb|obs|vigtigt|important|status|kontakt|contact|formål|purpose|lokation|location` +
    String.raw`s?|lokalitet|databehandling|behandling|processing|beskrivelse|description|varsel|notice|ændringe` +
    String.raw`r|changes|funktionsafhængighed|ikke underdatabehandlere|not sub-?processors)$`,
  "i",
);
const DENIES =
  /ikke (en )?underdatabehandler|not (a )?sub-?processor|no other sub-?processors|ingen (andre )?underdatabehandlere/i;

const NOT_RECEIVING = new RegExp(
  String.raw`(?:modtager|behandler|har)\s+ikke\b|ikke\s+(?:adgang til|modtager)|(?:do|does|will)\s+not\s+(?:rec` +
    String.raw`eive|process|have access)|${DENIES.source}`,
  "i",
);

/** Blocks that list entries: items of lists, and paragraphs after a sentence that introduces them. */
function listEntries(doc: DpaDocument, blocks: Block[], inList: boolean): Entry[] {
  const entries: Entry[] = [];
  let introduced = inList;
  let examples = false;
  let sccTerms = false;
  for (const b of blocks) {
    if (b.kind !== "listItem") sccTerms = false;
    if (b.kind === "tableRow" || b.kind === "heading") continue;
    const text = doc.text.slice(b.start, b.end).trim();
    if (b.kind === "paragraph" && /:\s*$/.test(text)) {
      introduced =
        !DUTIES_INTRO.test(text) &&
        (SUBPROCESSOR_WORDS.test(text) || /følgende|following|nedenstående|below/i.test(text));
      examples = EXAMPLES_LIST.test(text);
      continue;
    }
    // A list its sentence calls examples ("(examples; update as applicable):", "for eksempel:") names no one yet.
    if (examples && b.kind === "listItem") continue;
    const isItem = b.kind === "listItem";
    // A paragraph is an entry only in the form "Name: what it does".
    const labelled = /^[^\s:][^:\n]{1,60}:\s+\S/.test(text) && text.split(":")[0].split(/\s+/).length <= 6;
    if (!introduced || !(isItem || labelled)) {
      if (b.kind === "paragraph" && !labelled) introduced = inList && introduced;
      continue;
    }
    const entry = lineEntry(doc, b);
    // "Data exporter: …", "Clause 7 (docking): applies": the SCCs' completion, item after item, is no company's.
    if (entry && SCC_TERM.test(entry.name.replace(/[*_]/g, "").trim())) sccTerms = true;
    if (sccTerms) continue;
    // "Sub-processors: as listed on the … page": the role's own name over where the list is.
    if (entry && SUBPROCESSORS_TERM.test(entry.name.replace(/[*_]/g, "").trim())) continue;
    // "Email delivery: e.g., Brevdue/Postkasse": a kind of service over its examples.
    if (entry?.description && isKindWithExamples(entry.name, entry.description)) continue;
    if (entry && !NOT_A_NAME.test(entry.name) && !DATED.test(entry.name) && !DENIES.test(text)) entries.push(entry);
  }
  return entries;
}

/**
 * A term of the SCCs' completion opening an item ("Data exporter:", "Module:", "Clause 9 (sub-processors):",
 * "Annexes I and II of the SCCs:", "Option 2"): an annex on sub-processors and the SCCs lists these after the list (or
 * the link) of sub-processors; from such an item on, the list is the SCCs' terms, not companies.
 */
const SCC_TERM = new RegExp(
  String.raw`^(?:data (?:exporters?|importers?)|modules?(?:\s+(?:one|two|three|four|\d))?$|clauses?\s+\d{1,2}\b|anne` +
    String.raw`x(?:es)?\s+(?:[IVX]+|\d)\b|appendix\s+(?:[IVX]+|\d)\b|options?\s+\d\b|docking clause|governing law$|` +
    String.raw`competent supervisory authority$)`,
  "i",
);

/**
 * "The Processor shall:", "Databehandleren forpligter sig til:": the list after it is of duties ("Ensure
 * Sub-processors are bound …"), however often it names sub-processors, never of companies.
 */
const DUTIES_INTRO = new RegExp(
  String.raw`\b(?:shall|will|must|agrees? to|undertakes? to|is obliged to|skal|forpligter sig til)\s*:\s*$` +
    // A sentence the list completes with what sub-processors are engaged for or bound by ("… to engage
    // Sub-processors for:", "All Sub-processors are bound by:"): kinds of service or terms, not companies.
    String.raw`|\b(?:for|by)\s*:\s*$`,
  "i",
);

/** A sentence that calls the list after it examples ("(examples; update as applicable):", "for eksempel:"). */
const EXAMPLES_LIST = new RegExp(
  String.raw`\(\s*(?:examples?|e\.g\.|for example|eksempler|eksempelvis|fx)\b|\b(?:for example|for instance|for ek` +
    String.raw`sempel|eksempelvis)\s*:?\s*$`,
  "i",
);

/**
 * A list's date line ("Last reviewed: 2026-05-19", "Senest opdateret: 1. marts 2026", "Stand: 03/2026"): when the list
 * was looked at, never a company.
 */
const DATED = new RegExp(
  String.raw`^[*_]*(?:last|latest|senest|zuletzt|sidst)\b|^[*_]*(?:updated|reviewed|revised|modified|opdateret|ænd` +
    String.raw`ret|revideret|gennemgået|aktualisiert|geprüft|stand|effective(?: date| from)?|gyldig fra|valid from|` +
    String.raw`dato|date|version)[*_]*(?:\s*\/.*)?$`,
  "iu",
);

/** A company's name: capitalised, a few words, ending with its company form ("Hetzner Online GmbH", "Brevdue Ltd"). */
const ENDS_WITH_COMPANY_FORM = new RegExp(
  String.raw`^\p{Lu}[\p{L}\d.&'’ -]{0,50}\s(?:A\/S|ApS|I\/S|B\.V\.?|Ltd\.?|Limited|SARL|Inc\.?|GmbH|gGmbH|AG|AB|AS|A` +
    String.raw`SA|Oy|LLC|PLC|plc|Corp\.?|Corporation|SAS|Srl|N\.V\.|S\.A\.|S\.L\.|SE|Pty Ltd)$`,
  "u",
);

/**
 * Under the clause or annex on sub-processors, items and short paragraphs that open with a company's name need no
 * sentence to introduce them ("- Hetzner Online GmbH (Germany) – hosting", "**Mailspring Inc.** – email (USA)").
 */
function companyItems(doc: DpaDocument, blocks: Block[]): Entry[] {
  const entries: Entry[] = [];
  for (const b of blocks) {
    if (b.kind !== "listItem" && b.kind !== "paragraph") continue;
    const text = doc.text.slice(b.start, b.end).trim();
    if (b.kind === "paragraph" && (text.length > 160 || /[.!?]\s+\p{Lu}/u.test(text))) continue;
    const entry = lineEntry(doc, b);
    const name = entry?.name.replace(/[*_]/g, "").trim();
    if (!entry || !name || !ENDS_WITH_COMPANY_FORM.test(name) || name.split(/\s+/).length > 6) continue;
    if (DENIES.test(text)) continue;
    // A name on a line of its own with its details in the short paragraph after it (a definition list's term and
    // description: "Hetzner Online GmbH" then "Hosting, Germany").
    const next = blocks[blocks.indexOf(b) + 1];
    const nextText = next?.kind === "paragraph" ? doc.text.slice(next.start, next.end).trim() : "";
    if (!entry.description && !entry.country && nextText && nextText.length <= 120 && !COMPANY_FORM.test(nextText)) {
      const place = placeIn(nextText, true);
      entries.push({
        ...entry,
        name,
        end: next.end,
        description: place.description || undefined,
        country: place.country,
      });
      continue;
    }
    entries.push({ ...entry, name, nameSource: entry.nameSource.replace(/[*_]/g, "") });
  }
  return entries;
}

const COMPANY_FORM = new RegExp(
  String.raw`\b(Pty\.? Ltd\.?|A\/S|ApS|I\/S|B\.V\.?|Ltd\.?|Limited|S\.?A\.?S\.?|SARL|S\.A\.R\.L\.|Inc\.?|Gm` +
    String.raw`bH|gGmbH|AG|AB|AS|ASA|Oy|LLC|L\.L\.C\.|PBC|PLC|plc|Corp\.?|Corporation|Pty|S\.A\.|S\.L\.|SE|SA` +
    String.raw`S|Srl|S\.r\.l\.|N\.V\.|Unlimited Company|Company)\b`,
  "",
);

/** A kind of service where a company's name should be ("Cloud-hosting (EU)", "E-mail service"): no sub-processor. */
const SERVICE_KIND = new RegExp(
  String.raw`^(?:cloud[- ]?)?(?:hosting|hostingudbyder|server(?:e|s)?|e-?mail(?:[- ]?(?:service|udbyder|provider))?|` +
    String.raw`database|backup|lagring|storage|datalagring|betalingsformidling|betalingsudbyder|payment provider|an` +
    String.raw`alytics|cdn|cloud|infrastructure|infrastruktur|messaging|sms)(?:[- ]?(?:services?|udbydere?|provide` +
    String.raw`rs?|l` +
    String.raw`everandører?|tjenester?))?$`,
  "i",
);

/**
 * A product's name with the role a machine plays for it in lower case ("PostgreSQL host", "Valkey server",
 * "ClickHouse instance", "Redis-vært"): a machine the processor runs or has yet to choose, not a company.
 */
const ROLE_OF_A_PRODUCT =
  /^[\p{L}\d.-]+(?:\s[\p{L}\d.-]+)?\s(?:hosts?|servers?|instances?|cluster|node|vært|server(?:e|en))$/u;

/**
 * An item that reads as a clause, not a name ("Implement appropriate security measures", "Comply with applicable
 * data protection laws", "Overholde gældende lovgivning"): three or more words, every word after the first in lower
 * case, a party's defined term or a number ("Notify Customer 30 days before engaging a new sub-processor"), no
 * legal form. What a list under "ensure Sub-processors:" or "the Processor will:" requires.
 */
const SENTENCE_LIKE = (name: string) => {
  const words = name.trim().split(/\s+/);
  return words.length >= 3 && words.slice(1).every((w) => CLAUSE_WORD.test(w)) && !COMPANY_FORM.test(name);
};
const CLAUSE_WORD = new RegExp(
  String.raw`^(?:\p{Ll}[\p{Ll}'’-]*|Customer|Controller|Processor|Client|Subscriber|Kunden|Databehandleren|` +
    String.raw`[≥≤<>]?\d+)[,.;:]?$`,
  "u",
);

/**
 * "Vercel" after "Vercel Inc.", "OpenRouter" after "OpenRouter AI": the short name a summary row or a later sentence
 * uses for a sub-processor already listed with its full name is the same one.
 */
const brandOf = (short: string, full: string) =>
  short.length >= 3 && full.length > short.length && new RegExp(`^${escapeName(short)}[,\\s]`, "u").test(full);
/**
 * "AWS" and "Amazon Web Services", "GCP" and "Google Cloud Platform": the initials of a listed name are that company
 * (a summary row names it short, the list in full).
 */
const initialsOf = (short: string, full: string) => {
  const words = full.replace(/[*_]/g, "").trim().split(/\s+/);
  return (
    /^\p{Lu}{2,5}$/u.test(short) &&
    words.length === short.length &&
    words.every((w, i) => w[0]?.toUpperCase() === short[i] && /^\p{Lu}/u.test(w))
  );
};
const escapeName = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function registrationSchemeOf(number: string): RegistrationScheme {
  if (/^[A-Z]{2}\w*\d/.test(number)) return "VAT";
  if (/^\d{8}$/.test(number)) return "CVR";
  return "COMPANY_NO";
}

/** Transfer bases as written, in the order written: "DPF hvis certificeret, ellers SCC" proposes DPF. */
export function transferMechanismsOf(text: string): string[] {
  const found: [number, string][] = [];
  const add = (re: RegExp, m: string) => {
    const hit = re.exec(text);
    if (hit) found.push([hit.index, m]);
  };
  add(/\b(SCCs?|SSC)\b|standardkontrakt|standard contractual clauses/i, "SCC");
  add(/Data Privacy Framework|\bDPF\b/i, "DPF");
  add(/\bBCRs?\b|bindende virksomhedsregler|binding corporate rules/i, "BCR");
  add(/adequacy|tilstrækkeligt beskyttelsesniveau|sikkert tredjeland/i, "ADEQUACY");
  add(/ingen overførsel til tredjeland|no (third[- ]country )?transfer|not transferred outside/i, "NOT_NEEDED_EEA");
  return found.sort((a, b) => a[0] - b[0]).map(([, m]) => m);
}

/** "Supabase, Inc. (US)" → "Supabase, Inc."; "Hetzner Online GmbH, Tyskland" → "Hetzner Online GmbH". */
function cleanName(name: string): { name: string; country: string | null } {
  let n = name.replace(/[*_`]/g, "").replace(DRAFTING_NOTE, "").trim();
  // "Telegram, only for clients who choose it": a qualifier after the name, in lower case, is no part of it.
  n = n.replace(QUALIFIER, "").trim();
  let country: string | null = null;
  const bracket = /\s*\(([^)]*)\)\s*(?:[—–-]\s+.*)?$/.exec(n);
  if (bracket) {
    // "(with Google LLC, USA)": another company's country, beside the one named.
    country = /^(?:with|and|via|through|og|med)\s/i.test(bracket[1].trim()) ? null : countryIn(bracket[1]);
    n = n.slice(0, bracket.index).trim();
  }
  const dash = /\s+[—–]\s+.*$/.exec(n);
  if (dash) n = n.slice(0, dash.index).trim();
  const tail = /,\s*([^,]+)$/.exec(n);
  if (tail && countryIn(tail[1]) && tail[1].trim().split(/\s+/).length <= 3 && !COMPANY_FORM.test(tail[1])) {
    country = country ?? countryIn(tail[1]);
    n = n.slice(0, tail.index).trim();
  }
  return { name: n.replace(/[.,;:]+$/, (m) => (/\.$/.test(m) && COMPANY_FORM.test(n) ? "." : "")), country };
}

/**
 * A drafter's note in square brackets inside a name ("ElevenLabs, USA [VERIFY: contracting entity]", "[REVIEW]",
 * "[TODO: confirm]"): a remark on the entry, not part of the company's name.
 */
const DRAFTING_NOTE = new RegExp(
  String.raw`\s*\[\s*(?:verify|review|todo|tbd|tbc|to be confirmed|check|confirm|note|decision|lawyer|legal|enginee` +
    String.raw`ring|comment|fixme)\b[^\]]*\]`,
  "gi",
);
/** A qualifier after a name, opening in lower case (", only for clients who choose Telegram"). */
const QUALIFIER = /,\s+(?:only|except|where|when|if|unless|for|from|until|used|as|via|upon|on)\s[^,]*$/u;

/** A location that hedges ("Per provider — typically US", "afhænger af udbyder, typisk USA"): no one country. */
const HEDGED = new RegExp(
  String.raw`\b(?:typically|usually|mostly|generally|per provider|varies|varying|depending|depends|e\.g\.|for exam` +
    String.raw`ple|typisk|normalt|overvejende|afhænger|afhængig|varierer|fx|f\.eks\.)`,
  "iu",
);

/** A region of several countries ("EU", "European Union", "EEA", "EØS", "Europe", "global"): no one country. */
const REGION = new RegExp(
  String.raw`^(?:the\s+)?(?:EU|EEA|EØS|EU\/EEA|EU\/EØS|Europe|European Union|European Economic Area|Den Europæ` +
    String.raw`iske Union|Europa|global|worldwide|multiple|various)$`,
  "iu",
);

/**
 * A location that opens with a region ("EU (AWS eu-north-1, Stockholm)", "European Union (Frankfurt, eu-central-1)",
 * "European Union — functions run in Frankfurt", "EU/US"): the country a bracket names by its name ("EU (Irland,
 * eu-west-1)", "European Union (France)"), else none; a data centre's city does not make the region a country.
 * Undefined when the location does not open with a region ("United States / Global", "Frankfurt, EU").
 */
function regionCountry(location: string): string | null | undefined {
  const outside = location
    .replace(/\([^()]*\)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const head = outside.split(/\s*(?:\/|,|;|:|&|\s[—–-]\s|\s(?:and|og|or|eller)\s)\s*/)[0]?.trim() ?? "";
  if (!REGION.test(head)) return undefined;
  for (const bracket of location.matchAll(/\(([^()]*)\)/g)) {
    const country = countryNamedIn(bracket[1]);
    if (country) return country;
  }
  return null;
}

/** A transfer mechanism after the place ("US — SCCs & UK Addendum for UK/EEA-originating data"). */
const MECHANISM_AFTER =
  /^(.*?)\s[—–]\s(?=.*(?:SCCs?\b|standard contractual|addendum|IDTA|adequacy|privacy framework|BCRs?\b))/iu;

/**
 * "US — SCCs & UK Addendum for UK/EEA-originating data", "US-based, global infrastructure — SCCs …" (a column headed
 * "Location / Transfer Mechanism"): the place before the dash, not the countries the mechanism covers.
 */
function placeBeforeMechanism(cell: string): string | null {
  const place = MECHANISM_AFTER.exec(cell);
  const head = place?.[1].replace(/-based\b/giu, "").split(/\s*,\s*/)[0];
  // "UK/EU/US — …": several places, no one country.
  return head && !/[/&]|\s(?:and|or)\s/iu.test(head) && onlyCountry(head) ? countryIn(head) : null;
}

/** The country a location column gives: a region's named country, else the first country it names. */
function locationCountry(location: string): string | null {
  const before = placeBeforeMechanism(location);
  if (before) return before;
  const region = regionCountry(location);
  if (region !== undefined) return region;
  // "US/CA", "DE / US": two countries set side by side for one sub-processor name neither as its own.
  const named = new Set(location.split(/\s*\/\s*/).flatMap((p) => countryIn(p) ?? []));
  // So do a country and a region ("US, EU"): the data may be in either. A city before the region ("Frankfurt, EU")
  // says where in it.
  const listed = location.split(/\s*,\s*/);
  const aCountry = (p: string) => onlyCountry(p) && (!!countryNamedIn(p) || /^[A-Z]{2,3}$/.test(p));
  if (listed.length === 2 && REGION.test(listed[1]) && aCountry(listed[0])) return null;
  return named.size > 1 ? null : countryIn(location);
}

function toSubprocessor(e: Entry): ExtractedSubprocessor {
  const { name, country } = cleanName(e.name);
  const registrationNumber = e.registration?.replace(/[\s.]+/g, "") || null;
  const transfers = transferMechanismsOf([e.transfer, e.description].filter(Boolean).join(" "));
  return {
    name,
    legalName: COMPANY_FORM.test(name) ? name : null,
    registrationNumber,
    registrationScheme: registrationNumber ? registrationSchemeOf(registrationNumber) : null,
    address: e.address ?? null,
    countryCode:
      country ??
      // "San Mateo, CA – USA": the address's last piece names the country before any abbreviation in it does.
      // "San Mateo, CA – USA": the address's last piece names the country before any abbreviation in it does.
      (e.address && (countryIn(e.address.split(/\s[–—-]\s|,\s*/).pop() ?? "") ?? countryIn(e.address))) ??
      (e.country && !HEDGED.test(e.country) ? locationCountry(e.country) : null) ??
      (e.transfer ? placeBeforeMechanism(e.transfer) : null) ??
      null,
    description: e.description?.replace(/\s+/g, " ").trim() || null,
    transferMechanism: transfers[0] ?? null,
  };
}

/**
 * Plain text without columns (a PDF's table): a line that opens with a company name ("Atlassian Pty Ltd
 * …", "Hetzner Online GmbH …") is an entry; the name ends with its company form.
 */
function companyLines(doc: DpaDocument, places: Section[]): Entry[] {
  if (doc.format !== "text" && doc.format !== "pdf" && !doc.byLines) return [];
  const entries: Entry[] = [];
  const re = new RegExp(
    `^[ \\t]*(\\p{Lu}[\\p{L}\\d&.,'’ -]{0,60}?\\s${COMPANY_FORM.source.replace(/^\\b|\\b$/g, "")})(?=[\\s,.;:)]|$)`,
    "gmu",
  );
  for (const p of places)
    for (const m of doc.text.slice(p.bodyStart, p.end).matchAll(re)) {
      const start = p.bodyStart + (m.index ?? 0) + m[0].length - m[1].length;
      const lineEnd = doc.text.indexOf("\n", start);
      entries.push({ start, end: lineEnd < 0 ? doc.text.length : lineEnd, name: m[1], nameSource: m[1] });
    }
  return entries;
}

/** A sentence that introduces its list of sub-processors: "… employs the following subcontractors:". */
const FOLLOWING = new RegExp(
  String.raw`(?:following|these|følgende|disse)\s+(?:sub-?processors?|subprocessors?|sub-?contractors?|underdatab` +
    // "may engage the following Subprocessors in connection with an order:": a few words on when may stand between.
    String.raw`ehandlere?|underleverandør(?:er)?)(?:\s+(?:in|for|under|when|i|til|ved)\s[^:.;]{0,60})?\s*:$`,
  "iu",
);

/** Words that stand in a prose enumeration without naming a company. */
const NOT_A_COMPANY =
  /^(EU|EØS|EEA|EØS-landene|GDPR|USA|Bilag|Annex|Appendix|Clause|Punkt|Tjenesten|Tjenesterne|the Services?)$/i;

/**
 * Sub-processors named in prose: a sentence about sub-processors that enumerates names in a bracket or after a
 * colon ("Aktuelle underdatabehandlere fremgår af § 8 (Supabase, Vercel, Resend og Google)", "We use the
 * following sub-processors: AWS, Stripe and Postmark."). Three names or more, each a capitalised word or
 * few, none a country; a bracket of examples ("(fx Contabo GmbH, Hetzner)") is an example, never a list.
 */
function proseEntries(doc: DpaDocument): Entry[] {
  const entries: Entry[] = [];
  for (const b of doc.blocks) {
    if (b.kind !== "paragraph" && b.kind !== "listItem") continue;
    for (const sentence of sentenceSpans(doc.flat, b.start, b.end)) {
      const text = doc.flat.slice(sentence.start, sentence.end);
      const words = SUBPROCESSOR_WORDS.test(text);
      if (!(words || LISTS_SUBPROCESSORS.test(text)) || DENIES.test(text)) continue;
      for (const m of text.matchAll(/\(([^()]{3,400})\)|:\s+([^:;]{3,400}?)\s*(?:\.\s*)?$/g)) {
        // "The contractor employs the following subcontractor: Amazon Web Services": introduced as the list, one
        // name is enough.
        const following = m[2] !== undefined && FOLLOWING.test(text.slice(0, (m.index ?? 0) + 1));
        if (!words && !following) continue;
        const list = m[1] ?? m[2];
        const listStart = sentence.start + (m.index ?? 0) + m[0].indexOf(list);
        // After a colon, a bracket qualifies the name before it ("Microsoft (Azure og Azure OpenAI)") and a
        // slash names the product ("Björn Lundén / EazyProject"): neither is a name of its own.
        const masked = m[1] ? list : list.replace(/\([^()]*\)|\s\/\s[^,]*/g, (x) => " ".repeat(x.length));
        const items = [...masked.matchAll(/[^,]+/g)].flatMap((part) => {
          // "PostHog og Google": the last two are joined by a conjunction.
          const pieces = [...part[0].matchAll(/(?:^|\s(?:og|and|samt|&)\s)([^]*?)(?=\s(?:og|and|samt|&)\s|$)/g)];
          return pieces.map((x) => {
            const raw = x[1];
            const at = (part.index ?? 0) + (x.index ?? 0) + x[0].indexOf(raw);
            const name = raw.trim();
            return { name, start: listStart + at + raw.indexOf(name) };
          });
        });
        // Introduced as the list, a kind of service among the names ("its email service provider (order
        // notifications)", "third-party delivery providers") is no company and no reason to drop the list.
        if (following) items.splice(0, items.length, ...items.filter((i) => i.name && !LISTED_KIND.test(i.name)));
        if (items.length < (following ? 1 : 3)) continue;
        const example = /^\s*(fx|f\.\s?eks|for eksempel|eksempelvis|e\.\s?g|for example|such as|som)\b/i.test(list);
        const names = items.every(
          (i) =>
            /^\p{Lu}[\p{L}\d.&'’ -]{0,40}$/u.test(i.name) &&
            i.name.split(/\s+/).length <= 4 &&
            !NOT_A_COMPANY.test(i.name) &&
            !(countryIn(i.name) && i.name.split(/\s+/).length <= 2 && !COMPANY_FORM.test(i.name)),
        );
        if (!names && !example) continue;
        if (example) {
          notePlaceholder(doc, "subprocessors", listStart, listStart + list.length);
          continue;
        }
        for (const i of items)
          entries.push({ start: i.start, end: i.start + i.name.length, name: i.name, nameSource: i.name });
      }
    }
  }
  return entries;
}

/** "We use Elephant SQL and AWS to store these data": the companies a sentence says the processor uses. */
const WE_USE = new RegExp(
  String.raw`(?<![\p{L}])(?:[Ww]e|[Vv]i)\s+(?:use|engage|rely on|bruger|anvender|benytter)\s+(\p{Lu}[^.;:()]{1,120}?)` +
    String.raw`\s+(?:to|for|til)\s+(?:at\s+)?(?:store|host|run|process|send|deliver|provide|opbevare|hoste|drive|beh` +
    String.raw`andle|sende|levere)`,
  "gu",
);
/** The same sentence saying they process for the processor: "… and they process data on our behalf". */
const ON_OUR_BEHALF = /on our behalf|på vores vegne|sub-?processors?|underdatabehandlere?/i;

/**
 * Sub-processors named in a sentence that says the processor uses them and that they process data on its behalf
 * ("We use Elephant sql and AWS to store these data and they process data on our behalf"): two or more
 * capitalised names, none a country, each cited at its own span.
 */
function usedCompanies(doc: DpaDocument): Entry[] {
  const entries: Entry[] = [];
  for (const b of doc.blocks) {
    if (b.kind !== "paragraph" && b.kind !== "listItem") continue;
    for (const sentence of sentenceSpans(doc.flat, b.start, b.end)) {
      const text = doc.flat.slice(sentence.start, sentence.end);
      if (!ON_OUR_BEHALF.test(text) || DENIES.test(text)) continue;
      for (const m of text.matchAll(WE_USE)) {
        const listStart = sentence.start + (m.index ?? 0) + m[0].indexOf(m[1]);
        const items = [...m[1].matchAll(/[^,]+/g)].flatMap((part) =>
          [...part[0].matchAll(/(?:^|\s(?:og|and|&)\s)(.*?)(?=\s(?:og|and|&)\s|$)/g)].map((x) => {
            const name = x[1].trim();
            return { name, start: listStart + (part.index ?? 0) + (x.index ?? 0) + x[0].indexOf(name) };
          }),
        );
        const names = items.every(
          (i) =>
            /^\p{Lu}[\p{L}\d.&'’ -]{0,40}$/u.test(i.name) &&
            i.name.split(/\s+/).length <= 4 &&
            !NOT_A_COMPANY.test(i.name) &&
            !countryIn(i.name),
        );
        if (items.length < 2 || !names) continue;
        for (const i of items)
          entries.push({ start: i.start, end: i.start + i.name.length, name: i.name, nameSource: i.name });
      }
    }
  }
  return entries;
}

/** "may use Supabase, Cloudflare, … and incident.io", "bruger Supabase, Vercel og Resend": the verb and its list. */
const USES_LIST = new RegExp(
  String.raw`(?<![\p{L}])(?:may use|uses|use|relies on|rely on|kan (?:bruge|anvende|benytte)|bruger|anvender|benyt` +
    // A dot inside a name ("incident.io") does not end the sentence.
    String.raw`ter)\s+((?:[^.;:()]|\.(?=\p{Ll})){3,400})`,
  "gu",
);
/** Where the list ends: a word that goes on about the names ("according to", "for", "to host", "til"). */
const LIST_END = /\s+(?:according|depending|for|to|in|under|as|when|where|if|within|til|efter|i|som|når|hvor)\s.*$/su;
/** A name as written: capitalised ("PostHog", "Amazon Web Services") or a domain ("incident.io"). */
const LISTED_NAME =
  /^(?:\p{Lu}[\p{L}\d.&'’-]*(?:\s+\p{Lu}[\p{L}\d.&'’-]*){0,3}|[a-z\d-]+\.(?:io|com|ai|dev|app|co|net))$/u;
/** A kind of service in the list ("transactional email providers"): not a name, not a reason to drop the list. */
const LISTED_KIND = /^\p{Ll}[\p{L} -]*(?:providers?|services?|tools?|vendors?|udbydere?|tjenester?|leverandører?)$/u;

/**
 * Names the processor is said to use, in a paragraph about sub-processors ("Customer authorizes Brisk to use
 * subprocessors … The current platform may use Supabase, Cloudflare, Vercel, transactional email providers and
 * incident.io …"): three names or more after the verb, kinds of service among them skipped, none a country.
 */
function usesList(doc: DpaDocument): Entry[] {
  const entries: Entry[] = [];
  for (const b of doc.blocks) {
    if (b.kind !== "paragraph" && b.kind !== "listItem") continue;
    const block = doc.flat.slice(b.start, b.end);
    if (!SUBPROCESSOR_WORDS.test(block) || DENIES.test(block)) continue;
    for (const m of block.matchAll(USES_LIST)) {
      const list = m[1].replace(LIST_END, "");
      const listStart = b.start + (m.index ?? 0) + m[0].indexOf(m[1]);
      const items = [...list.matchAll(/[^,]+/g)].flatMap((part) => {
        // ", and incident.io": the serial comma's conjunction opens the last part.
        const lead = /^\s*(?:(?:and|og|samt|&)\s+)?/.exec(part[0])![0].length;
        const text = part[0].slice(lead);
        return [...text.matchAll(/(?:^|\s(?:and|og|samt|&)\s)(.*?)(?=\s(?:and|og|samt|&)\s|$)/g)].map((x) => {
          const name = x[1].trim();
          return { name, start: listStart + (part.index ?? 0) + lead + (x.index ?? 0) + x[0].indexOf(name) };
        });
      });
      const written = items.filter((i) => i.name);
      const named = written.filter((i) => !LISTED_KIND.test(i.name));
      const names = named.every((i) => LISTED_NAME.test(i.name) && !NOT_A_COMPANY.test(i.name) && !countryIn(i.name));
      if (named.length < 3 || !names || written.length - named.length > 1) continue;
      for (const i of named)
        entries.push({ start: i.start, end: i.start + i.name.length, name: i.name, nameSource: i.name });
    }
  }
  return entries;
}

/**
 * "Lumora engages Nimbus Cloud, Inc., Austin, TX - USA and Ferro Data Ltd, Leeds as sub-processors", "Leverandøren
 * anvender Skyhus ApS, Aarhus og Datavej A/S som underdatabehandlere": companies the processor is said to engage as
 * (sub-)processors, in a sentence of its own. Each piece between the verb and "as" opens with a legal name (its
 * legal form written); what follows it in the piece is its address. Called sub-processors outright ("Provider uses
 * Atlassian Cloud and Atlassian Forge as hosting sub-processors"), capitalised names without a legal form count.
 */
const ENGAGED_AS = new RegExp(
  // The first person too: "we use OpenAI and Pinecone as sub-processors".
  String.raw`(?<![\p{L}])(?:engages?|ha(?:s|ve) engaged|uses?|appoints?|rel(?:ies|y)\s+(?:up)?on|anvender|benytte` +
    String.raw`r|bruger|har antag` +
    String.raw`et)\s+(\p{Lu}[` +
    String.raw`^;:()]{1,400}?)\s+(?:as|som)\s+(?:(?:another|other|further|andre)\s+(?:processors?|databehandlere)` +
    String.raw`|(?:an?\s+|it` +
    // "as hosting and infrastructure sub-processors": a few words on what they do may stand before the word.
    String.raw`s\s+|their\s+|sine\s+|dennes\s+)?(?:[\p{Ll}-]+\s+){0,4}?(sub-?processors?|subprocessors?|underdatabeh` +
    String.raw`andlere?))(?![\p{L}])`,
  "gu",
);
const OPENS_WITH_LEGAL_NAME = new RegExp(
  String.raw`^\p{Lu}[\p{L}\d.&'’ -]{0,50}?,?\s(?:${COMPANY_FORM.source.replace(/^\\b|\\b$/g, "")})(?=$|[\s,])`,
  "u",
);

function engagedAs(doc: DpaDocument): Entry[] {
  const entries: Entry[] = [];
  for (const b of doc.blocks) {
    if (b.kind !== "paragraph" && b.kind !== "listItem") continue;
    const text = doc.flat.slice(b.start, b.end);
    for (const m of text.matchAll(ENGAGED_AS)) {
      if (DENIES.test(m[0])) continue;
      const listStart = b.start + (m.index ?? 0) + m[0].indexOf(m[1]);
      const pieces = [...m[1].matchAll(/(?:^|\s(?:and|og|samt|&)\s)(.*?)(?=\s(?:and|og|samt|&)\s|$)/g)].map((x) => ({
        text: x[1],
        start: listStart + (x.index ?? 0) + x[0].indexOf(x[1]),
      }));
      // Called sub-processors outright, a capitalised name of a few words is enough ("Atlassian Cloud").
      const plain = (t: string) =>
        m[2] !== undefined &&
        /^\p{Lu}[\p{L}\d.&'’ -]{0,40}$/u.test(t.trim()) &&
        t.trim().split(/\s+/).length <= 4 &&
        !NOT_A_COMPANY.test(t.trim()) &&
        !countryIn(t)
          ? t.trim()
          : undefined;
      const named = pieces.map((p) => ({ p, name: OPENS_WITH_LEGAL_NAME.exec(p.text)?.[0] ?? plain(p.text) }));
      if (!named.length || named.some((n) => !n.name)) continue;
      for (const { p, name } of named) {
        const rest = p.text
          .slice(name!.length)
          .replace(/^\s*,\s*/, "")
          .trim();
        entries.push({
          start: p.start,
          end: p.start + name!.length,
          name: name!,
          nameSource: name!,
          address: rest || undefined,
        });
      }
    }
  }
  return entries;
}

/**
 * "General authorization covers Atlassian (Forge hosting) and, where support requires customer data, Hostpoint
 * (mail)": art. 28(2)'s general authorisation said to cover named companies, each with what it does in a bracket.
 * The authorisation is only ever given for sub-processors, so the sentence need not use the word.
 */
const AUTHORISATION_COVERS = new RegExp(
  String.raw`\bgeneral\s+(?:(?:prior\s+)?written\s+)?authori[sz]ation\s+(?:covers|includes|extends\s+to|applies` +
    String.raw`\s+to|is\s+given\s+for|is\s+granted\s+for)\s+([^.;]{3,400})`,
  "giu",
);
const NAME_WITH_SERVICE = /(?<![\p{L}\d])(\p{Lu}[\p{L}\d.&'’-]*(?:\s+\p{Lu}[\p{L}\d.&'’-]*){0,3})\s*\([^()]{1,60}\)/gu;

function authorisationCovers(doc: DpaDocument): Entry[] {
  const entries: Entry[] = [];
  for (const m of doc.flat.matchAll(AUTHORISATION_COVERS)) {
    if (CHOSEN_OR_EXAMPLE.test(m[1]) || DENIES.test(m[1])) continue;
    const listStart = (m.index ?? 0) + m[0].length - m[1].length;
    for (const n of m[1].matchAll(NAME_WITH_SERVICE)) {
      if (NOT_A_COMPANY.test(n[1]) || countryIn(n[1])) continue;
      const start = listStart + (n.index ?? 0);
      entries.push({ start, end: start + n[1].length, name: n[1], nameSource: n[1] });
    }
  }
  return entries;
}

/** "Our only sub-processor is **Atlassian**, which …", "Vores eneste underdatabehandler er Nimbus Cloud ApS.". */
const ONLY_SUBPROCESSOR = new RegExp(
  String.raw`(?:our|its|the) (?:only|sole) sub-?processor is|(?:vores|dens|den) eneste underdatabehandler er`,
  "giu",
);

function onlySubprocessor(doc: DpaDocument): Entry[] {
  const entries: Entry[] = [];
  for (const m of doc.flat.matchAll(ONLY_SUBPROCESSOR)) {
    const after = doc.flat.slice((m.index ?? 0) + m[0].length);
    const n =
      /^\s+[*_]*(\p{Lu}[\p{L}\d.&'’ -]{0,40}?)[*_]*(?=\s*(?:[,;(]|\.(?:\s|$)|\s+(?:which|who|der|som)\b))/u.exec(after);
    if (!n || NOT_A_COMPANY.test(n[1]) || n[1].split(/\s+/).length > 5) continue;
    const start = (m.index ?? 0) + m[0].length + n[0].indexOf(n[1]);
    entries.push({ start, end: start + n[1].length, name: n[1], nameSource: n[1] });
  }
  return entries;
}

/**
 * "The Processor uses Hetzner Online GmbH (Germany) for hosting and Postmark (United States) for transactional
 * email", "Leverandøren benytter Skyhus ApS (Danmark) til hosting og Postmark (USA) til e-mail": in a paragraph about
 * sub-processors, each company the processor uses, engages or relies on, written with its country in a bracket and
 * what it does after "for"/"til". Every piece must be so written: a kind of service ("hosting providers (EU)"), an
 * example ("e.g.", "fx") or a service the customer chooses to connect is no such list.
 */
const USES_FOR_VERB = new RegExp(
  String.raw`(?<![\p{L}])(?:uses|engages|relies\s+(?:up)?on|anvender|benytter|bruger)\s+(?=\p{Lu})`,
  "gu",
);
const USED_FOR = new RegExp(
  String.raw`(\p{Lu}[\p{L}\d.&'’-]*(?:\s+(?:[\p{Lu}\d&][\p{L}\d.&'’-]*|GmbH|AG|ApS|A/S|Inc\.?|Ltd\.?|LLC|B\.V\.|S` +
    String.raw`AS|SA|AB|AS|Oy|Limited)){0,5})\s*\(([^()\n]{2,40})\)\s+(?:for|til)\s+`,
  "gu",
);
const CHOSEN_OR_EXAMPLE = new RegExp(
  String.raw`(?<![\p{L}])(?:e\.\s?g\.|for example|for instance|such as|fx\.?|f\.\s?eks\.|for eksempel|eksempelv` +
    String.raw`is|såsom|if (?:the )?(?:customer|controller|you) (?:enables?|chooses?|connects?|selects?|activates?)|h` +
    String.raw`vis kunden` +
    String.raw` (?:aktiverer|vælger|tilslutter))(?![\p{L}])`,
  "iu",
);

function usedForPurposes(doc: DpaDocument): Entry[] {
  const entries: Entry[] = [];
  for (const b of doc.blocks) {
    if (b.kind !== "paragraph" && b.kind !== "listItem") continue;
    const block = doc.flat.slice(b.start, b.end);
    if (!SUBPROCESSOR_WORDS.test(block) || DENIES.test(block)) continue;
    for (const sentence of sentenceSpans(doc.flat, b.start, b.end)) {
      const text = doc.flat.slice(sentence.start, sentence.end);
      if (CHOSEN_OR_EXAMPLE.test(text)) continue;
      for (const v of text.matchAll(USES_FOR_VERB)) {
        const from = (v.index ?? 0) + v[0].length;
        const found: Entry[] = [];
        let at = from;
        for (const m of text.slice(from).matchAll(USED_FOR)) {
          const start = from + (m.index ?? 0);
          // The first piece opens right after the verb; each later one after a comma or "and"/"og" ending the
          // purpose before it.
          const between = text.slice(at, start);
          if (found.length ? !/(?:,|\s(?:and|og|samt|&))\s*$/.test(between) : between.trim() !== "") break;
          const country = countryIn(m[2]);
          const name = m[1].trim();
          if (!country || NOT_A_COMPANY.test(name) || countryIn(name) || SERVICE_KIND.test(name)) break;
          found.push({
            start: sentence.start + start,
            end: sentence.start + start + name.length,
            name,
            nameSource: name,
            country: m[2],
          });
          at = start + m[0].length;
        }
        entries.push(...found);
      }
    }
  }
  return entries;
}

/**
 * An annex titled for another subject ("Annex B — Technical and Organisational Security Measures", "Bilag B –
 * Sikkerhedsforanstaltninger", "Annex B: Details of the processing"): in the template's slot of the sub-processor
 * list by its letter only; its bullets are measures and details, not companies.
 */
const OTHER_ANNEX_SUBJECT = new RegExp(
  String.raw`security|sikkerhed|technical and organi[sz]ational|tekniske og organisatoriske|\btoms?\b|measures|f` +
    String.raw`oranstaltninger|details of (?:the )?processing|behandlingens|instruction|instruks` +
    // "Annex B — Data processing schedule", "Description of the processing": what is processed, not by whom. The
    // SCCs' "Annex I.B — Description of Transfer" (its letter B) describes the transfer: data, purpose, retention.
    String.raw`|processing schedule|schedule of processing|description of (?:the )?(?:processing|transfers?)`,
  "i",
);
const ANOTHER_SUBJECT = (s: Section) =>
  !!s.title && OTHER_ANNEX_SUBJECT.test(s.title) && !LISTS_SUBPROCESSORS.test(s.title);

/** Where sub-processors are listed: annex B.1 (by number or title), else the clause on sub-processors. */
function listPlaces(doc: DpaDocument): Section[] {
  const all = [...doc.annexSections, ...doc.sections];
  const b1 = all.filter((s) => (s.number === "B.1" || s.number === "B") && !ANOTHER_SUBJECT(s));
  if (b1.length) return b1;
  return [...doc.clauses, ...doc.sections].filter((s) => s.number === "7");
}

/** A note's run-in title ("Note on US cloud providers:", "Bemærkning om overførsler:"): no company. */
const NOTE_ON = /^(?:notes?|nb|bemærk(?:ning)?)\s+(?:on|about|regarding|concerning|om|vedr\.?|vedrørende|til)\s/i;

const CAPITALISED = String.raw`\p{Lu}[\p{L}\d.-]*(?: \p{Lu}[\p{L}\d.-]*){0,2}`;
const JOINED = new RegExp(`^(${CAPITALISED}) (?:og|and|eller|or) (${CAPITALISED})$`, "u");
const JOINED_COMPANIES = new RegExp(
  `^(\\p{Lu}[^,;]{0,60}?${COMPANY_FORM.source}) (?:og|and|eller|or) (\\p{Lu}[^,;]{0,60}?${COMPANY_FORM.source})$`,
  "u",
);

/**
 * "Neon og Vercel, database og drift i EU": two companies named in one entry, joined by a conjunction, each a
 * capitalised name without a company form of its own between them; two alternatives ("Sumsub or Persona") are each
 * listed, whichever the processor uses. "&" is left alone (Ernst & Young).
 */
function joinedNames(e: Entry): Entry[] {
  const m = JOINED.exec(e.name);
  // Two companies each with its legal form, as alternatives or together ("Visma Dinero A/S eller Visma e-conomic
  // A/S"): each is listed, whichever the controller's set-up uses.
  const companies = m ? null : JOINED_COMPANIES.exec(e.name);
  const [first, other] = m ? [m[1], m[2]] : companies ? [companies[1], companies[3]] : [];
  if (!first || !other || e.registration || e.address) return [e];
  const second = e.start + e.name.lastIndexOf(other);
  return [
    { ...e, name: first, nameSource: first, end: e.start + first.length },
    { ...e, name: other, nameSource: other, start: second, end: second + other.length },
  ];
}

/** "AWS/Render": two one-word names set side by side with a slash. */
const SLASHED = /^(\p{Lu}[\p{L}\d.-]*)\/(\p{Lu}[\p{L}\d.-]*)$/u;

/**
 * A list item "**AWS/Render**: Cloud hosting" names the providers of one service, each cited at its own span. A
 * table's cell "Meta/WhatsApp" is one row's provider and its product, and stays one name.
 */
function slashedNames(doc: DpaDocument, e: Entry): Entry[] {
  const m = SLASHED.exec(e.name);
  if (!m || e.registration || e.address) return [e];
  const block = doc.blocks.find((b) => b.start <= e.start && e.start < b.end);
  const at = doc.text.indexOf(e.name, e.start);
  if (block?.kind !== "listItem" || at < 0 || at >= e.end) return [e];
  const second = at + m[1].length + 1;
  return [
    { ...e, name: m[1], nameSource: m[1], start: at, end: at + m[1].length },
    { ...e, name: m[2], nameSource: m[2], start: second, end: second + m[2].length },
  ];
}

/** A piece of a list that is a legal form or a country ("Stripe, Inc.", "Acme, Germany"), not a name of its own. */
const NO_NAME_OF_ITS_OWN = (piece: string) =>
  new RegExp(`^(?:${COMPANY_FORM.source})\\.?$`, "u").test(piece) ||
  (/^[\p{L} ]+$/u.test(piece) && !!countryIn(piece) && piece.split(/\s+/).length <= 2);

/**
 * "e-conomic, Dinero (Visma), Minuba og Apacta": three or more services named in one cell or item, separated by
 * commas, each short and none a legal form or country: each is a sub-processor, cited at its own span. Legal
 * entities listed together ("Paddle Payments Limited, paddle.com Inc. and …") are one provider's, read as one.
 */
function listedNames(doc: DpaDocument, e: Entry): Entry[] {
  if (e.registration || e.address || !e.name.includes(",") || COMPANY_FORM.test(e.name)) return [e];
  const pieces = e.name.split(/\s*,\s*|\s+(?:og|and)\s+/).map((p) => p.trim());
  if (pieces.length < 3 || pieces.some((p) => !p || p.split(/\s+/).length > 3 || NO_NAME_OF_ITS_OWN(p))) return [e];
  const out: Entry[] = [];
  let from = e.start;
  for (const piece of pieces) {
    const at = doc.text.indexOf(piece, from);
    if (at < 0 || at >= e.end) return [e];
    out.push({ ...e, name: piece, nameSource: piece, start: at, end: at + piece.length });
    from = at + piece.length;
  }
  return out;
}

/** A company's name ending with its legal form, whatever its first letter ("xAI Corp.", "Anthropic PBC"). */
const LEGAL_NAME = new RegExp(
  String.raw`^[\p{L}\d][\p{L}\d.&'’ -]{0,50}?,?\s(?:${COMPANY_FORM.source.replace(/^\\b|\\b$/g, "")})\.?$`,
  "u",
);

/**
 * One cell or item naming several legal entities: "Atlassian Pty Ltd / Atlassian, Inc." (entities set side by side,
 * each a party to the processing), or a description that ends by listing them ("AI provider chosen by the customer —
 * currently one of: Google LLC (Gemini), OpenAI Ireland Ltd / OpenAI LLC, Anthropic PBC"). Each is read when every
 * piece is a legal name (a bracket after one says what it runs: "(Gemini)"); each is cited at its own span.
 */
function legalEntities(doc: DpaDocument, e: Entry): Entry[] {
  if (e.registration || e.address) return [e];
  const colon = e.name.lastIndexOf(":");
  const from = colon >= 0 ? colon + 1 : 0;
  const list = e.name.slice(from);
  // A slash between names, or a list after a colon; legal entities listed with commas alone ("Paddle Payments
  // Limited, paddle.com Inc. and …") are one provider's, read as one (listedNames).
  if (!/\s\/\s/.test(list) && !(colon >= 0 && list.includes(","))) return [e];
  // Commas split the list; a piece that is only a legal form ("Inc.") belongs to the name before it.
  const pieces: string[] = [];
  for (const raw of list.split(/\s*,\s*|\s+\/\s+|\s+(?:and|og|or|eller)\s+/)) {
    const piece = raw.trim();
    if (pieces.length && new RegExp(`^(?:${COMPANY_FORM.source})\\.?$`, "u").test(piece))
      pieces[pieces.length - 1] += `, ${piece}`;
    else pieces.push(piece);
  }
  const legal = (p: string) => LEGAL_NAME.test(p.replace(/\s*\([^()]*\)\s*$/, "").trim());
  if (pieces.length < 2 || !pieces.every(legal)) return [e];
  const out: Entry[] = [];
  let at = e.start + doc.text.slice(e.start, e.end).indexOf(e.name) + from;
  if (at < e.start + from) return [e];
  for (const piece of pieces) {
    // The piece as written: "Atlassian, Inc." may stand in the text with its comma where the join put one.
    const name = piece.replace(/\s*\([^()]*\)\s*$/, "").trim();
    const start = doc.text.indexOf(name, at);
    if (start < 0 || start >= e.end) return [e];
    out.push({ ...e, name, nameSource: name, bracket: undefined, start, end: start + name.length });
    at = start + name.length;
  }
  return out;
}

/**
 * In the clause on sub-processors, a service the processor's providers are reached through ("AI model providers are
 * reached through OpenRouter", "AI-modellerne tilgås via OpenRouter"): the company in between is a sub-processor.
 */
const REACHED_THROUGH = new RegExp(
  String.raw`(?<![\p{L}])(?:(?:are|is)\s+(?:reached|accessed|routed|called)\s+(?:through|via)|(?:tilgås|kaldes|rout` +
    String.raw`es)\s+(?:gennem|via))\s+(\p{Lu}[\p{L}\d.-]*(?:\s\p{Lu}[\p{L}\d.-]*){0,2})(?=[\s,;.]|$)`,
  "gu",
);
function reachedThrough(doc: DpaDocument): Entry[] {
  const entries: Entry[] = [];
  for (const s of doc.sections.filter((x) => LISTS_SUBPROCESSORS.test(x.title ?? "")))
    for (const m of doc.flat.slice(s.bodyStart, s.end).matchAll(REACHED_THROUGH)) {
      const start = s.bodyStart + (m.index ?? 0) + m[0].lastIndexOf(m[1]);
      if (NOT_A_COMPANY.test(m[1]) || countryIn(m[1])) continue;
      entries.push({ start, end: start + m[1].length, name: m[1], nameSource: m[1] });
    }
  return entries;
}

/**
 * Off the template, a heading that names sub-processors ("2. Subprocessors (current)") over a list with no sentence
 * between them: the heading introduces the list, each item a company's short name then what it does ("**Neon** —
 * database"). A lowercase or long opening is a sentence, not a name.
 */
/**
 * A heading on how the list changes ("Sub-processor Changes", "Changes to Sub-processors", "Notice of New
 * Sub-processors"): its items are the terms of the notice ("**Timeline**: 30 days prior notice"), not companies.
 */
const CHANGES_TITLE = /\b(?:changes?|updates?|notice|notification|objections?)\b/i;

function headedList(doc: DpaDocument): Entry[] {
  if (doc.onTemplate) return [];
  const entries: Entry[] = [];
  for (const [i, h] of doc.blocks.entries()) {
    const title = doc.text.slice(h.start, h.end);
    const runIn = h.kind === "paragraph" && RUN_IN_LIST.test(title.trim()) && introducesList(title.trim());
    if (!runIn && (h.kind !== "heading" || !LIST_TITLE.test(title))) continue;
    if (DENIES.test(title) || CHANGES_TITLE.test(title)) continue;
    // By index, not a copy of the blocks after each heading (thousands of headings made that quadratic). The list
    // follows the heading, or the section's terms and then a sentence that introduces it ("… The Processor's current
    // sub-processors include:"); a list the section has before any such sentence, or after other text, is not it.
    // A run-in clause that names and introduces the list ("3.3 Subprocessors: Processor uses the following
    // subprocessors …:") is its heading and its sentence at once, under whatever heading it stands.
    let text = runIn;
    let introduced = runIn;
    for (let k = i + 1; k < doc.blocks.length; k++) {
      const b = doc.blocks[k];
      if (b.kind === "paragraph" && !introduced && (k === i + 1 || text)) {
        const said = doc.text.slice(b.start, b.end).trim();
        introduced = /:\s*$/.test(said) && INTRODUCES_LIST.test(said) && !DUTIES_INTRO.test(said);
        if (introduced && EXAMPLES_LIST.test(said)) break;
        text = true;
        continue;
      }
      if (b.kind !== "listItem" || (text && !introduced)) break;
      const grouped = groupedNames(doc, b);
      if (grouped) {
        entries.push(...grouped);
        continue;
      }
      const entry = lineEntry(doc, b);
      const name = entry?.name.replace(/[*_]/g, "").trim();
      // A short name, or a legal name of a few more words ("Amazon Web Services EMEA SARL").
      const words = name?.split(/\s+/).length ?? 0;
      if (!entry || !name || !/^\p{Lu}/u.test(name) || words > (ENDS_WITH_COMPANY_FORM.test(name) ? 8 : 4)) continue;
      // "Email delivery: e.g., Brevdue": a kind of service over its examples.
      if (entry.description && isKindWithExamples(entry.name, entry.description)) continue;
      // The SCCs' terms after the list ("Data exporter: the Customer", "Clause 7 (docking): applies"): no companies.
      if (SCC_TERM.test(name)) break;
      // A duty listed under the heading ("Maintain list of Sub-processors") names the role, not a company.
      if (SUBPROCESSOR_WORDS.test(name)) continue;
      if (DENIES.test(doc.text.slice(b.start, b.end))) continue;
      entries.push({ ...entry, name, nameSource: entry.nameSource.replace(/[*_]/g, "") });
    }
  }
  return entries;
}

/** A paragraph that opens with a run-in title and ends in a colon ("3.3 Subprocessors: Processor uses the …:"). */
const RUN_IN_LIST = new RegExp(
  String.raw`^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?[\p{L} -]{0,30}(?:${SUBPROCESSOR_WORDS.source})[\p{L} -]{0,30}:\s.*:$`,
  "iu",
);
/** Its sentence introduces the list ("uses the following subprocessors …:"), not duties or examples. */
const introducesList = (said: string) =>
  INTRODUCES_LIST.test(said) && !DUTIES_INTRO.test(said) && !EXAMPLES_LIST.test(said) && !DENIES.test(said);

/**
 * An item that groups names under a label ("**Core (in use):** Orbitbase, Nimbus, Paycrest (subprocessors #1–#3)."):
 * each capitalised name after the label is a sub-processor; a group the label says is not in use ("Reserved (not in
 * use; …)") names no one. Null when the item is not such a group.
 */
const GROUP_ITEM = /^\s*(?:[-•*–]\s+)?[*_]*(\p{Lu}[\p{L} -]{0,30}?)\s*(?:\(([^()]{1,60})\))?\s*:[*_]*\s+(.+?)\s*$/u;
const NOT_IN_USE = /\b(?:not (?:yet )?in use|not used|reserved|planned|future|inactive|deprecated|ikke i brug)\b/i;
const GROUPED_NAME = /^(?:\p{Lu}[\p{L}\d.&'’-]*(?:\s+\p{Lu}[\p{L}\d.&'’-]*){0,2}|[\p{Ll}\d-]+\.[a-z]{2,6})$/u;
function groupedNames(doc: DpaDocument, b: Block): Entry[] | null {
  const text = doc.text.slice(b.start, b.end);
  const m = GROUP_ITEM.exec(text);
  if (!m || COMPANY_FORM.test(m[1])) return null;
  const list = m[3].replace(/\.$/, "").replace(/\s*\([^()]*\)$/, "");
  const pieces = list.split(/\s*,\s*|\s+(?:and|og)\s+/).map((p) => p.trim());
  if (pieces.length < 2 || !pieces.every((p) => GROUPED_NAME.test(p) && !SERVICE_KIND.test(p))) {
    return NOT_IN_USE.test(`${m[1]} ${m[2] ?? ""}`) ? [] : null;
  }
  if (NOT_IN_USE.test(`${m[1]} ${m[2] ?? ""}`)) return [];
  const out: Entry[] = [];
  let from = b.start + text.indexOf(m[3]);
  for (const name of pieces) {
    const start = doc.text.indexOf(name, from);
    if (start < 0 || start >= b.end) return null;
    out.push({ start, end: start + name.length, name, nameSource: name });
    from = start + name.length;
  }
  return out;
}

/** A heading over the list: it names sub-processors, or sub-processing ("5. Sub-processing"). */
const LIST_TITLE = new RegExp(`${SUBPROCESSOR_WORDS.source}|\\bsub-?processing\\b|underdatabehandling`, "i");

/** The sentence before a list of the companies: it names them, or the list ("include:", "the following:"). */
const INTRODUCES_LIST = new RegExp(
  `${SUBPROCESSOR_WORDS.source}|følgende|following|nedenstående|below|\\binclud(?:e|es|ing)\\s*:`,
  "i",
);

/** A card's first label ("**Location:** EU (Belgium)", "Purpose: hosting"): the details under a company's name. */
const CARD_DETAILS =
  /^(?:location|lokation|placering|country|land|purpose|formål|description|beskrivelse|service)\s*:\s/iu;

/**
 * Off the template, a heading that names sub-processors over cards (an MDX page's `<Card title="WONKA">` with
 * "**Location:** EU (Belgium) **Description:** …"): each card's title is a company's short name over its labelled
 * details. A title over anything else ends the cards.
 */
function headedCards(doc: DpaDocument): Entry[] {
  if (doc.onTemplate) return [];
  const entries: Entry[] = [];
  const plain = (b: Block) => doc.text.slice(b.start, b.end).replace(/[*_]/g, "").trim();
  for (const [i, h] of doc.blocks.entries()) {
    if (h.kind !== "heading" || !SUBPROCESSOR_WORDS.test(plain(h)) || DENIES.test(plain(h))) continue;
    if (CHANGES_TITLE.test(plain(h))) continue;
    // The blocks after the heading, by index (a copy of them for each heading was quadratic).
    const rest = (k: number) => doc.blocks[i + 1 + k];
    const left = doc.blocks.length - i - 1;
    // An introducing sentence ("… the following onward Sub-processors:") may stand between.
    const from = rest(0)?.kind === "paragraph" && /:\s*$/.test(plain(rest(0))) ? 1 : 0;
    for (let k = from; k + 1 < left; k += 2) {
      const [title, card] = [rest(k), rest(k + 1)];
      const name = plain(title);
      if (title.kind !== "heading" || card.kind !== "paragraph" || !CARD_DETAILS.test(plain(card))) break;
      if (!/^\p{Lu}/u.test(name) || name.split(/\s+/).length > 4 || SUBPROCESSOR_WORDS.test(name)) break;
      const lines = plain(card)
        .split(DETAIL_LABEL)
        .map((l) => l.trim())
        .filter(Boolean);
      entries.push({
        start: title.start,
        end: card.end,
        name,
        nameSource: name,
        country: lines.find((l) => COUNTRY_LABEL.test(l))?.replace(COUNTRY_LABEL, ""),
        description: lines.find((l) => PURPOSE_LABEL.test(l))?.replace(PURPOSE_LABEL, ""),
      });
    }
  }
  return entries;
}

/** "Sub-processors:" opening an item or a paragraph: the run-in label before the names. */
const RUN_IN_SUBPROCESSORS = new RegExp(
  String.raw`^\s*(?:[-•*–]\s+)?[*_]*(?:(?:approved|authori[sz]ed|current|our)\s+)?(?:${SUBPROCESSOR_WORDS.source})s?` +
    String.raw`(?:\s+(?:used|engaged|in use))?[*_]*\s*:[*_]*\s+`,
  "iu",
);
/** One piece of such a line: a capitalised name of a few words and its role in a bracket ("Stripe (billing)"). */
const BRACKETED_NAME = /^(\p{Lu}[\p{L}\d.&'’-]*(?:\s+[\p{L}\d.&'’-]+){0,4})\s*\(([^()]{1,80})\)$/u;
/** A kind of provider closing such a line ("and the cloud host of the license service"): no one named. */
const KIND_AFTER_AND = /^(?:and|or)\s+(?:the|an?|other|our|its|any)\s+[\p{Ll}\d\s'’-]+$/u;
/** A bracketed stand-in among them ("[email provider]", "[TBD]"): no one yet. */
const STAND_IN = /^\[[^\]]*\]$/;

/**
 * Names one after another, each with what it does in a bracket ("Cloudflare (hosting), Stripe (billing), GitHub
 * (code review), [email provider]. Current list at …"): after a run-in label ("- Sub-processors: Render (hosting),
 * Acme Mail (delivery) — with SCCs"), or as the first paragraph under a heading that names sub-processors. The line
 * ends at its first sentence's end or a dash; every piece must be a name with its bracket (a stand-in in square
 * brackets names no one and is passed over), and two at least.
 */
function bracketedNames(doc: DpaDocument): Entry[] {
  const entries: Entry[] = [];
  for (const [i, b] of doc.blocks.entries()) {
    if (b.kind !== "paragraph" && b.kind !== "listItem") continue;
    const text = doc.text.slice(b.start, b.end);
    const label = RUN_IN_SUBPROCESSORS.exec(text);
    const before = doc.blocks[i - 1];
    const headed =
      b.kind === "paragraph" &&
      before?.kind === "heading" &&
      LIST_TITLE.test(doc.text.slice(before.start, before.end)) &&
      !DENIES.test(doc.text.slice(before.start, before.end));
    if (!label && !headed) continue;
    const from = label ? label[0].length : text.length - text.trimStart().length;
    const line = /^[^]*?(?=(?<!\b(?:Inc|Ltd|Co|Corp|Ltda))\.\s|\.$|\s[—–]\s|;\s*$|$)/.exec(text.slice(from))?.[0] ?? "";
    const pieces: { start: number; text: string }[] = [];
    let depth = 0;
    let at = 0;
    for (let k = 0; k <= line.length; k++) {
      const c = k < line.length ? line[k] : ",";
      if (c === "(" || c === "[") depth++;
      else if (c === ")" || c === "]") depth = Math.max(0, depth - 1);
      else if (c === "," && depth === 0) {
        const raw = line.slice(at, k);
        pieces.push({ start: b.start + from + at + raw.length - raw.trimStart().length, text: raw.trim() });
        at = k + 1;
      }
    }
    // "…, Resend (email), and the cloud host of the license service": the last of the line after "and" may be a kind
    // of provider in lower case, which names no one and is passed over; "and Resend (email)" is Resend.
    const named = pieces
      .map((p) => {
        const and = /^(?:and|or)\s+(?=\p{Lu})/u.exec(p.text);
        return and ? { start: p.start + and[0].length, text: p.text.slice(and[0].length) } : p;
      })
      .filter((p, k, all) => !(k === all.length - 1 && KIND_AFTER_AND.test(p.text.replace(/\s+/g, " "))))
      .filter((p) => !STAND_IN.test(p.text.replace(/\s+/g, " ")));
    if (named.length < 2 || !named.every((p) => BRACKETED_NAME.test(p.text))) continue;
    if (DENIES.test(text)) continue;
    for (const p of named) {
      const m = BRACKETED_NAME.exec(p.text)!;
      const place = onlyCountry(m[2]) ? m[2] : undefined;
      entries.push({
        start: p.start,
        end: p.start + p.text.length,
        name: m[1],
        nameSource: p.text,
        bracket: m[2],
        country: place,
        description: place ? undefined : m[2],
      });
    }
  }
  return entries;
}

/** A heading over drafting notes ("Drafter's notes for counsel", "Notes to editors"): remarks, not the list. */
const DRAFTING_NOTES = new RegExp(
  String.raw`\b(?:drafter['’]?s|drafting|editor['’]?s|editorial|internal)\s+notes?\b|\bnotes?\s+(?:for|to)\s+(?:co` +
    String.raw`unsel|drafters?|editors?|reviewers?)\b|remove before (?:publication|signing|use)`,
  "i",
);

/** Where the list's place ends: at a heading inside it over drafting notes, whose bullets are remarks. */
function withoutNotes(doc: DpaDocument, places: Section[]): Section[] {
  // The note headings once, then each place looks among them (not among every block: quadratic in headings).
  const noteHeadings = doc.blocks.filter(
    (b) => b.kind === "heading" && DRAFTING_NOTES.test(doc.text.slice(b.start, b.end)),
  );
  return places.map((p) => {
    const notes = noteHeadings.find((b) => b.start >= p.bodyStart && b.start < p.end);
    return notes ? { ...p, end: notes.start } : p;
  });
}

/**
 * Whether a block starts inside one of the places: the places joined into sorted runs and searched by halves (each
 * block trying every place was quadratic when thousands of headings name the list).
 */
function withinAny(places: Section[]): (b: Block) => boolean {
  const runs: [number, number][] = [];
  for (const p of [...places].filter((x) => x.bodyStart < x.end).sort((a, b) => a.bodyStart - b.bodyStart)) {
    const last = runs[runs.length - 1];
    if (last && p.bodyStart <= last[1]) last[1] = Math.max(last[1], p.end);
    else runs.push([p.bodyStart, p.end]);
  }
  return (b) => {
    let lo = 0;
    let hi = runs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (runs[mid][0] > b.start) hi = mid - 1;
      else if (b.start >= runs[mid][1]) lo = mid + 1;
      else return true;
    }
    return false;
  };
}

export function subprocessorsOfBlocks(doc: DpaDocument): Extracted<ExtractedSubprocessor>[] {
  const places = withoutNotes(doc, listPlaces(doc));
  const inPlace = withinAny(places);
  const placed = doc.blocks.filter(inPlace);
  const entries = [
    ...tableEntries(doc, placed, true),
    ...listEntries(
      doc,
      placed,
      places.some((p) => p.number === "B.1"),
    ),
    ...(places.some((p) => p.number === "B.1") ? companyLines(doc, places) : []),
    ...labelledBlocks(doc),
    ...keyTermEntries(doc),
    ...companyItems(doc, placed),
    ...headedList(doc),
    ...headedCards(doc),
    // Tables whose header says they list sub-processors, wherever they are.
    ...tableEntries(
      doc,
      doc.blocks.filter((b) => !inPlace(b)),
      false,
    ),
  ];
  // Nothing listed in a table or list: names with their roles in brackets, one after another in a line.
  if (!entries.length) entries.push(...bracketedNames(doc));
  // Nothing listed in a table or list: names enumerated in prose.
  if (!entries.length) entries.push(...proseEntries(doc));
  if (!entries.length) entries.push(...usedCompanies(doc));
  if (!entries.length) entries.push(...usedForPurposes(doc));
  if (!entries.length) entries.push(...engagedAs(doc));
  if (!entries.length) entries.push(...onlySubprocessor(doc));
  if (!entries.length) entries.push(...authorisationCovers(doc));
  if (!entries.length) entries.push(...usesList(doc));
  if (!entries.length) entries.push(...reachedThrough(doc));
  const out: Extracted<ExtractedSubprocessor>[] = [];
  const taken: [number, number][] = [];
  for (const e of entries
    .flatMap((x) => legalEntities(doc, x))
    .flatMap(joinedNames)
    .flatMap((x) => slashedNames(doc, x))
    .flatMap((x) => listedNames(doc, x))
    .sort((a, b) => a.start - b.start)) {
    // One entry per span: a list item already read is not read again as a company line.
    if (taken.some(([s, t]) => e.start < t && e.end > s && !(e.start === s && e.end === t))) continue;
    taken.push([e.start, e.end]);
    if (namesNoOne(e.name) || namesNoOne(e.nameSource) || isKindWithExamples(e.name, e.bracket)) {
      notePlaceholder(doc, "subprocessors", e.start, e.end);
      continue;
    }
    const value = toSubprocessor(e);
    // A paragraph taken whole (an appendix's text after a list's last item) is no company's name.
    if (
      !value.name ||
      value.name.split(/\s+/).length > 12 ||
      SERVICE_KIND.test(value.name) ||
      ROLE_OF_A_PRODUCT.test(value.name) ||
      SENTENCE_LIKE(value.name) ||
      NOTE_ON.test(value.name) ||
      out.some(
        (o) => o.value.name === value.name || brandOf(value.name, o.value.name) || initialsOf(value.name, o.value.name),
      )
    ) {
      // One company in two rows ("Render — personalization | US", "Render — checkout | EU (Frankfurt)"): it sits in
      // more than one country, so in no one of them.
      const same = out.find((o) => o.value.name === value.name);
      if (same && (same.value.countryCode ?? null) !== (value.countryCode ?? null)) same.value.countryCode = null;
      continue;
    }
    // The full name after its initials: the full name's entry stands in the short one's place.
    const short = out.findIndex((o) => initialsOf(o.value.name, value.name));
    const extracted: Extracted<ExtractedSubprocessor> = found(value, cite(doc, e.start, e.end), 0.85);
    const transfers = transferMechanismsOf([e.transfer, e.description].filter(Boolean).join(" "));
    if (transfers.length > 1)
      extracted.note = `Transfer bases as written: ${e.transfer ?? e.description}; ${transfers[0]} is proposed.`;
    if (short >= 0) out[short] = extracted;
    else out.push(extracted);
  }
  return out;
}
