import { decodeIdOf, fromGlobalId, toGlobalId } from "../../src/common/global-id";
import { isCountryCode } from "../../src/common/countries";
import {
  currentAgreementOf,
  inForceOn,
  latestActiveOf,
  outOfForceOf,
  successorStartOf,
} from "../../src/modules/agreements/agreement.rules";
import { isValidDueDay } from "../../src/common/dates";
import { AgreementKind, AgreementStatus } from "../../src/modules/agreements/agreement.enums";
import { generateApiKey, parseApiKey } from "../../src/modules/auth/api-key.secret";
import { createHash } from "node:crypto";
import { hoursLate, hoursToNotify, notifiedLate } from "../../src/modules/supervision/breach-notice.rules";

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
  const base = {
    id: "a",
    supersedesId: null,
    archivedAt: null,
    principalId: null,
    effectiveFrom: null,
    endOn: null,
    createdAt: new Date("2025-01-01"),
  };
  const day = "2026-07-01";
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
    expect(currentAgreementOf([sub, draft, dpa], day)).toBe(dpa);
    expect(currentAgreementOf([sub, draft], day)).toBe(sub);
    expect(currentAgreementOf([draft], day)).toBeNull();
  });
  test("the latest effective date wins among active DPAs", () => {
    const older = { ...base, kind: AgreementKind.DPA, status: AgreementStatus.ACTIVE, effectiveFrom: "2023-01-01" };
    const newer = { ...base, kind: AgreementKind.DPA, status: AgreementStatus.ACTIVE, effectiveFrom: "2025-05-01" };
    expect(currentAgreementOf([older, newer], day)).toBe(newer);
  });
  test("in force from effectiveFrom through endOn, both days included", () => {
    const dpa = {
      ...base,
      kind: AgreementKind.DPA,
      status: AgreementStatus.ACTIVE,
      effectiveFrom: "2026-01-01",
      endOn: "2026-12-31",
    };
    expect(currentAgreementOf([dpa], "2025-12-31")).toBeNull();
    expect(currentAgreementOf([dpa], "2026-01-01")).toBe(dpa);
    expect(currentAgreementOf([dpa], "2026-12-31")).toBe(dpa);
    expect(currentAgreementOf([dpa], "2027-01-01")).toBeNull();
    expect(latestActiveOf([dpa])).toBe(dpa); // what a renewal supersedes, in force or not
    expect(outOfForceOf([dpa], "2027-01-01")).toEqual({ agreement: dpa, endedOn: "2026-12-31", startsOn: null });
    expect(outOfForceOf([dpa], "2025-12-31")).toEqual({ agreement: dpa, endedOn: null, startsOn: "2026-01-01" });
    expect(outOfForceOf([dpa], "2026-06-01")).toBeNull();
  });
  test("an expired DPA gives way to a sub-processor agreement in force", () => {
    const expired = { ...base, kind: AgreementKind.DPA, status: AgreementStatus.ACTIVE, endOn: "2026-06-30" };
    const sub = {
      ...base,
      kind: AgreementKind.SUBPROCESSOR_AGREEMENT,
      status: AgreementStatus.ACTIVE,
      principalId: "p",
    };
    expect(currentAgreementOf([expired, sub], day)).toBe(sub);
  });
});

