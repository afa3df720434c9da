import data from "../../src/reference/transfer-rules.json";
import { isCountryCode } from "../../src/common/countries";
import { TransferMechanism } from "../../src/modules/subprocessors/engagement.entity";
import { ThirdCountryTransfers } from "../../src/modules/agreements/agreement.enums";
import {
  CLASS_ORDER,
  adequacyDecisionOn,
  adequacyDecisionsOn,
  assessHop,
  classifyCountry,
  countryName,
  isEeaMember,
  isIsoDate,
  worseClass,
  type RecipientFacts,
} from "../../src/modules/transfers/transfer-rules";

const NOT_CERTIFIED: RecipientFacts = { dpfCertifiedSince: null };
const CERTIFIED_2024: RecipientFacts = { dpfCertifiedSince: "2024-01-01" };
const TODAY = "2026-03-01";

const classOf = (country: string, on: string, recipient: RecipientFacts = NOT_CERTIFIED) =>
  classifyCountry(country, on, recipient).countryClass;

describe("EEA membership", () => {
  test.each(["DK", "DE", "NO", "IS", "LI", "FR", "IE", "NL"])("%s is EEA today", (c) => {
    expect(isEeaMember(c, TODAY)).toBe(true);
    expect(classOf(c, TODAY)).toBe("EEA");
  });

  test("Croatia joins on 2013-07-01", () => {
    expect(isEeaMember("HR", "2013-06-30")).toBe(false);
    expect(classOf("HR", "2013-06-30")).toBe("THIRD_COUNTRY");
    expect(isEeaMember("HR", "2013-07-01")).toBe(true);
    expect(classOf("HR", "2013-07-01")).toBe("EEA");
  });

  test("Liechtenstein joins the EEA on 1995-05-01, Norway on 1994-01-01", () => {
    expect(isEeaMember("LI", "1995-04-30")).toBe(false);
    expect(isEeaMember("LI", "1995-05-01")).toBe(true);
    expect(isEeaMember("NO", "1993-12-31")).toBe(false);
    expect(isEeaMember("NO", "1994-01-01")).toBe(true);
  });

  test.each(["GF", "GP", "MQ", "RE", "YT", "MF", "AX"])("outermost region / EU territory %s is EEA", (c) => {
    expect(classOf(c, TODAY)).toBe("EEA");
  });

  test("lower-case input is accepted", () => {
    expect(isEeaMember("dk", TODAY)).toBe(true);
  });

  test("rejects a malformed date", () => {
    expect(() => isEeaMember("DK", "2026-13-01")).toThrow(RangeError);
    expect(() => classifyCountry("DK", "01-03-2026", NOT_CERTIFIED)).toThrow(RangeError);
  });

  test("rejects a malformed date right after a good one (the day accepted last is kept), and an empty one", () => {
    expect(isEeaMember("DK", TODAY)).toBe(true);
    expect(() => isEeaMember("DK", "2026-02-30")).toThrow(RangeError);
    expect(() => isEeaMember("DK", "")).toThrow(RangeError);
    expect(isEeaMember("DK", TODAY)).toBe(true);
  });
});

describe("edge territories", () => {
  test("Greenland is a third country", () => {
    const a = classifyCountry("GL", TODAY, NOT_CERTIFIED);
    expect(a.countryClass).toBe("THIRD_COUNTRY");
    expect(a.adequacy).toBeNull();
    expect(a.explanation).toContain("Greenland");
  });
  test("Faroe Islands are adequate", () => {
    const a = classifyCountry("FO", TODAY, NOT_CERTIFIED);
    expect(a.countryClass).toBe("ADEQUATE");
    expect(a.adequacy?.id).toBe("fo-2010");
  });
  test("Gibraltar is not covered by the UK decision", () => {
    expect(classOf("GI", TODAY)).toBe("THIRD_COUNTRY");
  });
  test("Svalbard is not covered by the EEA Agreement", () => {
    expect(classOf("SJ", TODAY)).toBe("THIRD_COUNTRY");
    expect(isEeaMember("SJ", TODAY)).toBe(false);
  });
});

