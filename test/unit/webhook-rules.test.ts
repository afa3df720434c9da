// Pure rules of webhook delivery and the deadline scans: the retry schedule, when an endpoint is
// disabled, which addresses a webhook may reach, the Standard Webhooks signature (verified with the
// standardwebhooks package, the Standard Webhooks project's own library), and which deadlines become events.
import fc from "fast-check";
import { Webhook } from "standardwebhooks";
import { nextAttemptAt, retryDelayMs, retryPolicy, shouldDisable } from "../../src/modules/webhooks/retry.rules";
import ipaddr from "ipaddr.js";
import { literalAddress, RANGE_WORDS, refusedAddress } from "../../src/modules/webhooks/address.rules";
import { refusedUrl } from "../../src/modules/webhooks/sender";
import { newWebhookSecret, signedHeaders } from "../../src/modules/webhooks/signing";
import {
  approachingDeadline,
  digestList,
  findingDaysOverdue,
  supervisionAlert,
} from "../../src/modules/jobs/deadline.rules";
import { ChangeNoticeDecision } from "../../src/modules/subprocessors/change-notice.entity";
import { SubprocessorAuthorization } from "../../src/modules/agreements/agreement.enums";

const HOUR = 3_600_000;

describe("retry schedule", () => {
  const policy = retryPolicy(24);

  test("the delay doubles from 30 s up to 4 h, within ±20 % jitter", () => {
    const middle = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((n) => retryDelayMs(n, policy, 0.5));
    expect(middle.slice(0, 9)).toEqual([30, 60, 120, 240, 480, 960, 1920, 3840, 7680].map((s) => s * 1000));
    expect(middle.slice(9)).toEqual([4 * HOUR, 4 * HOUR, 4 * HOUR]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 0.9999999, noNaN: true }), (n, r) => {
        const d = retryDelayMs(n, policy, r);
        const base = retryDelayMs(n, policy, 0.5);
        return d >= Math.floor(base * 0.8) && d <= Math.ceil(base * 1.2);
      }),
    );
  });

  test("a delivery that always fails is tried over at least the whole window, then given up", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 0.9999999, noNaN: true }), { minLength: 60, maxLength: 60 }),
        (rs) => {
          const first = new Date("2026-03-01T12:00:00Z");
          const attempts = [first];
          let now = first;
          for (let failed = 1; ; failed++) {
            const next = nextAttemptAt(failed, now, first, policy, rs[failed % rs.length]);
            if (!next) break;
            expect(next.getTime()).toBeGreaterThan(now.getTime());
            attempts.push(next);
            now = next;
          }
          const span = attempts[attempts.length - 1].getTime() - first.getTime();
          return span === 24 * HOUR && attempts.length >= 12 && attempts.length <= 20;
        },
      ),
    );
  });

  test("a redelivery opens a new window from its own start", () => {
    const since = new Date("2026-03-02T00:00:00Z");
    expect(nextAttemptAt(20, new Date(since.getTime() + 24 * HOUR), since, policy, 0.5)).toBeNull();
    expect(nextAttemptAt(1, since, since, policy, 0.5)).toEqual(new Date(since.getTime() + 30_000));
  });

  test("an endpoint is disabled after failing without a success for the configured hours", () => {
    const since = new Date("2026-03-01T00:00:00Z");
    expect(shouldDisable(null, new Date("2026-04-01T00:00:00Z"), 120)).toBe(false);
    expect(shouldDisable(since, new Date(since.getTime() + 120 * HOUR - 1), 120)).toBe(false);
    expect(shouldDisable(since, new Date(since.getTime() + 120 * HOUR), 120)).toBe(true);
  });
});

describe("SSRF guard", () => {
  // Built at test time: the addresses and spellings an attacker uses to reach what a server can reach.
  const refused = [
    "127.0.0.1",
    "127.255.255.254",
    "0.0.0.0",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254", // cloud metadata service
    "100.64.0.1", // carrier-grade NAT
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "fd12:3456::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "64:ff9b::a00:1", // NAT64 of 10.0.0.1
    "2002:7f00:1::", // 6to4 of 127.0.0.1
  ];
  test.each(refused)("%s is refused", (address) => {
    expect(refusedAddress(address)).toMatch(/ is an? /);
  });

  test.each(["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("%s is allowed", (address) => {
    expect(refusedAddress(address)).toBeNull();
  });

  // The WHATWG URL parser normalises these to 127.0.0.1 / ::1 before the guard looks at them.
  test.each([
    "http://127.1/hook",
    "http://0x7f.0.0.1/hook",
    "http://0177.0.0.1/hook",
    "http://2130706433/hook",
    "http://[::1]/hook",
    "http://[::ffff:7f00:1]/hook",
    "http://[0:0:0:0:0:ffff:127.0.0.1]/hook",
    "http://localhost/hook",
    "http://LOCALHOST./hook",
    "http://api.localhost/hook",
    "http://169.254.169.254/latest/meta-data/",
  ])("%s is refused before anything is sent", (url) => {
    expect(refusedUrl(new URL(url), false)).not.toBeNull();
    expect(refusedUrl(new URL(url), true)).toBeNull();
  });

  test("only http and https, and no credentials in the URL", () => {
    expect(refusedUrl(new URL("ftp://hooks.example.com/x"), true)).toMatch(/http and https/);
    expect(refusedUrl(new URL("file:///etc/passwd"), true)).toMatch(/http and https/);
    expect(refusedUrl(new URL("https://user:pw@hooks.example.com/x"), false)).toMatch(/user name or password/);
    expect(refusedUrl(new URL("https://hooks.example.com/x"), false)).toBeNull();
    expect(literalAddress("[::1]")).toBe("::1");
    expect(literalAddress("hooks.example.com")).toBeNull();
  });
});

