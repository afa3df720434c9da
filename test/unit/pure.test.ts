import { decodeIdOf, fromGlobalId, toGlobalId } from "../../src/common/global-id";
import { isCountryCode } from "../../src/common/countries";
import { currentAgreementOf } from "../../src/modules/agreements/agreement.rules";
import { isValidDueDay } from "../../src/common/dates";
import { AgreementKind, AgreementStatus } from "../../src/modules/agreements/agreement.enums";
import { generateApiKey, parseApiKey } from "../../src/modules/auth/api-key.secret";
import { createHash } from "node:crypto";

const UUID = "0b3c2a4e-6f1d-4c7e-9a2b-1f2e3d4c5b6a";

describe("global ids", () => {
  test("round-trip and type check", () => {
    const id = toGlobalId("Processor", UUID);
    expect(id).not.toContain(UUID);
    expect(fromGlobalId(id)).toEqual({ typeName: "Processor", id: UUID });
    expect(decodeIdOf("Processor", id)).toBe(UUID);
    expect(decodeIdOf("Agreement", id)).toBeNull();
  });
  test.each(["", "x", "UHJvY2Vzc29yOg", Buffer.from("Processor:not-a-uuid").toString("base64url"), "a".repeat(500)])(
    "rejects %p",
    (bad) => {
      expect(fromGlobalId(bad)).toBeNull();
    },
  );
});

describe("country codes (ISO 3166-1 alpha-2)", () => {
  test.each(["DK", "DE", "US", "GL", "FO", "IE"])("accepts %s", (c) => expect(isCountryCode(c)).toBe(true));
  test.each(["XX", "UK", "EU", "dk", "DNK", "", "D"])("rejects %p", (c) => expect(isCountryCode(c)).toBe(false));
});

describe("currentAgreementOf", () => {
  const base = { principalId: null, effectiveFrom: null, createdAt: new Date("2025-01-01") };
  test("prefers the controller's active DPA over a sub-processor agreement and ignores drafts", () => {
    const dpa = { ...base, kind: AgreementKind.DPA, status: AgreementStatus.ACTIVE };
    const sub = {
      ...base,
      kind: AgreementKind.SUBPROCESSOR_AGREEMENT,
      status: AgreementStatus.ACTIVE,
      principalId: "p",
      effectiveFrom: "2026-01-01",
    };
    const draft = { ...base, kind: AgreementKind.DPA, status: AgreementStatus.DRAFT, effectiveFrom: "2026-06-01" };
    expect(currentAgreementOf([sub, draft, dpa])).toBe(dpa);
    expect(currentAgreementOf([sub, draft])).toBe(sub);
    expect(currentAgreementOf([draft])).toBeNull();
  });
  test("the latest effective date wins among active DPAs", () => {
    const older = { ...base, kind: AgreementKind.DPA, status: AgreementStatus.ACTIVE, effectiveFrom: "2023-01-01" };
    const newer = { ...base, kind: AgreementKind.DPA, status: AgreementStatus.ACTIVE, effectiveFrom: "2025-05-01" };
    expect(currentAgreementOf([older, newer])).toBe(newer);
  });
});

describe("isValidDueDay", () => {
  test.each(["01-01", "02-29", "12-31", "06-30"])("accepts %s", (d) => expect(isValidDueDay(d)).toBe(true));
  test.each(["02-30", "04-31", "13-01", "00-10", "1-1", "01/01"])("rejects %s", (d) =>
    expect(isValidDueDay(d)).toBe(false),
  );
});

describe("API keys", () => {
  test("a generated key parses back and its secret hashes to the stored digest", () => {
    const { key, prefix, secretSha256 } = generateApiKey();
    const parsed = parseApiKey(key)!;
    expect(parsed.prefix).toBe(prefix);
    expect(createHash("sha256").update(parsed.secret).digest().equals(secretSha256)).toBe(true);
    expect(generateApiKey().key).not.toBe(key);
  });
  test.each(["", "tsk_abc.def", "Bearer x", "tsk_0123456789ab"])("rejects %p", (k) =>
    expect(parseApiKey(k)).toBeNull(),
  );
});