describe("United Kingdom", () => {
  test("EEA during the transition period", () => {
    expect(classOf("GB", "2020-06-01")).toBe("EEA");
    expect(classOf("GB", "2020-12-31")).toBe("EEA");
  });
  test("third country between the end of the transition period and the first decision", () => {
    const a = classifyCountry("GB", "2021-03-01", NOT_CERTIFIED);
    expect(a.countryClass).toBe("THIRD_COUNTRY");
    expect(a.explanation).toContain("2020-12-31");
  });
  test("adequate under the 2021 decision", () => {
    const a = classifyCountry("GB", "2022-01-01", NOT_CERTIFIED);
    expect(a.countryClass).toBe("ADEQUATE");
    expect(a.adequacy?.id).toBe("uk-2021");
  });
  test("the extended 2021 decision runs to 2025-12-27, the renewal from 2025-12-28", () => {
    expect(adequacyDecisionOn("GB", "2025-12-27")?.id).toBe("uk-2021");
    expect(adequacyDecisionOn("GB", "2025-12-28")?.id).toBe("uk-2025");
  });
  test("adequate under the renewal", () => {
    const a = classifyCountry("GB", "2026-06-01", NOT_CERTIFIED);
    expect(a.countryClass).toBe("ADEQUATE");
    expect(a.adequacy?.id).toBe("uk-2025");
    expect(a.adequacy?.validTo).toBe("2031-12-27");
  });
});

describe("United States", () => {
  test("third country for a recipient not certified under the DPF", () => {
    const a = classifyCountry("US", "2025-01-01", NOT_CERTIFIED);
    expect(a.countryClass).toBe("THIRD_COUNTRY");
    expect(a.adequacy).toBeNull();
    expect(a.explanation).toMatch(/Data Privacy Framework/);
    expect(a.explanation).toMatch(/not recorded as certified/);
  });
  test("adequate for a recipient certified since 2024-01-01", () => {
    const a = classifyCountry("US", "2025-01-01", CERTIFIED_2024);
    expect(a.countryClass).toBe("ADEQUATE");
    expect(a.adequacy?.id).toBe("us-dpf-2023");
    expect(a.adequacy?.scope).toBe("DPF_CERTIFIED_ONLY");
  });
  test("third country before the recipient's certification date", () => {
    const a = classifyCountry("US", "2023-12-31", CERTIFIED_2024);
    expect(a.countryClass).toBe("THIRD_COUNTRY");
    expect(a.explanation).toContain("2024-01-01");
  });
  test("third country between Privacy Shield and the DPF, even for a certified recipient", () => {
    expect(classOf("US", "2022-01-01", CERTIFIED_2024)).toBe("THIRD_COUNTRY");
    expect(classOf("US", "2022-01-01", { dpfCertifiedSince: "2017-01-01" })).toBe("THIRD_COUNTRY");
    expect(adequacyDecisionOn("US", "2022-01-01")).toBeNull();
  });
  test("Privacy Shield and Safe Harbour were self-certification decisions, ended by Schrems II and I", () => {
    const ps = adequacyDecisionOn("US", "2019-01-01");
    expect(ps?.id).toBe("us-privacy-shield-2016");
    expect(ps?.scope).toBe("SELF_CERTIFIED_ONLY");
    expect(classOf("US", "2019-01-01", { dpfCertifiedSince: "2017-01-01" })).toBe("ADEQUATE");
    expect(classOf("US", "2019-01-01", NOT_CERTIFIED)).toBe("THIRD_COUNTRY");
    expect(adequacyDecisionOn("US", "2020-07-16")).toBeNull();
    expect(adequacyDecisionOn("US", "2010-01-01")?.id).toBe("us-safe-harbour-2000");
    expect(adequacyDecisionOn("US", "2015-10-06")).toBeNull();
  });
});

