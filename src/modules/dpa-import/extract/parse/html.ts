// HTML (and Markdown and Word documents, both read through HTML) into blocks, with parse5, the
// WHATWG HTML5 parser: headings, paragraphs, list items and table rows with their cells, text
// whitespace collapsed as a browser shows it.
import { parse } from "parse5";
import { renderBlocks, type Draft } from "./render";
import { checkHtmlNesting } from "./nesting";
import { sourceHtml } from "./source";
import type { ParsedDocument } from "./types";

interface Node {
  nodeName: string;
  tagName?: string;
  value?: string;
  childNodes?: Node[];
  attrs?: { name: string; value: string }[];
  content?: Node;
}

const SKIP = new Set([
  "script",
  "style",
  "head",
  "template",
  "noscript",
  "svg",
  "iframe",
  "object",
  "button",
  "select",
]);
const BLOCK = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "dd",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "header",
  "hr",
  "main",
  "nav",
  "p",
  "pre",
  "section",
  "caption",
  "center",
  "details",
  "summary",
]);
const HEADING = /^h([1-6])$/;
/** Phrasing elements: the only tags whose text always joins the paragraph around them. */
const INLINE = new Set([
  "a",
  "abbr",
  "b",
  "bdi",
  "bdo",
  "cite",
  "code",
  "data",
  "del",
  "dfn",
  "em",
  "font",
  "i",
  "img",
  "ins",
  "kbd",
  "label",
  "mark",
  "q",
  "s",
  "samp",
  "small",
  "span",
  "strong",
  "sub",
  "sup",
  "time",
  "u",
  "var",
]);
/** Attributes a page component names its section by (`<Section title="6. Underdatabehandlere">`). */
const HEADING_ATTRIBUTES = ["title", "heading"];

/** Whether a node holds a block (paragraph, heading, list, table) somewhere inside it. */
function holdsBlock(node: Node): boolean {
  return (node.childNodes ?? []).some((child) => {
    const tag = child.tagName;
    if (!tag || SKIP.has(tag)) return false;
    if (BLOCK.has(tag) || HEADING.test(tag) || ["ul", "ol", "li", "table"].includes(tag)) return true;
    // A titled component of text (`<Card title="WONKA">…`) is a block of its own, heading and text.
    if (textComponent(child) && attributeHeading(child)) return true;
    return holdsBlock(child);
  });
}

/** Tags HTML defines beside the block and inline ones: no page component of its own. */
const HTML_TAGS = new Set(
  "html li ul ol table thead tbody tfoot tr td th img br input label textarea option video audio source picture canvas"
    .split(" ")
    .concat("dialog menu search map area track embed col colgroup legend output progress meter".split(" ")),
);

/**
 * A page component holding its text straight (`<Card title="WONKA">**Location:** EU (Belgium) …</Card>` in MDX, whose
 * lines Markdown leaves as raw text inside the tag): its title heads that text as a container's would.
 */
const textComponent = (node: Node) => {
  const tag = node.tagName ?? "";
  if (!tag || BLOCK.has(tag) || SKIP.has(tag) || HEADING.test(tag) || HTML_TAGS.has(tag)) return false;
  return (node.childNodes ?? []).some((c) => c.nodeName === "#text" && /\p{L}/u.test(c.value ?? ""));
};

/**
 * The heading a container names in an attribute: a page kept as source code (JSX) writes its sections as
 * components whose title is an attribute. Only for containers of blocks (a tooltip on a link is no heading)
 * and only text with a letter, not a code expression.
 */
