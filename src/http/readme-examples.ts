// The README's GraphQL examples, as the landing page offers them and as test/e2e/readme-examples.test.ts
// runs them: every ```graphql block, titled by the bold words of the paragraph before it.
import fs from "node:fs";
import path from "node:path";

export interface ReadmeExample {
  /** The bold words before the block ("GRC dashboard"), with the sentence they start, if any. */
  title: string;
  /** The block's text: one or more operations. */
  document: string;
}

/** The repository root: the nearest folder above this file with the project's package.json. */
export function repositoryRoot(from = __dirname): string {
  let dir = from;
  for (;;) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file) && JSON.parse(fs.readFileSync(file, "utf8")).name === "tilsyn") return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No tilsyn package.json above ${from}`);
    dir = parent;
  }
}

export function readmeExamples(markdown: string): ReadmeExample[] {
  const examples: ReadmeExample[] = [];
  const blocks = /```graphql\n([\s\S]*?)```/g;
  let match: RegExpExecArray | null;
  while ((match = blocks.exec(markdown))) {
    // The nearest paragraph before the block that starts with bold words, e.g. "**Auditor**: the evidence list …",
    // to its first full stop or its end (a paragraph wraps over lines: its first line alone ended mid-phrase).
    const lines = markdown.slice(0, match.index).split("\n");
    const at = lines.findLastIndex((l) => l.startsWith("**"));
    const paragraph = at < 0 ? [] : lines.slice(at, lines.indexOf("", at) < 0 ? undefined : lines.indexOf("", at));
    const title = paragraph
      .join(" ")
      .replace(/^(.*?\.)\s+[A-Z(].*$/, "$1")
      .replace(/^\*\*([^*]+)\*\*/, "$1")
      .replace(/\s+/g, " ")
      .replace(/[.:]\s*$/, "")
      .trim();
    const short = title.length > 120 ? `${title.slice(0, title.lastIndexOf(" ", 118))} …` : title;
    // Two blocks under one paragraph are two tabs: numbered, so neither hides the other.
    const same = examples.filter((e) => e.title === short || e.title.startsWith(`${short} (`)).length;
    examples.push({ title: same ? `${short} (${same + 1})` : short, document: match[1].trim() });
  }
  return examples;
}

/** The examples of the README beside the code; none when it is not there (an installed package without it). */
export function loadReadmeExamples(): ReadmeExample[] {
  try {
    return readmeExamples(fs.readFileSync(path.join(repositoryRoot(), "README.md"), "utf8"));
  } catch {
    return [];
  }
}
