// Turns a list of block contents into the document text and the blocks' spans in it: blocks are
// separated by a blank line, rows of one table and items of one list by a line break, table cells by a
// tab. The text is what the reviewer reads, so it carries no markup.
import type { Block, BlockKind, Span } from "./types";

export interface Draft {
  kind: BlockKind;
  /** The block's text; for a table row, the cells. */
  text: string;
  cells?: string[];
  level?: number;
  header?: boolean;
  table?: number;
  list?: number;
  bold?: boolean;
  /** A row made of a paragraph's tab stops (a Word file), not of a table's cells. */
  tabbed?: boolean;
}

export function renderBlocks(drafts: Draft[]): { text: string; blocks: Block[] } {
  let text = "";
  const blocks: Block[] = [];
  let previous: Draft | null = null;
  for (const d of drafts) {
    const body = d.cells ? d.cells.join("\t") : d.text;
    if (!body.trim()) continue;
    if (previous) {
      const sameTable = d.kind === "tableRow" && previous.kind === "tableRow" && d.table === previous.table;
      const sameList = d.kind === "listItem" && previous.kind === "listItem" && d.list === previous.list;
      text += sameTable || sameList ? "\n" : "\n\n";
    }
    const start = text.length;
    let cells: Span[] | undefined;
    if (d.cells) {
      cells = [];
      let at = start;
      for (const c of d.cells) {
        cells.push({ start: at, end: at + c.length });
        at += c.length + 1;
      }
    }
    text += body;
    const block: Block = { kind: d.kind, start, end: text.length };
    if (d.level !== undefined) block.level = d.level;
    if (cells) block.cells = cells;
    if (d.header) block.header = true;
    if (d.table !== undefined) block.table = d.table;
    if (d.bold) block.bold = true;
    blocks.push(block);
    previous = d;
  }
  return { text, blocks };
}
