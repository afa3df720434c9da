import { indexEdges, rollUpExposure } from "../../src/modules/chains/exposure";
import type { ChainEdge } from "../../src/modules/chains/chain.sql";
import { addDays, daysBetween } from "../../src/common/dates";
import {
  daysLeft,
  deadlineFor,
  deemedAcceptedOn,
  noticeState,
  ChangeNoticeState,
} from "../../src/modules/subprocessors/change-notice.rules";
import { ChangeNoticeDecision } from "../../src/modules/subprocessors/change-notice.entity";
import { SubprocessorAuthorization } from "../../src/modules/agreements/agreement.enums";

const edge = (
  id: string,
  from: string,
  to: string,
  countries: string[],
  mechanism = "NOT_NEEDED_EEA",
  extra: Partial<ChainEdge> = {},
): ChainEdge => ({
  engagementId: id,
  processorId: from,
  subprocessorId: to,
  countries,
  transferMechanism: mechanism,
  agreementId: null,
  agreementPolicy: null,
  recipientDpfCertifiedSince: null,
  ...extra,
});

const run = (edges: ChainEdge[], policies: Record<string, string | null> = {}, own: string[] = []) =>
  rollUpExposure({
    rootId: "root",
    own: own.length
      ? {
          processorId: "root",
          countries: own,
          agreementId: "dpa",
          agreementPolicy: policies.root ?? null,
          dpfCertifiedSince: null,
        }
      : null,
    edgesByProcessor: indexEdges(edges),
    policyOf: (id) => ({ agreementId: policies[id] ? `agreement-of-${id}` : null, policy: policies[id] ?? null }),
    on: "2026-06-01",
    maxDepth: 50,
  });

describe("rollUpExposure", () => {
  test("a third-country hop three levels down without a mechanism is reported with its chain", () => {
    const x = run([
      edge("e1", "root", "a", ["DK"]),
      edge("e2", "a", "b", ["DE"]),
      edge("e3", "b", "c", ["US"], "UNKNOWN"),
    ]);
    expect(x.countries).toEqual(["DE", "DK", "US"]);
    expect(x.worstClass).toBe("THIRD_COUNTRY");
    expect(x.findings.map((f) => [f.finding.kind, f.hop.depth, f.hop.path])).toEqual([
      ["NO_VALID_MECHANISM", 3, ["root", "a", "b", "c"]],
    ]);
  });

  test("a loop is walked once and a shared sub-processor is reached by its shortest chain", () => {
    const x = run([
      edge("e1", "root", "a", ["DK"]),
      edge("e2", "a", "b", ["DK"]),
      edge("e3", "b", "a", ["DK"]),
      edge("e4", "root", "b", ["IN"], "SCC"),
      edge("e5", "b", "c", ["IN"], "UNKNOWN"),
    ]);
    expect(x.hops.map((h) => h.engagementId).sort()).toEqual(["e1", "e2", "e3", "e4", "e5"]);
    const c = x.hops.find((h) => h.engagementId === "e5")!;
    expect(c.path).toEqual(["root", "b", "c"]);
    expect(c.depth).toBe(2);
  });

  test(
    "a hop that names no agreement is governed by the engaging processor's " +
      "agreement; PROHIBITED makes it a breach",
    () => {
      const x = run([edge("e1", "root", "a", ["DK"]), edge("e2", "a", "b", ["US"], "SCC")], { a: "PROHIBITED" });
      expect(x.findings.map((f) => f.finding.kind)).toEqual(["PROHIBITED_BY_AGREEMENT"]);
      expect(x.findings[0].hop.agreementId).toBe("agreement-of-a");
      // The agreement the engagement names wins over the fallback.
      const named = run(
        [
          edge("e1", "root", "a", ["DK"]),
          edge("e2", "a", "b", ["US"], "SCC", { agreementId: "sub-dpa", agreementPolicy: "ALLOWED_WITH_SAFEGUARDS" }),
        ],
        { a: "PROHIBITED" },
      );
      expect(named.findings).toEqual([]);
    },
  );

  test("the root's PROHIBITED clause binds every hop below it, the stricter clause on a tie of agreements", () => {
    // root's agreement in force (policyOf) prohibits; a names none; b's sub-agreement allows.
    const x = run(
      [
        edge("e1", "root", "a", ["DK"]),
        edge("e2", "a", "b", ["DK"]),
        edge("e3", "b", "c", ["US"], "SCC", { agreementId: "sub-b", agreementPolicy: "ALLOWED" }),
      ],
      { root: "PROHIBITED" },
    );
    expect(x.findings.map((f) => [f.finding.kind, f.hop.depth])).toEqual([["PROHIBITED_BY_AGREEMENT", 3]]);
    const hops = x.hops.map((h) => [h.engagementId, h.agreementId, h.agreementPolicy, h.policyAgreementId]);
    expect(hops).toEqual([
      ["e1", "agreement-of-root", "PROHIBITED", "agreement-of-root"],
      ["e2", null, "PROHIBITED", "agreement-of-root"],
      ["e3", "sub-b", "PROHIBITED", "agreement-of-root"],
    ]);
    // A nearer PROHIBITED clause under a root that allows transfers binds from there down.
    const nearer = run(
      [
        edge("e1", "root", "a", ["US"], "SCC"),
        edge("e2", "a", "b", ["DK"], "NOT_NEEDED_EEA", { agreementId: "sub-a", agreementPolicy: "PROHIBITED" }),
        edge("e3", "b", "c", ["US"], "SCC"),
      ],
      { root: "ALLOWED" },
    );
    expect(nearer.findings.map((f) => [f.finding.kind, f.hop.engagementId])).toEqual([
      ["PROHIBITED_BY_AGREEMENT", "e3"],
    ]);
    expect(nearer.hops.map((h) => h.policyAgreementId)).toEqual(["agreement-of-root", "sub-a", "sub-a"]);
  });

  test("the processor's own processing is hop 0, under its own agreement", () => {
    const x = run([], { root: "PROHIBITED" }, ["DK", "GB"]);
    expect(x.hops).toHaveLength(1);
    expect(x.hops[0].depth).toBe(0);
    expect(x.worstClass).toBe("ADEQUATE");
    expect(x.findings.map((f) => [f.finding.kind, f.finding.country])).toEqual([["PROHIBITED_BY_AGREEMENT", "GB"]]);
  });

  test("US under DPF: adequate for a certified recipient, a finding for one that is not", () => {
    const certified = run([edge("e1", "root", "a", ["US"], "DPF", { recipientDpfCertifiedSince: "2023-09-01" })]);
    expect(certified.worstClass).toBe("ADEQUATE");
    expect(certified.findings).toEqual([]);
    const not = run([edge("e1", "root", "a", ["US"], "DPF")]);
    expect(not.findings.map((f) => f.finding.kind)).toEqual(["DPF_RECIPIENT_NOT_CERTIFIED"]);
  });

  test("maxDepth bounds the walk on a long chain", () => {
    const chain = Array.from({ length: 100 }, (_, i) => edge(`e${i}`, i === 0 ? "root" : `n${i - 1}`, `n${i}`, ["DK"]));
    const x = rollUpExposure({
      rootId: "root",
      own: null,
      edgesByProcessor: indexEdges(chain),
      policyOf: () => ({ agreementId: null, policy: null }),
      on: "2026-06-01",
      maxDepth: 50,
    });
    expect(x.hops).toHaveLength(50);
  });
});

