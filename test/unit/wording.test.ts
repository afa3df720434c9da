import { fieldLabel, withArticle } from "../../src/common/wording";
import { refusedAddress } from "../../src/modules/webhooks/address.rules";

test("the article follows the first sound of the word", () => {
  const words = ["AuditReport", "Processor", "unspecified", "unicast", "uniqueLocal", "ipv4Mapped", "rfc6145"];
  expect(words.map(withArticle)).toEqual([
    "an AuditReport",
    "a Processor",
    "an unspecified",
    "a unicast",
    "a uniqueLocal",
    "an ipv4Mapped",
    "an rfc6145",
  ]);
  expect(["ISAE_3402", "SOC_2", "Event", "hour", "URL", "6to4", "8", "11", "110"].map(withArticle)).toEqual([
    "an ISAE_3402",
    "a SOC_2",
    "an Event",
    "an hour",
    "a URL",
    "a 6to4",
    "an 8",
    "an 11",
    "a 110",
  ]);
});

test("a field is named by its path under input, list positions in brackets", () => {
  expect(fieldLabel(["input", "processorIds", "0"])).toBe("processorIds[0]");
  expect(fieldLabel(["input", "id"])).toBe("id");
  expect(fieldLabel(["input", "transfers", "1", "processorId"])).toBe("transfers[1].processorId");
  expect(fieldLabel(["input"])).toBe("input");
  expect(fieldLabel(["filter", "processorId"])).toBe("filter.processorId");
});

test("refused addresses read with the right article", () => {
  expect(refusedAddress("0.0.0.0")).toBe("0.0.0.0 is an unspecified address");
  expect(refusedAddress("::")).toBe(":: is an unspecified address");
  expect(refusedAddress("127.0.0.1")).toBe("127.0.0.1 is a loopback address");
});
