// Danish and English number words, durations, intervals and calendar days as DPAs write them:
// "tre (3) måneder", "en måneds varsel", "mindst 1 gang årligt", "hvert andet år", "den 1. januar".
// One parser for all of them, so every rule reads numbers the same way.

const UNITS: Record<string, number> = {
  nul: 0,
  en: 1,
  et: 1,
  én: 1,
  ét: 1,
  to: 2,
  tre: 3,
  fire: 4,
  fem: 5,
  seks: 6,
  syv: 7,
  otte: 8,
  ni: 9,
  ti: 10,
  elleve: 11,
  tolv: 12,
  tretten: 13,
  fjorten: 14,
  femten: 15,
  seksten: 16,
  sytten: 17,
  atten: 18,
  nitten: 19,
  zero: 0,
  one: 1,
  a: 1,
  an: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};

/** Danish tens ("tyve", "tredive", "fyrre", "halvtreds" …) and English tens. */
const TENS: Record<string, number> = {
  tyve: 20,
  tredive: 30,
  fyrre: 40,
  fyrretyve: 40,
  halvtreds: 50,
  tres: 60,
  halvfjerds: 70,
  firs: 80,
  halvfems: 90,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

const DA_UNIT_WORDS = ["en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni"];
const DA_TENS = ["tyve", "tredive", "fyrre", "halvtreds", "tres", "halvfjerds", "firs", "halvfems"];
const EN_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const EN_UNIT_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

/** Every spelled number word we read, longest first so "femogtyve" wins over "fem". */
export const NUMBER_WORDS: string[] = (() => {
  const words = new Set<string>([...Object.keys(UNITS), ...Object.keys(TENS)]);
  // Danish composes units before tens: "femogtyve" (25), "otteogfyrre" (48), "enogtyve" (21).
  for (const unit of DA_UNIT_WORDS) for (const ten of DA_TENS) words.add(`${unit}og${ten}`);
  // English joins tens and units with a hyphen: "twenty-five".
  for (const ten of EN_TENS) for (const unit of EN_UNIT_WORDS) words.add(`${ten}-${unit}`);
  return [...words].sort((a, b) => b.length - a.length);
})();

/** "femogtyve" → 25, "twenty-five" → 25, "tre" → 3, "12" → 12; null when it is not a number. */
export function parseNumberWord(word: string): number | null {
  const w = word.toLowerCase().trim();
  if (/^\d+$/.test(w)) return Number(w);
  if (w in UNITS) return UNITS[w];
  if (w in TENS) return TENS[w];
  const danish = /^(\p{L}+?)og(\p{L}+)$/u.exec(w);
  if (danish && danish[1] in UNITS && danish[2] in TENS) return UNITS[danish[1]] + TENS[danish[2]];
  const english = /^(\p{L}+)[- ](\p{L}+)$/u.exec(w);
  if (english && english[1] in TENS && english[2] in UNITS) return TENS[english[1]] + UNITS[english[2]];
  return null;
}

const WORDS = NUMBER_WORDS.join("|");

/**
 * A number as written: digits, a word, a word with the digits in brackets ("tre (3)", "thirty (30)"),
 * digits with the word in brackets ("30 (thirty)", "14 (fjorten)"), "twenty-five".
 */
export const NUMBER_PATTERN =
  `(?<![\\p{L}\\d])(?:\\d+(?:\\s*\\((?:${WORDS})\\))?|(?:${WORDS})(?:\\s*\\(\\d+\\))?)` +
  // No letter after it, but the hour's abbreviation after digits ("72h", "24hrs").
  `(?!\\d)(?:(?![\\p{L}])|(?<=\\d)(?=h(?:rs?)?(?![\\p{L}])))`;

/** The value of a NUMBER_PATTERN match; the digits win, as they are what the parties meant. */
export function parseNumber(written: string): number | null {
  const digits = /\((\d+)\)/.exec(written) ?? /^\s*(\d+)/.exec(written);
  if (digits) return Number(digits[1]);
  return parseNumberWord(written.replace(/\s+/g, " ").trim());
}

export type DurationUnit = "hour" | "day" | "week" | "month" | "year";

export interface Duration {
  amount: number;
  unit: DurationUnit;
}

// Unit words in their Danish inflections ("dage", "dages", "dags", "måneds", "måneders") and English.
// Also calendar days and weekdays ("30 kalenderdage", "5 hverdage", "30 calendar days"), "24 timers varsel" and the
// abbreviated month ("3 mdr.").
const UNIT_WORDS: [RegExp, DurationUnit][] = [
  // "72h", "24 hrs": the hour abbreviated.
  [/^(timers?|timer|time|hours?|hrs?|h)$/i, "hour"],
  [
    new RegExp(
      String.raw`^(dag|dage|dages|dags|døgn|days?['’]?|day['’]s|business days['’]?|working days['’]?|calendar d` +
        String.raw`ays['’]?|` +
        String.raw`arbejdsdage|arbejdsdages|kalenderdage|kalenderdages|hverdage|hverdages|bankdage|bankdages)$`,
      "i",
    ),
    "day",
  ],
  [/^(uge|uger|ugers|weeks?['’]?|week['’]s)$/i, "week"],
  [/^(måned|måneds|måneder|måneders|mdr\.?|md\.|months?['’]?|month['’]s)$/i, "month"],
  [/^(år|års|years?)$/i, "year"],
];

export const UNIT_PATTERN =
  "(?:timers|timer|time|hours|hour|arbejdsdages|arbejdsdage|kalenderdages|kalenderdage|hverdages|hverdage|bankd" +
  "ages|bankdage|business days'|business days’|business days|working days'|working days’|working days|calendar " +
  "days'|calendar days’|calendar days|dages|dags|dage|dag|d" +
  "øgn|days'|days’|days|day's|day’s|day|ugers|uger|uge|weeks'|weeks’|weeks|week's|week’" +
  "s|week|måneders|måneder|måneds|måned|mdr\\.|mdr|md\\.|months'|months’|months|month's|month’s|month|års|år" +
  "|years|year|hrs|hr|h)";

/** "72h", "24hrs": the hour's abbreviation written straight after the digits. */
const ABBREVIATED_HOUR = String.raw`(?<=\d)(?=h(?:rs?)?(?![\p{L}]))`;

/** A duration phrase: "tre (3) måneder", "45 dage", "en måneds", "one month's", "24 timer". */
export const DURATION_PATTERN = `(${NUMBER_PATTERN})(?:\\s+|-|${ABBREVIATED_HOUR})(${UNIT_PATTERN})(?![\\p{L}])`;

/**
 * A number left blank for the parties: "[X]", "[●]", "[antal]", "[ ]", "____", "{{days}}", "${hours}". Matched where
 * a number goes so the rules can mark the field unfilled; never read as a value.
 */
export const BLANK_NUMBER = String.raw`\[[^\]\d\n]{0,24}\]|_{3,}|\{\{[^}\n]{1,30}\}\}|\$\{[^}\n]{1,30}\}`;

/**
 * A duration whose number may be bracketed as a template's blank ("[24] timer", "*[30]* dage"): the
 * rules match it so they can say it is unfilled rather than miss it.
 */
export const BRACKETED_DURATION =
  `(?:[*_]*\\[?[*_]*(?:${NUMBER_PATTERN})[*_]*\\]?[*_]*|${BLANK_NUMBER})` +
  `(?:\\s+|${ABBREVIATED_HOUR})(?:${UNIT_PATTERN})(?![\\p{L}])`;

/** The same phrase without capturing groups, to embed in a larger pattern's own group. */
export const DURATION_PHRASE = `(?:${NUMBER_PATTERN})(?:\\s+|-|${ABBREVIATED_HOUR})(?:${UNIT_PATTERN})(?![\\p{L}])`;

export function parseDuration(phrase: string): Duration | null {
  const m = new RegExp(DURATION_PATTERN, "iu").exec(phrase);
  if (!m) return null;
  const amount = parseNumber(m[1]);
  const unit = UNIT_WORDS.find(([re]) => re.test(m[2]))?.[1];
  return amount === null || !unit ? null : { amount, unit };
}

/** Days in a duration: a month counts as 30 days, a year as 365 (the usual reading of a notice period). */
export function durationInDays(d: Duration): number {
  const perUnit: Record<DurationUnit, number> = { hour: 1 / 24, day: 1, week: 7, month: 30, year: 365 };
  // "12 months", "24 months": whole years, counted as years are.
  if (d.unit === "month" && d.amount >= 12 && d.amount % 12 === 0) return (d.amount / 12) * 365;
  return Math.round(d.amount * perUnit[d.unit]);
}

export function durationInHours(d: Duration): number {
  const perUnit: Record<DurationUnit, number> = { hour: 1, day: 24, week: 168, month: 720, year: 8760 };
  return d.amount * perUnit[d.unit];
}

export function durationInMonths(d: Duration): number {
  const perUnit: Record<DurationUnit, number> = { hour: 1 / 720, day: 1 / 30, week: 7 / 30, month: 1, year: 12 };
  return Math.round(d.amount * perUnit[d.unit]);
}

// How often: each entry is a phrase pattern and the months between two audits.
const INTERVAL_PHRASES: [RegExp, (m: RegExpExecArray) => number | null][] = [
  [new RegExp(`hvert?\\s+(${NUMBER_PATTERN}|andet|tredje)\\.?\\s+(år|måned)`, "iu"), (m) => everyN(m[1], m[2])],
  [new RegExp(`every\\s+(${NUMBER_PATTERN}|second|other|third)\\s+(years?|months?)`, "iu"), (m) => everyN(m[1], m[2])],
  [/(every|hver)\s+(year|år)(?!\p{L})/iu, () => 12],
  // "once per twelve-month period", "once in any 12 month period", "én gang inden for 12 måneder".
  [
    new RegExp(
      // "once in a twelve (12) calendar months period": the article and "calendar" may stand in it.
      `(?:once|one time|én gang|en gang|1 gang)\\s+(?:per|in any|in each|in a|every|each|within any|within a|pr\\.|` +
        `inden for|i løbet af)` +
        `\\s+(?:a\\s+|en\\s+)?(${NUMBER_PATTERN})(?:\\s+|-)(?:calendar\\s+|consecutive\\s+)?` +
        `(months?|måneder|måneders|years?|år)`,
      "iu",
    ),
    (m) => everyN(m[1], m[2]),
  ],
  // "once per calendar year", "one time each contract year", "én gang pr. kalenderår", "hvert kalenderår".
  [
    new RegExp(
      String.raw`(?<!\p{L})(?:(?:once|one time|én gang|en gang|1 gang)\s+(?:per|a|in any|in each|in a|every|eac` +
        String.raw`h|pr\.?|om|i|hvert|inden for et)|every|each|hvert|hver)\s+(?:calendar\s+|contract\s+|fiscal\s+|` +
        String.raw`financial\s+)?(?:kalenderår|regnskabsår|kontraktår|year|år)(?!\p{L})`,
      "iu",
    ),
    () => 12,
  ],
  [
    new RegExp(
      String.raw`(?<!\p{L})(?:twice|two times|to gange|2 gange)\s+(?:per|a|in any|in each|each|every|pr\.?|om|i|` +
        String.raw`hvert)\s+(?:calendar\s+|contract\s+)?(?:kalenderår|year|år)(?!\p{L})`,
      "iu",
    ),
    () => 6,
  ],
  [/(?<!\p{L})(halvårligt|semi-annually|twice a year|to gange årligt|2 gange årligt)/iu, () => 6],
  [/(?<!\p{L})(kvartalsvis|quarterly)/iu, () => 3],
  // "up to one remote audit request per year", "one audit per calendar year", "én revision om året": one audit counted
  // per year.
  [
    new RegExp(
      String.raw`(?<!\p{L})(?:one|1|én|en)\s+(?:[\p{L}-]+\s+){0,2}?(?:audits?|inspections?|revision|inspektio` +
        String.raw`n|tilsyn|kontrol)(?:\s+(?:requests?|visits?|besøg))?\s+(?:per|a|each|every|pr\.?|om|i|hver` +
        String.raw`t)\s+(?:calendar\s+|contract\s+)?(?:kalenderår|year|året|år)(?!\p{L})`,
      "iu",
    ),
    () => 12,
  ],
  // "no more than one (1) audit per twelve (12) month period": one audit counted per a number of months.
  [
    new RegExp(
      String.raw`(?<!\p{L})(?:one|1)(?:\s*\(1\))?\s+(?:[\p{L}-]+\s+){0,2}?(?:audits?|inspections?)\s+(?:per|in any|i` +
        `n each|every|each|within any)\\s+(?:a\\s+)?(${NUMBER_PATTERN})(?:\\s+|-)(?:calendar\\s+|consecutive\\s+)?` +
        `(months?|years?)`,
      "iu",
    ),
    (m) => everyN(m[1], m[2]),
  ],
  [
    new RegExp(
      String.raw`(?<!\p{L})(årligt|årlig|én gang om året|en gang om året|1 gang om året|gang årligt|annually|` +
        String.raw`annual|once a year|once per year|each year|every year|hvert år|om året)`,
      "iu",
    ),
    () => 12,
  ],
];

function everyN(n: string, unit: string): number | null {
  const ordinals: Record<string, number> = { andet: 2, second: 2, other: 2, tredje: 3, third: 3 };
  const count = ordinals[n.toLowerCase()] ?? parseNumber(n);
  if (count === null) return null;
  return /^(år|year)/i.test(unit) ? count * 12 : count;
}

/** Months between audits from a phrase such as "mindst 1 gang årligt" (12) or "hvert andet år" (24). */
export function parseIntervalMonths(phrase: string): number | null {
  for (const [re, read] of INTERVAL_PHRASES) {
    const m = re.exec(phrase);
    if (m) return read(m);
  }
  return null;
}

/** Every interval phrase in a text, with its offset, so the caller can cite it. */
export function findIntervals(text: string): { index: number; match: string; months: number }[] {
  const found: { index: number; match: string; months: number }[] = [];
  const taken: [number, number][] = [];
  for (const [re, read] of INTERVAL_PHRASES) {
    const global = new RegExp(re.source, re.flags.includes("g") ? re.flags : re.flags + "g");
    for (const m of text.matchAll(global)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      const months = read(m as unknown as RegExpExecArray);
      if (months === null) continue;
      taken.push([start, end]);
      found.push({ index: start, match: m[0], months });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

const MONTHS: Record<string, number> = {
  januar: 1,
  februar: 2,
  marts: 3,
  april: 4,
  maj: 5,
  juni: 6,
  juli: 7,
  august: 8,
  september: 9,
  oktober: 10,
  november: 11,
  december: 12,
  january: 1,
  february: 2,
  march: 3,
  may: 5,
  june: 6,
  july: 7,
  october: 10,
};

export const DAY_OF_YEAR_PATTERN =
  `(?:(\\d{1,2})\\.?\\s+(${Object.keys(MONTHS).join("|")})|(${Object.keys(MONTHS).join("|")})\\s+(\\d{1` +
  `,2})(?:st|nd|rd|th)?)(?![\\p{L}])`;

/** "den 1. januar" → "01-01", "1 January" → "01-01", "March 31st" → "03-31". */
export function parseDayOfYear(phrase: string): string | null {
  const m = new RegExp(DAY_OF_YEAR_PATTERN, "iu").exec(phrase);
  if (!m) return null;
  const day = Number(m[1] ?? m[4]);
  const month = MONTHS[(m[2] ?? m[3]).toLowerCase()];
  if (!month || day < 1 || day > 31) return null;
  return `${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
