// The slow document of the reader tests (attack-dpa-reader-share, attack-dpa-readers): a DPA that is slow to read
// for an ordinary reason, within every reading limit. Its paragraph 2,000 times over, as plain text (436 KB, 432,000
// characters; the limits are 25 MB and 2,000,000 characters, no markup, so nothing to nest): the draft rules scan the
// whole text. Read alone in 7.6-9.7 s in one process (load 3-8 on 2 cores) and in 12.0-15.8 s by POST
// /imports/agreement on a warm reader (load 12), a 201 draft. A document nested too deep is refused at once and holds
// no reader (attack-html-nesting.test.ts), so it cannot be the slow document.

export const SLOW_DPA_PARAGRAPH =
  "Databehandleraftale. Databehandleren behandler personoplysninger på vegne af den dataansvarlige " +
  "og kun efter dokumenteret instruks. Underdatabehandlere: ingen. Brud på persondatasikkerheden meddeles " +
  "inden 24 timer.";

/** The slow DPA as a .txt upload's bytes. */
export function slowDpa(paragraphs = 2000): Buffer {
  return Buffer.from(`${SLOW_DPA_PARAGRAPH}\n\n`.repeat(paragraphs), "utf8");
}

/** Less than the slow DPA takes to read on any machine these tests run on: an answer sooner was not slow. */
export const SLOW_DPA_MIN_MS = 3000;
