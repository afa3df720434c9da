// The one document model every upload becomes before any rule reads it: the text a reviewer is shown
// (and every citation indexes), cut into blocks with their kind and span. Plain data, so it can be
// produced in a worker thread and sent back.

export type DocumentFormat = "text" | "markdown" | "html" | "docx" | "pdf";

export type BlockKind = "heading" | "paragraph" | "listItem" | "tableRow";

export interface Span {
  start: number;
  end: number;
}

export interface Block extends Span {
  kind: BlockKind;
  /** Heading level 1–6 (markup headings); 0 for a heading recognised from plain text. */
  level?: number;
  /** Table cells, each a span of the text. */
  cells?: Span[];
  /** A table row in the table's header (th cells, or a first row that names columns). */
  header?: boolean;
  /** Number of the table the row belongs to, so rows of one table stay together. */
  table?: number;
  /** Marked as strong/bold throughout (a label or a heading written as bold text). */
  bold?: boolean;
}

export interface ParsedDocument {
  format: DocumentFormat;
  /** What the review page shows and what every citation's offsets count: the plain text of the document. */
  text: string;
  blocks: Block[];
}
