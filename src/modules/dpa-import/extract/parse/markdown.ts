// Markdown through markdown-it (CommonMark with GFM tables) to HTML, then the HTML reader: one
// path for everything with markup. YAML front matter is metadata, not agreement text, and is left out.
import MarkdownIt from "markdown-it";
import { parseHtml } from "./html";
import { HtmlTooDeep, MAX_HTML_DEPTH } from "./nesting";
import type { ParsedDocument } from "./types";

// markdown-it stops reading at maxNesting levels (100 by default) and silently leaves out the rest: a DPA nested 200
// blockquotes deep came back as EMPTY_DOCUMENT "contains no text". It reads up to the HTML reader's depth, and a
// text that reaches it is refused as too deeply nested (DOCUMENT_TOO_COMPLEX, limit nesting), as HTML is.
const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false, maxNesting: MAX_HTML_DEPTH });

/** A line that is only a company's name ("Zorbix Ltd", "**Fjeldsted Holding A/S**"). */
const NAME_LINE = new RegExp(
  String.raw`^[*_]*\p{Lu}[\p{L}\d.&'’ -]{0,50}\s(?:A\/S|ApS|I\/S|B\.V\.|Ltd\.?|Limited|Inc\.?|GmbH|AG|AB|AS|Oy|L` +
    String.raw`LC|PLC|SAS|SARL|N\.V\.)[*_]*$`,
  "u",
);

/** A line that opens with a short label ("Processor: …", "**CVR:** …", "Location: …"). */
const LABEL_LINE = /^[*_]*[\p{L}][\p{L}\d ./&-]{0,40}[*_]*\s*:(?:[*_]*\s|[*_]*$)/u;

// Lines of labelled fields ("Controller: X" then "Processor: Y") are one paragraph in Markdown, and a soft break
// renders as a space, which would run the fields together: a soft break before a label line stays a line break.
// Hard-wrapped prose (no label at the line's start) still flows as one line.
// So is a break after a line that is only a company's name, over its address or number ("Zorbix Ltd" then "1 High
// Street, London").
markdown.renderer.rules.softbreak = (tokens, idx, options) => {
  const text = (t: (typeof tokens)[number]) => (t.markup && !t.content ? t.markup : t.content);
  let line = "";
  for (const t of tokens.slice(idx + 1)) {
    if (t.type === "softbreak" || t.type === "hardbreak" || line.length > 60) break;
    line += text(t);
  }
  let before = "";
  for (let i = idx - 1; i >= 0 && tokens[i].type !== "softbreak" && tokens[i].type !== "hardbreak"; i--)
    before = text(tokens[i]) + before;
  return LABEL_LINE.test(line) || NAME_LINE.test(before) || options.breaks ? "<br>\n" : "\n";
};

const FRONT_MATTER = /^---[ \t]*\n[\s\S]*?\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

export function parseMarkdown(source: string): ParsedDocument {
  const env = {};
  const tokens = markdown.parse(source.replace(FRONT_MATTER, ""), env);
  // A token at the last level means markdown-it stopped there and left out what lay deeper.
  const deepest = MAX_HTML_DEPTH - 1;
  if (tokens.some((t) => t.level >= deepest || t.children?.some((c) => c.level >= deepest)))
    throw new HtmlTooDeep(MAX_HTML_DEPTH);
  return parseHtml(markdown.renderer.render(tokens, markdown.options, env), "markdown");
}
