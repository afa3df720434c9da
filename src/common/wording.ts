// Small rules of the wording of messages: the article before a word, and a field's name for a message.

// Words spelt with a vowel that start with a consonant sound ("a unicast", "a European", "a one-off", "a URL").
const VOWEL_LETTER_CONSONANT_SOUND = /^(uni|use|usu|uti|ura|ure|uro|eu|ewe|one|once|url|usb|uk\b|us\b)/i;
// Words spelt with a consonant that start with a vowel sound ("an hour").
const SILENT_H = /^(hour|honest|honou?r|heir)/i;
// Letters whose names start with a vowel sound, for initialisms read letter by letter ("an RFC", "an SMTP").
const VOWEL_SOUND_LETTER_NAMES = /^[fhlmnrsx]/i;
// Numbers said with a vowel first ("an 8", "an 11", "an 18", "an 80").
const VOWEL_SOUND_NUMBER = /^(8|11|18)(\D|\d{2}\b|\d{4}\b|$)|^8\d/;

/**
 * "a" or "an" with the word after it, by the word's first sound as far as its spelling tells: "an AuditReport",
 * "an unspecified address", "a Processor", "a unicast address", "an hour", "an rfc6145 address", "a 6to4 address".
 * A leading run of letters without a vowel ("rfc", "SMTP") is an initialism, read letter by letter.
 */
export function withArticle(word: string): string {
  return `${startsWithVowelSound(word) ? "an" : "a"} ${word}`;
}

function startsWithVowelSound(word: string): boolean {
  if (/^\d/.test(word)) return VOWEL_SOUND_NUMBER.test(word);
  const letters = /^[a-z]+/i.exec(word)?.[0] ?? "";
  if (!letters) return false;
  // An initialism: the leading letters (up to a digit, an underscore or a capital after small letters) hold no vowel.
  const run = /^[A-Z]+(?![a-z])|^[a-z]+|^[A-Z][a-z]*/.exec(letters)?.[0] ?? letters;
  if (run.length > 1 && !/[aeiouy]/i.test(run)) return VOWEL_SOUND_LETTER_NAMES.test(run);
  if (SILENT_H.test(word)) return true;
  if (VOWEL_LETTER_CONSONANT_SOUND.test(word)) return false;
  return /^[aeiou]/i.test(word);
}

/**
 * A field's name for a message, from its path in the input: the mutation's "input" left out, list positions in
 * brackets ("processorIds[0]", "transfers[1].processorId"); a path of "input" alone is "input".
 */
export function fieldLabel(path: readonly string[]): string {
  const named = path[0] === "input" && path.length > 1 ? path.slice(1) : path;
  return named.reduce((label, p) => (/^\d+$/.test(p) ? `${label}[${p}]` : label ? `${label}.${p}` : p), "");
}
