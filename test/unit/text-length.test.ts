// Limits count characters (code points): an emoji is one character, and a cut never halves one.
import { charCount, firstChars, withinChars } from "../../src/common/text-length";
import { correctionProblem } from "../../src/modules/dpa-import/draft-fields";

test("150 emoji are 150 characters, within a limit of 200", () => {
  const name = "🍎".repeat(150);
  expect(name.length).toBe(300);
  expect(charCount(name)).toBe(150);
  expect(withinChars(name, 200)).toBe(true);
  expect(withinChars("🍎".repeat(201), 200)).toBe(false);
});

test("firstChars cuts at a character, never inside an emoji", () => {
  expect(firstChars("ab🍎cd", 3)).toBe("ab🍎");
  expect(firstChars("🍎".repeat(300), 200)).toBe("🍎".repeat(200));
  expect(firstChars("short", 200)).toBe("short");
});

test("a DPA draft's party name of 150 emoji is a correction within 200 characters, as createProcessor takes it", () => {
  expect(correctionProblem("parties.PROCESSOR.name", "🍎".repeat(150))).toBeNull();
  expect(correctionProblem("parties.PROCESSOR.name", "🍎".repeat(201))?.message).toMatch(/at most 200 characters/);
});