describe("other adequacy decisions", () => {
  test("Brazil: third country before 2026-02-09, adequate after", () => {
    expect(classOf("BR", "2025-12-31")).toBe("THIRD_COUNTRY");
    expect(classOf("BR", "2026-03-01")).toBe("ADEQUATE");
  });
  test("Canada is adequate for commercial organisations only", () => {
    const a = classifyCountry("CA", TODAY, NOT_CERTIFIED);
    expect(a.countryClass).toBe("ADEQUATE");
    expect(a.adequacy?.scope).toBe("COMMERCIAL_ONLY");
    expect(a.explanation).toMatch(/commercial/);
  });
  test("Japan is adequate for the private sector from 2019-01-23", () => {
    expect(classifyCountry("JP", TODAY, NOT_CERTIFIED).adequacy?.scope).toBe("PRIVATE_SECTOR");
    expect(classOf("JP", "2019-01-22")).toBe("THIRD_COUNTRY");
    expect(classOf("JP", "2019-01-23")).toBe("ADEQUATE");
  });
  test.each(["AD", "AR", "FO", "GG", "IM", "IL", "JE", "NZ", "CH", "UY", "KR"])("%s is adequate today", (c) => {
    expect(classOf(c, TODAY)).toBe("ADEQUATE");
  });
  test("China is a third country", () => {
    expect(classOf("CN", TODAY)).toBe("THIRD_COUNTRY");
  });
  test("adequacyDecisionsOn lists the decisions in force on a date", () => {
    const ids = adequacyDecisionsOn(TODAY).map((d) => d.id);
    expect(ids).toEqual(
      expect.arrayContaining(["uk-2025", "us-dpf-2023", "br-2026", "ca-2001", "jp-2019", "kr-2021", "ch-2000"]),
    );
    expect(ids).not.toContain("uk-2021");
    expect(ids).not.toContain("us-privacy-shield-2016");
    expect(adequacyDecisionsOn("2022-01-01").map((d) => d.jurisdiction)).not.toContain("US");
  });
});

describe("country names", () => {
  test("English and Danish, with fallback to the code", () => {
    expect(countryName("US")).toBe("United States");
    expect(countryName("DE", "da")).toBe("Tyskland");
    expect(countryName("not-a-code")).toBe("not-a-code");
  });
});

describe("worseClass", () => {
  test("ordering EEA < ADEQUATE < THIRD_COUNTRY", () => {
    expect(CLASS_ORDER.EEA).toBeLessThan(CLASS_ORDER.ADEQUATE);
    expect(CLASS_ORDER.ADEQUATE).toBeLessThan(CLASS_ORDER.THIRD_COUNTRY);
    expect(worseClass("EEA", "ADEQUATE")).toBe("ADEQUATE");
    expect(worseClass("THIRD_COUNTRY", "ADEQUATE")).toBe("THIRD_COUNTRY");
    expect(worseClass("ADEQUATE", "EEA")).toBe("ADEQUATE");
    expect(worseClass("EEA", "EEA")).toBe("EEA");
    expect(worseClass(null, "EEA")).toBe("EEA");
    expect(worseClass("THIRD_COUNTRY", null)).toBe("THIRD_COUNTRY");
    expect(worseClass(null, null)).toBeNull();
  });
});

