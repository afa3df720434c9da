// Third-country detection (GDPR chapter V): pure functions over dated reference data in
// src/reference/transfer-rules.json (EEA membership and Commission adequacy decisions).
// No database, no I/O. Dates are ISO "YYYY-MM-DD" strings and all periods are inclusive.
import type { Labels } from "../../common/i18n";
import data from "../../reference/transfer-rules.json";
import { TransferMechanism } from "../subprocessors/engagement.entity";
import { ThirdCountryTransfers } from "../agreements/agreement.enums";

export type CountryClass = "EEA" | "ADEQUATE" | "THIRD_COUNTRY";

/**
 * FULL: the whole jurisdiction. COMMERCIAL_ONLY (Canada, PIPEDA) and PRIVATE_SECTOR (Japan, APPI):
 * only commercial / private-sector recipients. DPF_CERTIFIED_ONLY (EU-US Data Privacy Framework) and
 * SELF_CERTIFIED_ONLY (its invalidated predecessors Safe Harbour and Privacy Shield): only recipients
 * certified on the US list.
 */
export type AdequacyScope =
  "FULL" | "DPF_CERTIFIED_ONLY" | "SELF_CERTIFIED_ONLY" | "COMMERCIAL_ONLY" | "PRIVATE_SECTOR";

export interface AdequacyDecision {
  id: string;
  jurisdiction: string;
  name: string;
  scope: AdequacyScope;
  validFrom: string;
  validTo: string | null;
  reference: string;
  /**
   * Name of the US self-certification framework the decision relies on (DPF, Privacy Shield, Safe Harbour); null
   * otherwise.
   */
  framework: string | null;
  scopeNote: string;
  note: string | null;
}

export interface EeaMembership {
  country: string;
  validFrom: string;
  validTo: string | null;
  basis: string;
  note: string | null;
}

export interface TransferReferenceData {
  version: string;
  sources: string[];
  notes: string[];
  eeaMembership: EeaMembership[];
  adequacyDecisions: AdequacyDecision[];
}

export interface RecipientFacts {
  /**
   * ISO date since which the recipient has been continuously listed on the EU-US Data Privacy Framework
   * list, or null. For dates before the DPF (Safe Harbour, Privacy Shield) the same value is used as a
   * proxy for self-certification under those frameworks, since tilsyn records only one flag.
   */
  dpfCertifiedSince: string | null;
}

export interface CountryAssessment {
  country: string;
  countryClass: CountryClass;
  adequacy: AdequacyDecision | null;
  explanation: string;
}

const SCOPES: readonly AdequacyScope[] = [
  "FULL",
  "DPF_CERTIFIED_ONLY",
  "SELF_CERTIFIED_ONLY",
  "COMMERCIAL_ONLY",
  "PRIVATE_SECTOR",
];
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function loadReference(raw: unknown): TransferReferenceData {
  const ref = raw as TransferReferenceData;
  for (const d of ref.adequacyDecisions) {
    if (!SCOPES.includes(d.scope))
      throw new Error(`transfer-rules.json: decision ${d.id} has unknown scope ${String(d.scope)}`);
  }
  return ref;
}

/** The reference data as loaded (read-only use). */
export const TRANSFER_RULES: TransferReferenceData = loadReference(data);

/** The day toDay accepted last: a chain walk asks about the same day for each of 50,000 hops. */
let lastDay: string | null = null;

/** Accepts "YYYY-MM-DD" (or a full ISO timestamp, cut to its date); throws on anything else. */
function toDay(value: string, what: string): string {
  const day = typeof value === "string" ? value.slice(0, 10) : "";
  if (day === lastDay) return day;
  if (!isIsoDate(day)) throw new RangeError(`${what} must be an ISO date (YYYY-MM-DD), got ${JSON.stringify(value)}`);
  return (lastDay = day);
}

function covers(period: { validFrom: string; validTo: string | null }, on: string): boolean {
  return period.validFrom <= on && (period.validTo === null || on <= period.validTo);
}

function normalizeCountry(country: string): string {
  return country.trim().toUpperCase();
}

const displayNames = new Map<string, Intl.DisplayNames | null>();
/**
 * Names asked for before, by language: a full risk recompute names a country for every hop it explains
 * (50 ms of ICU calls for the same few hundred codes). Bounded: a code may come from anyone's input.
 */
const knownNames = { en: new Map<string, string>(), da: new Map<string, string>() };
const KNOWN_NAMES_MAX = 1_000;

/** English (or Danish) name of an ISO 3166-1 alpha-2 region code, falling back to the code itself. */
export function countryName(code: string, lang: "en" | "da" = "en"): string {
  const known = knownNames[lang];
  let name = known.get(code);
  if (name === undefined) {
    name = nameOf(code, lang);
    if (known.size < KNOWN_NAMES_MAX) known.set(code, name);
  }
  return name;
}