function attributeHeading(node: Node): string | null {
  if (INLINE.has(node.tagName ?? "") || (!holdsBlock(node) && !textComponent(node))) return null;
  for (const name of HEADING_ATTRIBUTES) {
    const value = node.attrs
      ?.find((a) => a.name === name)
      ?.value.replace(/\s+/g, " ")
      .trim();
    if (value && /\p{L}/u.test(value) && !/^[{$]/.test(value)) return value;
  }
  return null;
}
const BOLD = new Set(["strong", "b"]);

/** An element bold by its own style ('<p style="font-weight:bold;">', '<span style="font-weight: 700">'). */
const styledBold = (node: Node) =>
  /(?:^|;)\s*font-weight\s*:\s*(?:bold(?:er)?|[6-9]00)\s*(?:!important\s*)?(?:;|$)/i.test(
    node.attrs?.find((a) => a.name === "style")?.value ?? "",
  );

/** A text node's text; JSX's spacing expression (`{' '}`, `{" "}`) in a page kept as source code is a space. */
const textOf = (node: Node) => (node.value ?? "").replace(/\{\s*(['"`])(\s*)\1\s*\}/g, " ");

interface Piece {
  text: string;
  bold: boolean;
}

/** The inline text of a node: whitespace collapsed, <br> as a line break, with which parts are bold. */
function inline(node: Node, bold: boolean, pieces: Piece[], breakAs: string): void {
  if (node.nodeName === "#text") {
    pieces.push({ text: textOf(node), bold });
    return;
  }
  const tag = node.tagName;
  if (!tag || SKIP.has(tag)) return;
  if (tag === "br") {
    pieces.push({ text: breakAs, bold });
    return;
  }
  const isBold = bold || BOLD.has(tag) || styledBold(node);
  for (const child of node.childNodes ?? []) inline(child, isBold, pieces, breakAs);
  // A nested block inside an inline context (a <p> in a table cell) still separates words.
  if (BLOCK.has(tag) || tag === "li" || HEADING.test(tag)) pieces.push({ text: " ", bold });
}

/**
 * Joins inline pieces as a browser shows them: whitespace collapsed. A Word file's tabs (mammoth
 * writes a tab character for each tab stop) are kept when `tabs` is set: they separate a title from
 * its page number in a table of contents, or a label from its value, as the text form's tabs do.
 */
function joinPieces(pieces: Piece[], tabs = false): { text: string; bold: boolean } {
  const space = tabs ? /[^\S\t\n]+/g : /\s+/g;
  const text = pieces
    .map((p) => (p.text === "\n" ? "\n" : p.text.replace(space, " ")))
    .join("")
    .replace(/ *\n */g, "\n")
    .replace(/ *\t */g, "\t")
    .replace(/ {2,}/g, " ")
    .replace(/^[ \t]+|[ \t]+$/gm, "")
    .trim();
  const letters = pieces.filter((p) => /\p{L}/u.test(p.text));
  return { text, bold: letters.length > 0 && letters.every((p) => p.bold) };
}

export interface HtmlOptions {
  /** Keep tab characters (a Word file's tab stops) instead of collapsing them. */
  tabs?: boolean;
  /**
   * Prefix ordered list items with "1. ", "2. " as a browser numbers them. Off for a Word file whose
   * automatic numbers were written into its paragraphs (docx.ts), where the number is already the text.
   */
  orderedMarkers?: boolean;
}

/** A script whose inline text is JSX for the browser to compile (type text/babel or text/jsx, no src). */
function isInPageJsx(node: Node): boolean {
  const attr = (name: string) => node.attrs?.find((a) => a.name === name)?.value;
  return !attr("src") && /^text\/(?:babel|jsx)$/i.test((attr("type") ?? "").trim());
}

/** The body element of a parsed document. */
function bodyOf(document: Node): Node | undefined {
  const html = document.childNodes?.find((c) => c.tagName === "html");
  return html?.childNodes?.find((c) => c.tagName === "body");
}

export function htmlBlocks(html: string, options: HtmlOptions = {}): Draft[] {
  const tabs = options.tabs ?? false;
  const orderedMarkers = options.orderedMarkers ?? true;
  const drafts: Draft[] = [];
  let pending: Piece[] = [];
  // Inside a block element bold by its style: its text is bold, as a <strong>'s is.
  let boldBlocks = 0;
  let tables = 0;
  let lists = 0;
  // An empty paragraph between two tab-laid paragraphs ends the first one's table, as a blank line does.
  let gap = false;
  const flush = () => {
    const { text, bold } = joinPieces(pending, tabs);
    pending = [];
    if (!text) return;
    const afterGap = gap;
    gap = false;
    // Paragraphs laid out with tab stops are rows of a table, as the text form's tab-separated lines are;
    // the paragraphs that follow one another make one table.
    const lines = text.split("\n");
    if (tabs && lines.every((l) => l.split("\t").filter((c) => c.trim()).length >= 2)) {
      const previous = drafts[drafts.length - 1];
      const table = previous?.kind === "tableRow" && previous.tabbed && !afterGap ? previous.table! : ++tables;
      for (const line of lines) {
        const cells = line.split("\t").filter((c) => c.trim());
        drafts.push({ kind: "tableRow", text: "", cells, table, tabbed: true });
      }
      return;
    }
    drafts.push({ kind: "paragraph", text, bold });
  };

  const row = (tr: Node, table: number, inHead: boolean) => {
    const cells: string[] = [];
    let header = inHead;
    for (const cell of tr.childNodes ?? []) {
      if (cell.tagName !== "td" && cell.tagName !== "th") continue;
      if (cell.tagName === "th") header = true;
      const pieces: Piece[] = [];
      inline(cell, false, pieces, " ");
      cells.push(joinPieces(pieces).text.replace(/\t/g, " "));
    }
    if (cells.some((c) => c)) drafts.push({ kind: "tableRow", text: "", cells, header, table });
  };

  const walk = (node: Node, list: { id: number; ordered: boolean; next: number } | null, inHead = false) => {
    const tag = node.tagName;
    if (node.nodeName === "#text") {
      pending.push({ text: textOf(node), bold: boldBlocks > 0 });
      return;
    }
    if (node.nodeName === "#document" || node.nodeName === "html" || tag === undefined) {
      for (const child of node.childNodes ?? []) walk(child, list);
      return;
    }
    // In-page JSX, compiled by the browser (Babel standalone): what it renders is the page's text (a DPA kept
    // as an array of sections in it), read as a source file is (source.ts), where the script stands.
    if (tag === "script" && isInPageJsx(node)) {
      const rendered = sourceHtml((node.childNodes ?? []).map((c) => c.value ?? "").join(""));
      flush();
      if (rendered) for (const child of bodyOf(parse(rendered) as unknown as Node)?.childNodes ?? []) walk(child, list);
      return;
    }
    if (SKIP.has(tag)) return;
    const heading = HEADING.exec(tag);
    if (heading) {
      flush();
      const pieces: Piece[] = [];
      inline(node, false, pieces, " ");
      const { text } = joinPieces(pieces, tabs);
      if (text) drafts.push({ kind: "heading", text, level: Number(heading[1]) });
      return;
    }
    if (tag === "table") {
      flush();
      const table = ++tables;
      const rows = (n: Node, head: boolean) => {
        for (const child of n.childNodes ?? []) {
          if (child.tagName === "tr") row(child, table, head);
          else if (child.tagName === "thead") rows(child, true);
          else if (child.tagName === "tbody" || child.tagName === "tfoot") rows(child, false);
        }
      };
      rows(node, false);
      return;
    }
    if (tag === "ul" || tag === "ol") {
      flush();
      const start = Number(node.attrs?.find((a) => a.name === "start")?.value ?? 1);
      const own = { id: ++lists, ordered: tag === "ol", next: Number.isFinite(start) ? start : 1 };
      for (const child of node.childNodes ?? []) walk(child, own);
      flush();
      return;
    }
    if (tag === "li") {
      flush();
      const marker = list?.ordered ? (orderedMarkers ? `${list.next++}. ` : "") : "- ";
      // The item's own text; nested lists and tables inside it become blocks of their own after it.
      const pieces: Piece[] = [];
      const nested: Node[] = [];
      for (const child of node.childNodes ?? []) {
        if (child.tagName === "ul" || child.tagName === "ol" || child.tagName === "table") nested.push(child);
        else inline(child, false, pieces, "\n");
      }
      const { text, bold } = joinPieces(pieces, tabs);
      if (text) drafts.push({ kind: "listItem", text: marker + text, list: list?.id ?? 0, bold });
      for (const n of nested) walk(n, list);
      return;
    }
    if (tag === "br") {
      pending.push({ text: "\n", bold: false });
      return;
    }
    const titled = attributeHeading(node);
    // A block element, or an element HTML does not know (a JSX component such as <LegalPage> or <Section>)
    // that holds blocks: its blocks stay blocks instead of running together into one paragraph.
    if (BLOCK.has(tag) || titled || (!INLINE.has(tag) && holdsBlock(node))) {
      flush();
      if (titled) drafts.push({ kind: "heading", text: titled, level: 2 });
      const styled = styledBold(node);
      if (styled) boldBlocks++;
      for (const child of node.childNodes ?? []) walk(child, list, inHead);
      if (styled) boldBlocks--;
      const empty = pending.every((p) => !p.text.trim());
      flush();
      if (tag === "p" && empty) gap = true;
      return;
    }
    // Inline element: its text joins the paragraph being collected.
    const pieces: Piece[] = [];
    inline(node, boldBlocks > 0, pieces, "\n");
    pending.push(...pieces);
  };

  // parse5 is quadratic in the depth of nesting (and walk recurses): a deeper text is refused first.
  checkHtmlNesting(html);
  walk(parse(html) as unknown as Node, null);
  flush();
  return drafts;
}

export function parseHtml(
  html: string,
  format: ParsedDocument["format"] = "html",
  options: HtmlOptions = { tabs: format === "docx" },
): ParsedDocument {
  return { format, ...renderBlocks(htmlBlocks(html, options)) };
}