describe("change notice deadlines (art. 28(2))", () => {
  const general = { authorization: SubprocessorAuthorization.GENERAL, decision: ChangeNoticeDecision.PENDING };
  const specific = { authorization: SubprocessorAuthorization.SPECIFIC, decision: ChangeNoticeDecision.PENDING };

  test("deadline = received on + notice days, across month ends and leap days", () => {
    expect(deadlineFor("2026-01-31", 30)).toBe("2026-03-02");
    expect(deadlineFor("2028-02-01", 30)).toBe("2028-03-02");
    expect(deadlineFor("2028-02-28", 1)).toBe("2028-02-29");
    expect(deadlineFor("2026-12-15", 45)).toBe("2027-01-29");
    expect(deadlineFor("2026-12-15", null)).toBeNull();
    expect(addDays("2026-03-29", 1)).toBe("2026-03-30"); // a DST change does not shift the date
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
  });

  test("GENERAL: open through the deadline day, deemed accepted the day after", () => {
    const n = { ...general, deadline: "2026-05-31" };
    expect(noticeState(n, "2026-05-31")).toBe(ChangeNoticeState.PENDING);
    expect(daysLeft(n, "2026-05-31")).toBe(0);
    expect(daysLeft(n, "2026-05-21")).toBe(10);
    expect(noticeState(n, "2026-06-01")).toBe(ChangeNoticeState.DEEMED_ACCEPTED);
    expect(deemedAcceptedOn("2026-05-31")).toBe("2026-06-01");
  });

  test("SPECIFIC: silence past the deadline is not approval; without a deadline it stays pending", () => {
    expect(noticeState({ ...specific, deadline: "2026-05-31" }, "2026-06-01")).toBe(ChangeNoticeState.NOT_APPROVED);
    expect(noticeState({ ...specific, deadline: null }, "2030-01-01")).toBe(ChangeNoticeState.PENDING);
    expect(daysLeft({ ...specific, deadline: null }, "2030-01-01")).toBeNull();
  });

  test("a recorded decision stands whatever the date", () => {
    const decided = { ...general, deadline: "2026-05-31", decision: ChangeNoticeDecision.OBJECTED };
    expect(noticeState(decided, "2027-01-01")).toBe(ChangeNoticeState.OBJECTED);
    expect(daysLeft(decided, "2026-05-01")).toBeNull();
  });
});