function nameOf(code: string, lang: "en" | "da"): string {
  let names = displayNames.get(lang);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([lang], { type: "region", fallback: "code" });
    } catch {
      names = null;
    }
    displayNames.set(lang, names);
  }
  if (!names) return code;
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

function label(code: string): string {
  const name = countryName(code);
  return name === code ? code : `${name} (${code})`;
}

export function isEeaMember(country: string, on: string): boolean {
  const c = normalizeCountry(country);
  const day = toDay(on, "on");
  return TRANSFER_RULES.eeaMembership.some((m) => m.country === c && covers(m, day));
}

export function adequacyDecisionOn(country: string, on: string): AdequacyDecision | null {
  const c = normalizeCountry(country);
  const day = toDay(on, "on");
  return TRANSFER_RULES.adequacyDecisions.find((d) => d.jurisdiction === c && covers(d, day)) ?? null;
}

/** The ISO codes inside the EEA on a date, sorted. */
export function eeaCountriesOn(on: string): string[] {
  const day = toDay(on, "on");
  return [...new Set(TRANSFER_RULES.eeaMembership.filter((m) => covers(m, day)).map((m) => m.country))].sort();
}

export function adequacyDecisionsOn(on: string): AdequacyDecision[] {
  const day = toDay(on, "on");
  return TRANSFER_RULES.adequacyDecisions.filter((d) => covers(d, day));
}

/** True when the recipient is recorded as certified on the US list on `on`. */
function certifiedOn(recipient: RecipientFacts, on: string): boolean {
  if (recipient.dpfCertifiedSince == null) return false;
  return toDay(recipient.dpfCertifiedSince, "dpfCertifiedSince") <= on;
}

function frameworkOf(decision: AdequacyDecision): string {
  return decision.framework ?? "the relevant US self-certification framework";
}

/** The most recent EEA membership or adequacy decision that ended before `on`, for explanations. */
function lastEndedBefore(country: string, on: string): string | null {
  const ended = [
    ...TRANSFER_RULES.eeaMembership
      .filter((m) => m.country === country && m.validTo !== null && m.validTo < on)
      .map((m) => ({ end: m.validTo as string, text: `its EEA status ended on ${m.validTo}` })),
    ...TRANSFER_RULES.adequacyDecisions
      .filter((d) => d.jurisdiction === country && d.validTo !== null && d.validTo < on)
      .map((d) => ({
        end: d.validTo as string,
        text: d.framework
          ? `the ${d.framework} adequacy decision ended on ${d.validTo}`
          : `its last adequacy decision ended on ${d.validTo}`,
      })),
  ].sort((a, b) => (a.end < b.end ? 1 : -1));
  return ended[0]?.text ?? null;
}

export function classifyCountry(country: string, on: string, recipient: RecipientFacts): CountryAssessment {
  const c = normalizeCountry(country);
  const day = toDay(on, "on");
  const name = label(c);

  const membership = TRANSFER_RULES.eeaMembership.find((m) => m.country === c && covers(m, day));
  if (membership) {
    return {
      country: c,
      countryClass: "EEA",
      adequacy: null,
      explanation: `${name} is in the EEA on ${day} (${membership.basis}), so no third-country transfer rules apply.`,
    };
  }

  const decision = adequacyDecisionOn(c, day);
  if (decision) {
    switch (decision.scope) {
      case "FULL":
        return {
          country: c,
          countryClass: "ADEQUATE",
          adequacy: decision,
          explanation:
            `${name} has a Commission adequacy decision in force on ${day} (${decision.reference}), so no further ` +
            `transfer tool is needed.`,
        };
      case "COMMERCIAL_ONLY":
      case "PRIVATE_SECTOR": {
        const covered =
          decision.scope === "COMMERCIAL_ONLY" ? "commercial organisations" : "private-sector organisations";
        return {
          country: c,
          countryClass: "ADEQUATE",
          adequacy: decision,
          explanation:
            `${name} has an adequacy decision in force on ${day} (${decision.reference}) that covers only ` +
            `${covered}; a processor is a commercial, private-sector organisation, so this recipient is treated as ` +
            `within its scope.`,
        };
      }
      case "DPF_CERTIFIED_ONLY":
      case "SELF_CERTIFIED_ONLY": {
        const framework = frameworkOf(decision);
        const verb = decision.scope === "DPF_CERTIFIED_ONLY" ? "certified" : "self-certified";
        if (certifiedOn(recipient, day)) {
          return {
            country: c,
            countryClass: "ADEQUATE",
            adequacy: decision,
            explanation:
              `${name} has the ${framework} adequacy decision in force on ${day}, and this recipient is recorded as ` +
              `certified since ${toDay(recipient.dpfCertifiedSince as string, "dpfCertifiedSince")}.`,
          };
        }
        const why =
          recipient.dpfCertifiedSince == null
            ? "this recipient is not recorded as certified"
            : `this recipient is recorded as certified only from ` +
              `${toDay(recipient.dpfCertifiedSince, "dpfCertifiedSince")}`;
        return {
          country: c,
          countryClass: "THIRD_COUNTRY",
          adequacy: null,
          explanation:
            `${name}: the adequacy decision for the ${framework} covers only organisations ${verb} under that ` +
            `framework; ${why}.`,
        };
      }
    }
  }

  const previously = lastEndedBefore(c, day);
  return {
    country: c,
    countryClass: "THIRD_COUNTRY",
    adequacy: null,
    explanation:
      `${name} is outside the EEA and has no adequacy decision in force on ${day}` +
      (previously ? ` (${previously})` : "") +
      ", so a transfer there needs an Art. 46 safeguard or an Art. 49 derogation.",
  };
}