describe("assessHop", () => {
  const base = {
    on: "2025-06-01",
    recipient: NOT_CERTIFIED,
    agreementPolicy: ThirdCountryTransfers.ALLOWED_WITH_SAFEGUARDS,
  };
  const kinds = (r: ReturnType<typeof assessHop>) => r.findings.map((f) => f.kind);

  test("no country stated, relies on SCC (Intercom-like): assumed third country, location not stated", () => {
    const r = assessHop({ ...base, countries: [], mechanism: TransferMechanism.SCC });
    expect(r.destinations).toHaveLength(1);
    expect(r.destinations[0]).toMatchObject({ country: null, countryClass: "THIRD_COUNTRY", adequacy: null });
    expect(r.destinations[0].explanation).toContain("SCC");
    expect(r.worstClass).toBe("THIRD_COUNTRY");
    expect(kinds(r)).toEqual(["LOCATION_NOT_STATED"]);
    expect(kinds(r)).not.toContain("NO_VALID_MECHANISM");
  });

  test("no country stated and no transfer tool: no destinations", () => {
    for (const mechanism of [TransferMechanism.NOT_NEEDED_EEA, TransferMechanism.ADEQUACY, TransferMechanism.UNKNOWN]) {
      const r = assessHop({ ...base, countries: [], mechanism });
      expect(r.destinations).toEqual([]);
      expect(r.worstClass).toBeNull();
      expect(kinds(r)).toEqual(["LOCATION_NOT_STATED"]);
    }
  });

  test("US hop under UNKNOWN has no valid mechanism", () => {
    const r = assessHop({ ...base, countries: ["US"], mechanism: TransferMechanism.UNKNOWN });
    expect(r.worstClass).toBe("THIRD_COUNTRY");
    expect(kinds(r)).toEqual(["NO_VALID_MECHANISM"]);
    expect(r.findings[0].country).toBe("US");
    expect(r.findings[0].message).toContain("United States (US)");
    expect(r.findings[0].message).toContain("UNKNOWN");
  });

  test("US hop under NOT_NEEDED_EEA names the mechanism", () => {
    const r = assessHop({ ...base, countries: ["US"], mechanism: TransferMechanism.NOT_NEEDED_EEA });
    expect(r.findings[0].message).toBe(
      "Transfer to United States (US) has no valid transfer mechanism: the engagement records NOT_NEEDED_EEA.",
    );
  });

  test("US hop under DPF with a non-certified recipient", () => {
    const r = assessHop({ ...base, countries: ["US"], mechanism: TransferMechanism.DPF });
    expect(kinds(r)).toEqual(["DPF_RECIPIENT_NOT_CERTIFIED"]);
  });

  test("US hop under DPF with a certified recipient is adequate and clean", () => {
    const r = assessHop({ ...base, countries: ["US"], mechanism: TransferMechanism.DPF, recipient: CERTIFIED_2024 });
    expect(r.worstClass).toBe("ADEQUATE");
    expect(r.findings).toEqual([]);
  });

  test("DPF claimed for a non-US third country is not a valid mechanism", () => {
    const r = assessHop({ ...base, countries: ["IN"], mechanism: TransferMechanism.DPF, recipient: CERTIFIED_2024 });
    expect(kinds(r)).toEqual(["NO_VALID_MECHANISM"]);
  });

  test("DPF claimed for a certified US recipient before the DPF existed", () => {
    const r = assessHop({
      ...base,
      on: "2022-01-01",
      countries: ["US"],
      mechanism: TransferMechanism.DPF,
      recipient: { dpfCertifiedSince: "2017-01-01" },
    });
    expect(kinds(r)).toEqual(["NO_VALID_MECHANISM"]);
  });

  test("US hop under SCC with an agreement that prohibits third-country transfers", () => {
    const r = assessHop({
      ...base,
      countries: ["US"],
      mechanism: TransferMechanism.SCC,
      agreementPolicy: ThirdCountryTransfers.PROHIBITED,
    });
    expect(kinds(r)).toEqual(["PROHIBITED_BY_AGREEMENT"]);
    expect(r.findings[0].message).toMatch(/^Breach of the agreement/);
  });

  test("SCC hop to the US under a permissive agreement is clean", () => {
    const r = assessHop({
      ...base,
      countries: ["US"],
      mechanism: TransferMechanism.SCC,
      agreementPolicy: ThirdCountryTransfers.ALLOWED,
    });
    expect(r.findings).toEqual([]);
  });

  test("NL + IE under NOT_NEEDED_EEA", () => {
    const r = assessHop({
      ...base,
      countries: ["NL", "IE"],
      mechanism: TransferMechanism.NOT_NEEDED_EEA,
      agreementPolicy: ThirdCountryTransfers.PROHIBITED,
    });
    expect(r.destinations.map((d) => d.country)).toEqual(["NL", "IE"]);
    expect(r.worstClass).toBe("EEA");
    expect(r.findings).toEqual([]);
  });

  test(
    "mixed hop: worst class wins; the ban covers adequate countries too, a " +
      "missing mechanism only the third country",
    () => {
      const r = assessHop({
        ...base,
        countries: ["DE", "CH", "IN", "de"],
        mechanism: TransferMechanism.ADEQUACY,
        agreementPolicy: ThirdCountryTransfers.PROHIBITED,
      });
      expect(r.destinations.map((d) => [d.country, d.countryClass])).toEqual([
        ["DE", "EEA"],
        ["CH", "ADEQUATE"],
        ["IN", "THIRD_COUNTRY"],
      ]);
      expect(r.worstClass).toBe("THIRD_COUNTRY");
      expect(r.findings.map((f) => [f.kind, f.country])).toEqual([
        ["NO_VALID_MECHANISM", "IN"],
        ["PROHIBITED_BY_AGREEMENT", "CH"],
        ["PROHIBITED_BY_AGREEMENT", "IN"],
      ]);
    },
  );
});

