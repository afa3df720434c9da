// The agreement's parts whatever they are called: every heading of the parsed document becomes a
// section (up to the next heading of its rank), numbered as the document numbers it, and placed in
// the template's slots (clause 10, Bilag C.7 …) by its title as well as by its number, so renumbered,
// condensed, unnumbered and English versions land where the rules look.
import type { Block, ParsedDocument } from "./parse";

export type Language = "da" | "en";

export interface Section {
  /** "§7.3", "Bilag C.7", "Clause 7.3", "Appendix C.7", or the heading itself when it has no number. */
  reference: string;
  /** The template slot: "7", "7.3", "C.7"; "" when the section fills none. */
  number: string;
  start: number;
  end: number;
  /** Where the heading ends: the body starts here. */
  bodyStart: number;
  /** The heading's text, when the section comes from a heading. */
  title?: string;
}

/**
 * The clause a title names, also with a bracket after it that says where the rule comes from or what it holds
 * ("Breach Notification (Art. 33 GDPR)", "Sub-processors (Annex A)").
 */
function clauseOfTitle(title: string): string | undefined {
  const bare = title.replace(/\s*\([^()]*\)\s*$/, "");
  return (CLAUSE_TITLES.find(([, re]) => re.test(title)) ?? CLAUSE_TITLES.find(([, re]) => re.test(bare)))?.[0];
}