// ---------------------------------------------------------------------------------------------
// Per-hop assessment

export type HopFindingKind =
  "NO_VALID_MECHANISM" | "DPF_RECIPIENT_NOT_CERTIFIED" | "PROHIBITED_BY_AGREEMENT" | "LOCATION_NOT_STATED";

export interface HopFinding {
  kind: HopFindingKind;
  country: string | null;
  message: string;
}

export interface HopDestination {
  country: string | null;
  countryClass: CountryClass;
  adequacy: AdequacyDecision | null;
  explanation: string;
}

export interface HopAssessment {
  destinations: HopDestination[];
  worstClass: CountryClass | null;
  findings: HopFinding[];
}

export interface HopInput {
  countries: string[];
  mechanism: TransferMechanism;
  on: string;
  recipient: RecipientFacts;
  agreementPolicy: ThirdCountryTransfers | null;
}

export const CLASS_ORDER: Record<CountryClass, number> = { EEA: 0, ADEQUATE: 1, THIRD_COUNTRY: 2 };

/** The worse (further from the EEA) of two classes; null means "nothing known" and yields the other. */
export function worseClass(a: CountryClass | null, b: CountryClass | null): CountryClass | null {
  if (a === null) return b;
  if (b === null) return a;
  return CLASS_ORDER[b] > CLASS_ORDER[a] ? b : a;
}

/** Mechanisms that are transfer tools in their own right (Art. 46 / 49, or the DPF). */
const TRANSFER_TOOLS: readonly TransferMechanism[] = [
  TransferMechanism.SCC,
  TransferMechanism.BCR,
  TransferMechanism.DPF,
  TransferMechanism.DEROGATION,
];

/** DPF claimed for a hop: a finding when it cannot carry the transfer, else null. */
function dpfFinding(country: string | null, on: string, recipient: RecipientFacts): HopFinding | null {
  const where = country === null ? "an unstated processing country" : label(country);
  if (country !== null && country !== "US") {
    return {
      kind: "NO_VALID_MECHANISM",
      country,
      message:
        `Transfer to ${where} has no valid transfer mechanism: the engagement records DPF, but the EU-US Data ` +
        `Privacy Framework covers only recipients in the United States.`,
    };
  }
  const dpf = adequacyDecisionOn("US", on);
  if (!dpf || dpf.scope !== "DPF_CERTIFIED_ONLY") {
    return {
      kind: "NO_VALID_MECHANISM",
      country,
      message:
        `Transfer to ${where} has no valid transfer mechanism: the engagement records DPF, but the EU-US Data ` +
        `Privacy Framework adequacy decision is not in force on ${on}.`,
    };
  }
  if (!certifiedOn(recipient, on)) {
    return {
      kind: "DPF_RECIPIENT_NOT_CERTIFIED",
      country,
      message:
        `Transfer to ${where} relies on the EU-US Data Privacy Framework (DPF), but the recipient is not recorded ` +
        `as DPF-certified on ${on}.`,
    };
  }
  return null;
}

/** Third-country clauses by how strictly they bind (policyStrictness): none, then looser to stricter. */
export const POLICY_BY_STRICTNESS: readonly (ThirdCountryTransfers | null)[] = [
  null,
  ThirdCountryTransfers.ALLOWED,
  ThirdCountryTransfers.ALLOWED_WITH_SAFEGUARDS,
  ThirdCountryTransfers.PROHIBITED,
];
/** Ranks policyStrictness gives: 0 (no clause) .. POLICY_RANKS - 1 (PROHIBITED). */
export const POLICY_RANKS = POLICY_BY_STRICTNESS.length;

/**
 * How strictly an agreement's third-country clause binds: 0 when it sets none, higher is stricter. A clause binds
 * the whole chain below the processor it was agreed with (art. 28(4): the same obligations flow down), so a hop is
 * held to the strictest clause on its chain (ChainGraph's binding terms). An unknown value binds as ALLOWED; a hop
 * is assessed alike under every clause of one rank (only PROHIBITED changes an assessment).
 */
