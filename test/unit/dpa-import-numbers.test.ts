// Danish and English number words, durations, audit intervals and calendar days as DPAs write them.
import {
  durationInDays,
  durationInHours,
  durationInMonths,
  findIntervals,
  parseDayOfYear,
  parseDuration,
  parseIntervalMonths,
  parseNumber,
  parseNumberWord,
} from "../../src/modules/dpa-import/extract/numbers";

describe("number words", () => {
  test.each([
    ["en", 1],
    ["et", 1],
    ["to", 2],
    ["tre", 3],
    ["fire", 4],
    ["fem", 5],
    ["seks", 6],
    ["syv", 7],
    ["otte", 8],
    ["ni", 9],
    ["ti", 10],
    ["elleve", 11],
    ["tolv", 12],
    ["fjorten", 14],
    ["femten", 15],
    ["tyve", 20],
    ["enogtyve", 21],
    ["femogtyve", 25],
    ["tredive", 30],
    ["femogfyrre", 45],
    ["otteogfyrre", 48],
    ["halvtreds", 50],
    ["tres", 60],
    ["halvfjerds", 70],
    ["firs", 80],
    ["halvfems", 90],
    ["niogfirs", 89],
    ["one", 1],
    ["three", 3],
    ["twelve", 12],
    ["twenty-four", 24],
    ["thirty-six", 36],
    ["ninety", 90],
    ["45", 45],
  ])("%s → %d", (word, n) => expect(parseNumberWord(word)).toBe(n));

  test("words that are not numbers", () => {
    expect(parseNumberWord("måned")).toBeNull();
    expect(parseNumberWord("ogtyve")).toBeNull();
  });

  test("bracketed digits win over the word", () => {
    expect(parseNumber("tre (3)")).toBe(3);
    expect(parseNumber("thirty (30)")).toBe(30);
  });
});

describe("durations", () => {
  test.each([
    ["en måneds varsel", 1, "month", 30],
    ["mindst en måneders varsel", 1, "month", 30],
    ["tre (3) måneder", 3, "month", 90],
    ["45 dage inden", 45, "day", 45],
    ["30 dags varsel", 30, "day", 30],
    ["med mindst 30 dages varsel", 30, "day", 30],
    ["tre ugers varsel", 3, "week", 21],
    ["10 arbejdsdages varsel", 10, "day", 10],
    ["one month's notice", 1, "month", 30],
    ["three (3) months", 3, "month", 90],
    ["30 days' notice", 30, "day", 30],
    ["fem (5) år", 5, "year", 1825],
    // Calendar days, weekdays, the abbreviated month, weeks (issue 17, seventh round).
    ["mindst 30 kalenderdages varsel", 30, "day", 30],
    ["inden 5 hverdage", 5, "day", 5],
    ["thirty (30) calendar days' notice", 30, "day", 30],
    ["inden for 3 mdr. efter ophør", 3, "month", 90],
    ["not less than 4 weeks", 4, "week", 28],
    ["4 uger", 4, "week", 28],
  ])("%s", (phrase, amount, unit, days) => {
    const d = parseDuration(phrase)!;
    expect(d).toEqual({ amount, unit });
    expect(durationInDays(d)).toBe(days);
  });

  test("breach deadlines in hours", () => {
    expect(durationInHours(parseDuration("senest 24 timer")!)).toBe(24);
    expect(durationInHours(parseDuration("senest otteogfyrre (48) timer")!)).toBe(48);
    expect(durationInHours(parseDuration("within 24 hours")!)).toBe(24);
    expect(durationInHours(parseDuration("inden for to døgn")!)).toBe(48);
    expect(durationInHours(parseDuration("med 24 timers varsel")!)).toBe(24);
  });

  test("no number, no duration", () => {
    expect(parseDuration("uden unødig forsinkelse")).toBeNull();
    expect(parseDuration("without undue delay")).toBeNull();
  });

  test("a month is one month, not 30, for month fields", () => {
    expect(durationInMonths(parseDuration("en måned")!)).toBe(1);
    expect(durationInMonths(parseDuration("to år")!)).toBe(24);
  });
});

describe("audit intervals", () => {
  test.each([
    ["mindst 1 gang årligt", 12],
    ["årligt", 12],
    ["En gang om året", 12],
    ["mindst hver 12. måned", 12],
    ["hvert andet år", 24],
    ["hvert tredje år", 36],
    ["halvårligt", 6],
    ["kvartalsvis", 3],
    ["at least once a year", 12],
    ["annually", 12],
    ["every second year", 24],
    ["every two years", 24],
    ["every 6 months", 6],
  ])("%s → %d months", (phrase, months) => expect(parseIntervalMonths(phrase)).toBe(months));

  test("no interval", () => expect(parseIntervalMonths("efter behov")).toBeNull());

  test("each phrase once, with its offset", () => {
    const text = "Rapporten sendes årligt, og en inspektion sker hvert andet år.";
    expect(findIntervals(text).map((i) => [i.match, i.months])).toEqual([
      ["årligt", 12],
      ["hvert andet år", 24],
    ]);
    expect(text.slice(findIntervals(text)[1].index).startsWith("hvert andet år")).toBe(true);
  });
});

describe("calendar days", () => {
  test.each([
    ["den 1. januar", "01-01"],
    ["senest den 31. marts", "03-31"],
    ["den 30. april", "04-30"],
    ["by 1 January", "01-01"],
    ["on March 31st", "03-31"],
    ["1 February", "02-01"],
  ])("%s → %s", (phrase, day) => expect(parseDayOfYear(phrase)).toBe(day));

  test("not a day", () => {
    expect(parseDayOfYear("den 1. gang")).toBeNull();
    expect(parseDayOfYear("den 32. januar")).toBeNull();
  });
});