// A refusal said "is a linkLocal address", "an rfc6052 address": ipaddr.js's range names, not words.
describe("refused addresses in plain words", () => {
  test.each([
    ["fe80::1", "fe80::1 is a link-local address"],
    ["169.254.169.254", "169.254.169.254 is a link-local address"],
    ["fd12:3456::1", "fd12:3456::1 is a unique local (private IPv6) address"],
    ["100.64.0.1", "100.64.0.1 is a carrier-grade NAT address"],
    ["64:ff9b::a00:1", "64:ff9b::a00:1 is an IPv4/IPv6 translation address"],
    ["10.0.0.1", "10.0.0.1 is a private address"],
    ["::a9fe:a9fe", "::a9fe:a9fe carries 169.254.169.254, a link-local address"],
  ])("%s", (address, words) => {
    expect(refusedAddress(address)).toBe(words);
  });

  test("every range ipaddr.js names has words, none of them its name", () => {
    const ranges = [
      ...Object.keys((ipaddr.IPv4.prototype as unknown as { SpecialRanges: object }).SpecialRanges),
      ...Object.keys((ipaddr.IPv6.prototype as unknown as { SpecialRanges: object }).SpecialRanges),
    ];
    expect(
      ranges.filter((r) => !/^an? [a-z0-9]/i.test(RANGE_WORDS[r] ?? "") || /[a-z][A-Z]/.test(RANGE_WORDS[r])),
    ).toEqual([]);
  });
});

describe("Standard Webhooks signature", () => {
  test("the standardwebhooks package verifies what tilsyn signs, and refuses a changed body", () => {
    fc.assert(
      fc.property(fc.string(), fc.uuid(), (text, id) => {
        const secret = newWebhookSecret();
        const body = JSON.stringify({ type: "finding.opened", timestamp: new Date().toISOString(), data: { text } });
        const headers = signedHeaders(secret, id, body);
        const verified = new Webhook(secret).verify(body, headers) as { data: { text: string } };
        expect(verified.data.text).toBe(text);
        expect(() => new Webhook(secret).verify(body + " ", headers)).toThrow();
        expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
        return true;
      }),
      { numRuns: 200 },
    );
  });

  test("secrets are whsec_ + base64 of 32 random bytes", () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), "base64")).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  test("a stale timestamp is refused by the receiver's library (replay protection)", () => {
    const secret = newWebhookSecret();
    const body = "{}";
    const headers = signedHeaders(secret, "evt", body, new Date(Date.now() - 10 * 60_000));
    expect(() => new Webhook(secret).verify(body, headers)).toThrow(/timestamp/i);
  });
});

describe("deadline scans", () => {
  const notice = (deadline: string | null, decision: ChangeNoticeDecision = ChangeNoticeDecision.PENDING) => ({
    decision,
    deadline,
    authorization: SubprocessorAuthorization.GENERAL,
  });

  test("a change notice warns from `warningDays` before its deadline to the deadline day itself", () => {
    expect(approachingDeadline(notice("2026-12-20"), "2026-12-16", 3)).toBeNull();
    expect(approachingDeadline(notice("2026-12-20"), "2026-12-17", 3)).toBe(3);
    expect(approachingDeadline(notice("2026-12-20"), "2026-12-20", 3)).toBe(0);
    expect(approachingDeadline(notice("2026-12-20"), "2026-12-21", 3)).toBeNull();
    expect(approachingDeadline(notice(null), "2026-12-20", 3)).toBeNull();
    expect(approachingDeadline(notice("2026-12-20", ChangeNoticeDecision.OBJECTED), "2026-12-19", 3)).toBeNull();
  });

  test("supervision: due soon within the window, overdue the day after the due date", () => {
    expect(supervisionAlert({ daysUntilDue: 31 }, 30)).toBeNull();
    expect(supervisionAlert({ daysUntilDue: 30 }, 30)).toBe("supervision.due_soon");
    expect(supervisionAlert({ daysUntilDue: 0 }, 30)).toBe("supervision.due_soon");
    expect(supervisionAlert({ daysUntilDue: -1 }, 30)).toBe("supervision.overdue");
  });

  test("findings are overdue from the day after their due date until closed", () => {
    expect(findingDaysOverdue({ status: "OPEN", dueOn: "2026-05-01" }, "2026-05-01")).toBeNull();
    expect(findingDaysOverdue({ status: "OPEN", dueOn: "2026-05-01" }, "2026-05-02")).toBe(1);
    expect(findingDaysOverdue({ status: "IN_PROGRESS", dueOn: "2026-05-01" }, "2026-06-01")).toBe(31);
    expect(findingDaysOverdue({ status: "CLOSED", dueOn: "2026-05-01" }, "2026-06-01")).toBeNull();
    expect(findingDaysOverdue({ status: "OPEN", dueOn: null }, "2026-06-01")).toBeNull();
  });

  test("digest lists keep the full count and at most 50 ids", () => {
    const ids = Array.from({ length: 120 }, (_, i) => `id${i}`);
    expect(digestList(ids)).toEqual({ count: 120, ids: ids.slice(0, 50) });
  });
});
