// Markdown through markdown-it (CommonMark with GFM tables) to HTML, then the HTML reader: one
// path for everything with markup. YAML front matter is metadata, not agreement text, and is left out.
import MarkdownIt from "markdown-it";
import { parseHtml } from "./html";
import type { ParsedDocument } from "./types";

const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });

const FRONT_MATTER = /^---[ \t]*\n[\s\S]*?\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

export function parseMarkdown(source: string): ParsedDocument {
  return parseHtml(markdown.render(source.replace(FRONT_MATTER, "")), "markdown");
}