/** The template's clause titles (Datatilsynet's standard contractual clauses, Danish and English). */
const CLAUSE_TITLES: [string, RegExp][] = [
  ["2", /^(præambel|preamble)\b/i],
  ["3", /(dataansvarliges (rettigheder|forpligtelser)|controller'?s? rights and obligations)/i],
  ["4", /(handler efter instruks|acts according to instructions)/i],
  ["5", /^(fortrolighed|confidentiality)$/i],
  ["6", /^(behandlingssikkerhed|security of processing)$/i],
  // Also "Anvendelse af sub-databehandlere", "Brug af underleverandører".
  [
    "7",
    new RegExp(
      String.raw`((?:anvendelse|brug) af (?:under|sub-?)databehandlere|use of sub-?processors|^(?:under|sub-?)data` +
        String.raw`behandlere$|^sub-?processors$|^underleverandører$)`,
      "i",
    ),
  ],
  [
    "8",
    new RegExp(
      String.raw`(overførs(?:el|ler) til tredjelande|tredjelandsoverførs(?:el|ler)|overførs(?:el|ler) (?:af per` +
        String.raw`sonoplysninger )?til lande uden for|^overførs(?:el|ler) uden for (?:EU|EØS)\b|transfers? of (pe` +
        String.raw`rsonal )?data to third countries|^transfers? to third countries|internationale? (data)?overfør` +
        String.raw`sler|international (data )?transfers|transfers outside)`,
      "i",
    ),
  ],
  ["9", /(bistand til den dataansvarlige|assistance to the (data )?controller)/i],
  // Also as vendors title it: "Sikkerhedsbrud", "Security Incidents", "Breach Notification", "Data Breaches".
  [
    "10",
    new RegExp(
      String.raw`(brud på persondatasikkerheden|personal data breach|databrud|^sikkerhedsbrud|^security (?:incident` +
        String.raw`|breach)(?:es|s)?(?: notification| management)?$|^(?:data )?breach(?:es)?(?: notification)?$|^noti` +
        String.raw`fication of (?:a )?(?:personal data )?breach|^sikkerhedshændelser?$|^brud på sikkerheden$|^brud$)`,
      "i",
    ),
  ],
  [
    "11",
    new RegExp(
      String.raw`(sletning og (returnering|tilbagelevering)|(ophør|tilbagelevering|returnering) og sletning|er` +
        String.raw`asure and return|deletion and return|return and deletion|return or deletion|deletion or return|` +
        String.raw`retention and deletion|deletion and return of|^sletning|^deletion)`,
      "i",
    ),
  ],
  // "Revision, herunder inspektion", "Dokumentation og revision", "Audit og tilsyn", "Revision og tilsyn".
  // Also "Tilsyn" alone, the Danish word for the controller's audits and inspections.
  [
    "12",
    /(^revision|^revisioner|audit and inspection|^audits?\b|\bog revision$|^(audit|revision) og tilsyn|^tilsyn$)/i,
  ],
  ["13", /(parternes aftale om andre forhold|agreement on other terms)/i],
  ["14", /(ikrafttræden og ophør|commencement and termination)/i],
];

/** The annexes' sub-sections by title, within the annex they belong to. */
const ANNEX_TITLES: [string, RegExp][] = [
  ["A.1", /(formål|purpose)/i],
  ["A.2", /(karakter|nature of the processing)/i],
  ["A.3", /((typer|kategorier) af personoplysninger|types? of personal data|categories of personal data)/i],
  ["A.4", /(kategorier af registrerede|categories of data subjects)/i],
  ["A.5", /(varighed|duration)/i],
  ["B.1", /(godkendte underdatabehandlere|approved sub-?processors)/i],
  ["B.2", /(varsel|prior notice|notice for)/i],
  ["C.1", /(behandlingens genstand|subject of|instruks$)/i],
  ["C.2", /(behandlingssikkerhed|security of processing|security measures)/i],
  ["C.3", /(bistand|assistance)/i],
  ["C.4", /(opbevaring|sletterutine|storage period|erasure procedures)/i],
  ["C.5", /(lokalitet|location)/i],
  ["C.6", /(tredjeland|third countr)/i],
  ["C.8", /(underdatabehandler|sub-?processor)/i],
  ["C.7", /(revision|inspektion|audit|inspection|tilsyn)/i],
];

/** What an annex is about, for annexes known by their title rather than their letter. */
const ANNEX_OF_TITLE: [string, RegExp][] = [
  ["A", /(oplysninger om behandlingen|information about the processing)/i],
  ["B", /^(underdatabehandlere|sub-?processors)$/i],
  ["C", /(instruks vedrørende|instruction pertaining)/i],
  ["D", /(regulering af andre forhold|other terms)/i],
];

const ANNEX_WORD = new RegExp(
  String.raw`^(?:\d{1,2}\.?\s+)?(bilag|annex|appendix|appendiks|schedule|exhibit)\s+(?:(\d{1,2}|[IVX]{1,4})` +
    String.raw`(?:\.(?=[A-D]\b)|\b\.?))?\s*([A-D](?![\p{L}]))?\.?\s*[:.–—-]?\s*(.*)$`,
  "iu",
);
/** A list of sub-processors, wherever it is put. */
const SUBPROCESSOR_LIST = /^(list of |approved |godkendte |liste over )?(sub-?processors|underdatabehandlere)\b/i;
/** An annex whose title names sub-processors anywhere ("Berget Subprocessors", "Anvendte underdatabehandlere"). */
const SUBPROCESSOR_ANNEX = /(?<![\p{L}])(sub-?processors|underdatabehandlere)(?![\p{L}])/iu;
/** An annex that is the agreement itself ("Bilag 1: Databehandleraftale" in terms of service). */
const AGREEMENT_ANNEX = /(databehandleraftale|data processing (agreement|addendum)|\bdpa\b)/i;
/** An annex about the technical and organisational measures. */
const MEASURES_ANNEX = /(technical and organi[sz]ational measures|sikkerhedsforanstaltninger|behandlingssikkerhed)/i;
const SUB_NUMBER = /^([A-D])\.(\d{1,2})\.?(?:\s+|$|[:.])(.*)$/;
// "7.3 Titel", "§ 7 Titel", and a number glued to its title by the markup ("5.Underdatabehandlere").
const CLAUSE_NUMBER =
  /^(?:clause\s+|bestemmelse\s+|punkt\s+|§\s*)?(\d{1,2})((?:\.\d{1,2})*)(?:\.(?=\p{L})|\.?\s+)(.*)$/iu;

const clauseReference = (n: string, language: Language) => (language === "da" ? `§${n}` : `Clause ${n}`);
const annexReference = (n: string, language: Language) => (language === "da" ? `Bilag ${n}` : `Appendix ${n}`);

interface Heading {
  block: Block;
  text: string;
  /** Rank: markup level (1–6), or from the numbering depth for plain-text headings. */
  rank: number;
}

/**
 * A bold paragraph that is short and no sentence reads as a heading ("**C.7 Tilsyn**"); an annex section's
 * number lets the template's long English titles through ("C.7. Procedures for the data controller's audits,
 * including inspections, of the processing of personal data being performed by the data processor").
 */
function isBoldHeading(text: string, block: Block): boolean {
  const words = text.split(/\s+/).length;
  const limit = SUB_NUMBER.test(text) ? 30 : 20;
  return !!block.bold && text.length <= (limit === 30 ? 200 : 160) && !/[.;,]$/.test(text) && words <= limit;
}

/** A short line in capitals, no sentence, reads as a heading in any format ("SECURITY INCIDENTS", "9. AUDITS"). */
function isCapitalsHeading(text: string): boolean {
  if (text.includes("\n") || text.length > 100 || /[.;,:]$/.test(text) || text.split(/\s+/).length > 10) return false;
  const letters = text.replace(/[^\p{L}]/gu, "");
  return letters.length >= 4 && letters === letters.toUpperCase();
}

/** A short line that is only an annex's name and title, no sentence ("Bilag B – Underdatabehandlere"). */
function annexTitleLine(text: string): boolean {
  if (text.includes("\n") || text.length > 100 || /[.;,:]$/.test(text)) return false;
  const m = ANNEX_WORD.exec(text);
  // A table-of-contents entry ("Bilag D Parternes regulering af andre forhold 19") ends in its page number.
  if (m && /\p{L}[\s.]+\d{1,3}$/u.test(m[4] ?? "")) return false;
  return !!m && (m[2] !== undefined || m[3] !== undefined) && text.split(/\s+/).length <= 10;
}

/** A paragraph opening with a numbered bold label ("A.1 Formål: …") starts a section of its own. */
const LABELLED_SECTION = /^([A-D]\.\d{1,2})\s+[^:\n]{2,120}:/;

/** A table of contents' line ("Bilag B Underdatabehandlere.....\t11"): styled as a heading by some, no section. */
const TOC_LINE = /(?:\t\s*\d+|\.{4,}\s*\d*)\s*$/;

function headingsOf(parsed: ParsedDocument): Heading[] {
  const headings: Heading[] = [];
  for (const block of parsed.blocks) {
    const text = parsed.text.slice(block.start, block.end).trim();
    if (!text.includes("\n") && TOC_LINE.test(text)) continue;
    if (block.kind === "heading") {
      const depth = (/^\d+((?:\.\d+)*)/.exec(text)?.[1].split(".").length ?? 1) + 1;
      headings.push({ block, text, rank: block.level || Math.min(6, depth) });
    } else if (block.kind === "paragraph" && annexTitleLine(text)) {
      // "APPENDIX 1 – Berget Subprocessors" on a line of its own (Word, PDF): an annex heading.
      headings.push({ block, text, rank: 1 });
    } else if (
      block.kind === "paragraph" &&
      (isBoldHeading(text, block) || isCapitalsHeading(text) || LABELLED_SECTION.test(text))
    )
      headings.push({ block, text, rank: 7 });
  }
  return headings;
}

/** Every heading as a section, placed in the template's slots by number and title. */
export function headingSections(parsed: ParsedDocument, language: Language): Section[] {
  const headings = headingsOf(parsed);
  const sections: Section[] = [];
  // An annex and, for one that numbers its sections again from 1 after the clauses ("Appendix I" then "1.
  // Controller", "2. Processor" at the clauses' rank), the number its next section would have.
  let annex: { letter: string; label: string; rank: number; next: number } | null = null;
  let clauseContext = true;
  /** The highest clause number so far: an annex whose sections start again at 1 after it numbers its own. */
  let lastClause = 0;
  const isAnnex = headings.map((h) => ANNEX_WORD.test(h.text.split("\n")[0]));
  headings.forEach((h, i) => {
    // An annex heading ends every clause before it, whatever rank the markup gave either. Found in place: a copy of
    // the headings after each heading (slice) made 100,000 markdown headings (400 KB) take the reader 58 s.
    let next: Heading | undefined;
    for (let j = i + 1; j < headings.length && !next; j++)
      if (headings[j].rank <= h.rank || (isAnnex[j] && !isAnnex[i])) next = headings[j];
    const end = next ? next.block.start : parsed.text.length;
    const titleLine = h.text.split("\n")[0];
    let number = "";
    let reference = "";
    const annexMatch = ANNEX_WORD.exec(titleLine);
    const sub = SUB_NUMBER.exec(titleLine);
    const top = CLAUSE_NUMBER.exec(titleLine);
    const renumbered =
      !!annex &&
      !annex.letter &&
      !annexMatch &&
      lastClause > 0 &&
      h.rank >= annex.rank &&
      !!top &&
      !top[2] &&
      Number(top[1]) === annex.next;
    if (annex && h.rank <= annex.rank && !annexMatch && !renumbered) annex = null;
    if (annex && renumbered) annex.next++;
    if (annexMatch && !(annexMatch[3] === undefined && AGREEMENT_ANNEX.test(annexMatch[4] ?? ""))) {
      const rest = (annexMatch[4] ?? "").trim();
      const letter = annexMatch[3]?.toUpperCase() ?? ANNEX_OF_TITLE.find(([, re]) => re.test(rest))?.[0] ?? "";
      const label = titleLine.replace(/\s*[:–—].*$/, "").trim();
      annex = { letter, label, rank: h.rank, next: 1 };
      clauseContext = false;
      // What the annex holds decides its slot when its title says so ("BILAG C: Godkendte underdatabehandlere").
      number =
        SUBPROCESSOR_LIST.test(rest) || SUBPROCESSOR_ANNEX.test(rest)
          ? "B.1"
          : MEASURES_ANNEX.test(rest)
            ? "C.2"
            : letter;
      reference = label;
    } else if (annexMatch) {
      // The agreement as an annex of a longer document: its clauses follow.
      annex = null;
      clauseContext = true;
      reference = titleLine.replace(/\s*[:–—].*$/, "").trim();
    } else if (sub) {
      const title = sub[3].replace(/:.*$/, "").trim();
      const byTitle = ANNEX_TITLES.find(([slot, re]) => slot.startsWith(sub[1]) && re.test(title))?.[0];
      number = byTitle ?? `${sub[1]}.${Number(sub[2])}`;
      reference = annexReference(`${sub[1]}.${Number(sub[2])}`, language);
      clauseContext = false;
    } else {
      const annexByTitle = ANNEX_OF_TITLE.find(([, re]) => re.test(titleLine))?.[0];
      const numbered = CLAUSE_NUMBER.exec(titleLine);
      const title = (numbered ? numbered[3] : titleLine).replace(/:.*$/, "").trim();
      if (annexByTitle && (!annex || h.rank <= annex.rank) && !numbered) {
        annex = { letter: annexByTitle, label: titleLine, rank: h.rank, next: 1 };
        number = annexByTitle;
        reference = annexReference(annexByTitle, language);
      } else if (annex && (annex.letter || !numbered || renumbered)) {
        // An annex numbering its sections again may hold an agreement of its own ("Bilag 1" after terms of
        // service, then "1. Formål" … "10. Brud på persondatasikkerheden"): a clause's title keeps its slot.
        number = SUBPROCESSOR_LIST.test(title)
          ? "B.1"
          : (ANNEX_TITLES.find(
              ([slot, re]) => annex!.letter && slot.startsWith(annex!.letter) && re.test(title),
            )?.[0] ?? (renumbered ? (CLAUSE_TITLES.find(([, re]) => re.test(title))?.[0] ?? "") : ""));
        reference = `${annex.label}, ${titleLine}`;
      } else if (clauseContext || numbered) {
        // A numbered clause after an annex that is only a name ("Bilag 7" over a tender's DPA) is a clause.
        if (annex && !annex.letter) annex = null;
        const slot = clauseOfTitle(title);
        const own = numbered ? `${numbered[1]}${numbered[2]}` : "";
        if (numbered && !numbered[2]) lastClause = Math.max(lastClause, Number(numbered[1]));
        // A numbered point titled by a clause's subject ("3.6 Data Breach" under "3. Processor's Obligations") holds
        // that clause's terms in documents whose clauses are groups of points.
        number = slot ?? "";
        reference = own ? clauseReference(own, language) : titleLine;
      } else {
        // A heading without a number (a page's number in an element of its own) that names a clause's subject.
        const slot = clauseOfTitle(titleLine.replace(/:.*$/, "").trim());
        if (slot && slot !== "2") {
          number = slot;
          reference = titleLine;
        }
      }
    }
    sections.push({
      reference: reference.slice(0, 120),
      number,
      start: h.block.start,
      end,
      bodyStart: h.rank === 7 && LABELLED_SECTION.test(h.text) ? h.block.start : h.block.end,
      title: titleLine,
    });
  });
  return sections;
}