describe("a superseded version binds until its successor takes effect", () => {
  const v1 = {
    id: "v1",
    supersedesId: null as string | null,
    archivedAt: null as Date | null,
    kind: AgreementKind.DPA,
    principalId: null,
    status: AgreementStatus.SUPERSEDED,
    effectiveFrom: "2025-01-01" as string | null,
    endOn: null as string | null,
    createdAt: new Date("2025-01-01"),
  };
  const v2 = { ...v1, id: "v2", supersedesId: "v1", status: AgreementStatus.ACTIVE, effectiveFrom: "2027-01-01" };
  test("the superseded version is in force through the day before the successor's start, the successor from it", () => {
    expect(successorStartOf(v1, [v1, v2])).toBe("2027-01-01");
    expect(currentAgreementOf([v2, v1], "2026-12-07")).toBe(v1);
    expect(currentAgreementOf([v2, v1], "2026-12-31")).toBe(v1);
    expect(currentAgreementOf([v2, v1], "2027-01-01")).toBe(v2);
    expect(inForceOn(v1, "2027-01-01", [v1, v2])).toBe(false);
    // Not before its own start, not after its own end.
    expect(currentAgreementOf([v2, v1], "2024-12-31")).toBeNull();
    const ended = { ...v1, endOn: "2026-06-30" };
    expect(currentAgreementOf([v2, ended], "2026-06-30")).toBe(ended);
    expect(currentAgreementOf([v2, ended], "2026-07-01")).toBeNull();
    // Still SUPERSEDED: not what a new version supersedes, and nothing is out of force while it binds.
    expect(latestActiveOf([v1, v2])).toBe(v2);
    expect(outOfForceOf([v1, v2], "2026-12-07")).toBeNull();
  });
  test("the earliest of several successors ends it", () => {
    const v3 = { ...v2, id: "v3", effectiveFrom: "2026-09-01" };
    expect(successorStartOf(v1, [v1, v2, v3])).toBe("2026-09-01");
    expect(currentAgreementOf([v1, v2, v3], "2026-08-31")).toBe(v1);
    expect(currentAgreementOf([v1, v2, v3], "2026-09-01")).toBe(v3);
  });
  test("a successor without effectiveFrom, no successor on file, or only an archived one: it binds no more", () => {
    const undated = { ...v2, effectiveFrom: null };
    expect(successorStartOf(v1, [v1, undated])).toBeNull();
    expect(currentAgreementOf([v1, undated], "2026-12-07")).toBe(undated);
    expect(currentAgreementOf([v1], "2026-12-07")).toBeNull();
    expect(outOfForceOf([v1], "2026-12-07")).toBeNull(); // none ACTIVE: "none on file"
    const archived = { ...v2, archivedAt: new Date("2026-11-01") };
    expect(successorStartOf(v1, [v1, archived])).toBeNull();
    expect(currentAgreementOf([v1, archived], "2026-12-07")).toBeNull();
    expect(inForceOn(archived, "2027-06-01", [v1, archived])).toBe(false);
    // An archived successor beside a live one: the live one's start counts.
    expect(currentAgreementOf([v1, { ...archived, id: "v0", effectiveFrom: "2026-01-01" }, v2], "2026-12-07")).toBe(v1);
  });
  test("a draft or terminated agreement is never in force, whatever supersedes it", () => {
    for (const status of [AgreementStatus.DRAFT, AgreementStatus.TERMINATED])
      expect(inForceOn({ ...v1, status }, "2026-12-07", [v1, v2])).toBe(false);
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

describe("breach notice lateness", () => {
  const notice = (notifiedAt: string, limitHours: number | null = 24) => ({
    becameAwareAt: new Date("2026-10-01T00:00:00Z"),
    notifiedAt: new Date(notifiedAt),
    limitHours,
  });
  test("compares the exact times with the limit; the hours shown stay rounded", () => {
    expect(notifiedLate(notice("2026-10-02T00:00:00Z"))).toBe(false);
    expect(notifiedLate(notice("2026-10-02T00:00:01Z"))).toBe(true);
    expect(hoursToNotify(notice("2026-10-02T00:00:01Z"))).toBe(24);
    expect(notifiedLate(notice("2026-10-02T00:00:17.999Z"))).toBe(true);
    expect(notifiedLate(notice("2026-10-02T00:01:00Z"))).toBe(true);
    expect(hoursToNotify(notice("2026-10-02T00:01:00Z"))).toBe(24.02);
    expect(notifiedLate(notice("2026-10-01T23:59:59Z"))).toBe(false);
    expect(notifiedLate(notice("2026-10-05T00:00:00Z", null))).toBeNull();
  });
  test("hours late (the event's figure) are never 0 for a late notice: rounded up to the hundredth", () => {
    expect(hoursLate(notice("2026-10-02T00:00:01Z"))).toBe(0.01);
    expect(hoursLate(notice("2026-10-02T00:00:00Z"))).toBe(0);
    expect(hoursLate(notice("2026-10-02T01:30:00Z"))).toBe(1.5);
    expect(hoursLate(notice("2026-10-02T01:30:00Z", null))).toBeNull();
  });
});
