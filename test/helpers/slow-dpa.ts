// The slow document of the reader tests (attack-dpa-reader-share, attack-dpa-readers): a DPA that is slow to read
// for an ordinary reason, within every reading limit. Its paragraph 6,000 times over, as plain text (1.3 MB, 1,296,000
// characters; the limits are 25 MB and 2,000,000 characters, no markup, so nothing to nest): the draft rules scan the
// whole text. 2,000 paragraphs took 7.6-15.8 s at load 3-12 but 2.9-3.1 s on a quiet machine, under the tests' 3 s
// floor (a failed run); 5,000 took 6.2 s there, in one process. Under load a reading is stopped at the read timeout
// (422), which the tests accept. A document nested too deep is refused at once and holds no reader
// (attack-html-nesting.test.ts), so it cannot be the slow document.

export const SLOW_DPA_PARAGRAPH =
  "Databehandleraftale. Databehandleren behandler personoplysninger på vegne af den dataansvarlige " +
  "og kun efter dokumenteret instruks. Underdatabehandlere: ingen. Brud på persondatasikkerheden meddeles " +
  "inden 24 timer.";

/** The slow DPA as a .txt upload's bytes. */
export function slowDpa(paragraphs = 6000): Buffer {
  return Buffer.from(`${SLOW_DPA_PARAGRAPH}\n\n`.repeat(paragraphs), "utf8");
}

/** Less than the slow DPA takes to read on any machine these tests run on: an answer sooner was not slow. */
export const SLOW_DPA_MIN_MS = 3000;

/** The ordinary DPA another tenant sends: the slow document's paragraph once. */
export const ORDINARY_DPA = Buffer.from(SLOW_DPA_PARAGRAPH, "utf8");

/** POST /imports/agreement with one file: the status, Retry-After, the JSON body and when the answer came. */
export async function uploadDpa(base: string, key: string, bytes: Buffer, name: string, type = "text/plain") {
  const form = new FormData();
  form.append("file", new Blob([bytes], { type }), name);
  const res = await fetch(`${base}/imports/agreement`, {
    method: "POST",
    body: form,
    headers: { authorization: `Bearer ${key}` },
  });
  const text = await res.text();
  return {
    status: res.status,
    retryAfter: res.headers.get("retry-after"),
    body: text ? JSON.parse(text) : null,
    at: Date.now(),
  };
}

/**
 * Two readers started and idle before a test (a reader's start under ts-node takes seconds, under load tens of
 * seconds, and is not what the reader tests test): each answer as "<status> <error message>".
 */
export async function warmReaders(
  base: string,
  newOrganization: (name: string) => Promise<{ key: string }>,
): Promise<string[]> {
  const warm = await Promise.all(
    ["Varm 1 A/S", "Varm 2 A/S"].map(async (name) =>
      uploadDpa(base, (await newOrganization(name)).key, ORDINARY_DPA, "aftale.txt"),
    ),
  );
  return warm.map((w) => `${w.status} ${w.body?.error?.message ?? ""}`);
}
