// GraphiQL's tabs are the README's examples, each titled from the bold paragraph before it. A paragraph wraps over
// lines, so a title from its first line alone ended mid-phrase ("… change notices (empty on the"), and two blocks
// under one paragraph were two tabs of the same name.
import { readmeExamples } from "../../src/http/readme-examples";

test("a tab's title is its paragraph to the first sentence's end, whole words, numbered when two share it", () => {
  const markdown = [
    "## Examples",
    "",
    "**GRC dashboard**: third-country exposure across the portfolio, and the worklist of change notices (empty on the",
    "demo data). Each notice names its deadline.",
    "",
    "```graphql",
    "query A { viewer { role } }",
    "```",
    "",
    "**Integration**: the art. 30 register as data, and as files.",
    "",
    "```graphql",
    "query B { viewer { role } }",
    "```",
    "",
    "**Auditor** (an `AUDITOR` key): which DPA, which clause.",
    "",
    "```graphql",
    "query C { viewer { role } }",
    "```",
    "",
    "```graphql",
    "query D { viewer { role } }",
    "```",
    "",
    `**Integration** (ADMIN): ${"send findings and breach notices to a ticketing or chat integration ".repeat(3)}`,
    "",
    "```graphql",
    "query E { viewer { role } }",
    "```",
  ].join("\n");
  const titles = readmeExamples(markdown).map((e) => e.title);
  expect(titles.slice(0, 4)).toEqual([
    "GRC dashboard: third-country exposure across the portfolio, and the worklist of change notices (empty on the " +
      "demo data)",
    "Integration: the art. 30 register as data, and as files",
    "Auditor (an `AUDITOR` key): which DPA, which clause",
    "Auditor (an `AUDITOR` key): which DPA, which clause (2)",
  ]);
  expect(titles[4].length).toBeLessThanOrEqual(120);
  expect(titles[4]).toMatch(/^Integration \(ADMIN\): send findings [a-z ]*[a-z] …$/);
});