describe("reference data integrity (transfer-rules.json)", () => {
  const periods = [
    ...data.eeaMembership.map((m) => ({
      label: `eea:${m.country}`,
      key: `eea:${m.country}`,
      code: m.country,
      validFrom: m.validFrom,
      validTo: m.validTo as string | null,
    })),
    ...data.adequacyDecisions.map((d) => ({
      label: `adequacy:${d.id}`,
      key: `adequacy:${d.jurisdiction}`,
      code: d.jurisdiction,
      validFrom: d.validFrom,
      validTo: d.validTo as string | null,
    })),
  ];

  test("version is a date and sources are listed", () => {
    expect(isIsoDate(data.version)).toBe(true);
    expect(data.sources.length).toBeGreaterThan(0);
  });

  test.each(periods.map((p) => [p.label, p] as const))("%s: valid code and dates", (_label, p) => {
    expect(isCountryCode(p.code)).toBe(true);
    expect(isIsoDate(p.validFrom)).toBe(true);
    if (p.validTo !== null) {
      expect(isIsoDate(p.validTo)).toBe(true);
      expect(p.validFrom <= p.validTo).toBe(true);
    }
  });

  test("no two periods of the same kind overlap for the same jurisdiction", () => {
    const overlaps: string[] = [];
    for (let i = 0; i < periods.length; i++) {
      for (let j = i + 1; j < periods.length; j++) {
        const a = periods[i];
        const b = periods[j];
        if (a.key !== b.key) continue;
        const aEnd = a.validTo ?? "9999-12-31";
        const bEnd = b.validTo ?? "9999-12-31";
        if (a.validFrom <= bEnd && b.validFrom <= aEnd)
          overlaps.push(`${a.key} ${a.validFrom}..${aEnd} / ${b.validFrom}..${bEnd}`);
      }
    }
    expect(overlaps).toEqual([]);
  });

  test("no country is both EEA and adequate at the same time", () => {
    for (const d of data.adequacyDecisions) {
      for (const m of data.eeaMembership.filter((x) => x.country === d.jurisdiction)) {
        const overlap = d.validFrom <= (m.validTo ?? "9999-12-31") && m.validFrom <= (d.validTo ?? "9999-12-31");
        expect(overlap ? `${d.id} overlaps EEA membership of ${m.country}` : null).toBeNull();
      }
    }
  });

  test("decision ids are unique and scopes known", () => {
    const ids = data.adequacyDecisions.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const d of data.adequacyDecisions) {
      expect(["FULL", "DPF_CERTIFIED_ONLY", "SELF_CERTIFIED_ONLY", "COMMERCIAL_ONLY", "PRIVATE_SECTOR"]).toContain(
        d.scope,
      );
    }
  });

  test("EEA list: EU-27 + IS, LI, NO today, and the excluded territories are absent", () => {
    const eea = [
      ...["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU"],
      ...["MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO"],
    ];
    for (const c of eea) expect([c, isEeaMember(c, TODAY)]).toEqual([c, true]);
    const listed = new Set(data.eeaMembership.map((m) => m.country));
    for (const c of ["GL", "FO", "SJ", "GI"]) expect(listed.has(c)).toBe(false);
    expect(data.adequacyDecisions.some((d) => d.jurisdiction === "GI")).toBe(false);
    expect(
      data.eeaMembership.filter(
        (m) => m.validTo === null && !["GF", "GP", "MQ", "RE", "YT", "MF", "AX"].includes(m.country),
      ),
    ).toHaveLength(30);
  });
});