/**
 * The rank a hop bound by a clause of rank `rank` is judged at: assessHop reads only whether the clause prohibits
 * transfers, so every looser clause judges a hop as no clause does (one assessment for all of them).
 */
export function judgedStrictness(rank: number): number {
  return rank === POLICY_RANKS - 1 ? rank : 0;
}

export function policyStrictness(policy: string | null): number {
  if (policy === null) return 0;
  const rank = POLICY_BY_STRICTNESS.indexOf(policy as ThirdCountryTransfers);
  return rank > 0 ? rank : 1;
}

export function assessHop(hop: HopInput): HopAssessment {
  const on = toDay(hop.on, "on");
  const { mechanism, recipient } = hop;
  const countries = [...new Set(hop.countries.map(normalizeCountry).filter((c) => c.length > 0))];
  const destinations: HopDestination[] = [];
  const findings: HopFinding[] = [];

  if (countries.length === 0) {
    findings.push({
      kind: "LOCATION_NOT_STATED",
      country: null,
      message: TRANSFER_TOOLS.includes(mechanism)
        ? `No processing country is stated for this hop; because it relies on ${mechanism}, a transfer to a third ` +
          `country is assumed.`
        : `No processing country is stated for this hop, so it cannot be classified.`,
    });
    if (TRANSFER_TOOLS.includes(mechanism)) {
      destinations.push({
        country: null,
        countryClass: "THIRD_COUNTRY",
        adequacy: null,
        explanation:
          `No processing country is stated; the engagement relies on ${mechanism}, so a transfer to a third country ` +
          `is assumed.`,
      });
      if (mechanism === TransferMechanism.DPF) {
        const f = dpfFinding(null, on, recipient);
        if (f) findings.push(f);
      }
    }
  } else {
    for (const country of countries) {
      const a = classifyCountry(country, on, recipient);
      destinations.push({
        country: a.country,
        countryClass: a.countryClass,
        adequacy: a.adequacy,
        explanation: a.explanation,
      });
      if (a.countryClass !== "THIRD_COUNTRY") continue;
      switch (mechanism) {
        case TransferMechanism.SCC:
        case TransferMechanism.BCR:
        case TransferMechanism.DEROGATION:
          break;
        case TransferMechanism.DPF: {
          // A certified US recipient while the DPF is in force is ADEQUATE already, so here the DPF cannot carry the
          // transfer.
          const f = dpfFinding(a.country, on, recipient);
          if (f) findings.push(f);
          break;
        }
        case TransferMechanism.NOT_NEEDED_EEA:
        case TransferMechanism.ADEQUACY:
        case TransferMechanism.UNKNOWN:
        default:
          findings.push({
            kind: "NO_VALID_MECHANISM",
            country: a.country,
            message:
              `Transfer to ${label(a.country)} has no valid transfer mechanism: ` +
              `the engagement records ${mechanism}.`,
          });
      }
    }
  }

  // A country with an adequacy decision is still a third country (art. 44-45): a clause that bans
  // transfers to third countries is broken by a hop there too.
  if (hop.agreementPolicy === ThirdCountryTransfers.PROHIBITED) {
    for (const d of destinations) {
      if (d.countryClass === "EEA") continue;
      findings.push({
        kind: "PROHIBITED_BY_AGREEMENT",
        country: d.country,
        message:
          d.country === null
            ? `Breach of the agreement: it prohibits transfers to third countries, but this hop is assumed to reach ` +
              `a third country (it relies on ${mechanism} and states no processing country).`
            : `Breach of the agreement: it prohibits transfers to third countries, but this hop reaches ` +
              `${label(d.country)}${d.countryClass === "ADEQUATE" ? " (adequate, but still a third country)" : ""}.`,
      });
    }
  }

  const worstClass = destinations.reduce<CountryClass | null>((w, d) => worseClass(w, d.countryClass), null);
  return { destinations, worstClass, findings };
}

/** English and Danish labels of the hop findings, for exports (lang=en|da). */
export const HOP_FINDING_LABELS: Labels<HopFindingKind> = {
  NO_VALID_MECHANISM: { en: "no valid transfer mechanism", da: "intet gyldigt overførselsgrundlag" },
  DPF_RECIPIENT_NOT_CERTIFIED: {
    en: "recipient not certified under the DPF",
    da: "modtageren er ikke certificeret under Data Privacy Framework",
  },
  PROHIBITED_BY_AGREEMENT: { en: "prohibited by the agreement", da: "forbudt efter aftalen" },
  LOCATION_NOT_STATED: { en: "location not stated", da: "lokation ikke angivet" },
};
