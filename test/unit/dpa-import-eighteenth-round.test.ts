// General failure causes found in the fourteenth held-out part (issue 17, eighteenth round), each as a rule on made-up
// text: a numbered list item that ends with a colon and holds a nested list ("1. Storage:" over "- Nimbus Cloud …")
// names a group of sub-processors, never one.
import { markdown } from "../helpers/made-up-dpa";

const subprocessors = async (...lines: string[]) =>
  (await markdown("# Data Processing Agreement", "", ...lines)).subprocessors.map((s) => s.value.name);

test.each([
  [
    "## 6. Sub-processors",
    "",
    "Sub-processors engaged as of 1 March 2026:",
    "",
    "1. Data Storage:",
    "   - Nimbus Cloud (United States) - Hosting",
    "   - Ferro Data (Germany) - Backups",
    "",
    "2. Messaging Services:",
    "   - Postlark (United States) - Email delivery",
  ],
  [
    "## 6. Underdatabehandlere",
    "",
    "Følgende underdatabehandlere anvendes:",
    "",
    "1. Hosting og Drift:",
    "   - Nimbus Cloud (Tyskland) - Hosting",
    "   - Ferro Data (Danmark) - Backup",
  ],
])("a numbered item ending with a colon over a nested list is a group, not a sub-processor (%#)", async (...lines) => {
  const names = await subprocessors(...lines);
  expect(names).toContain("Nimbus Cloud");
  expect(names).not.toEqual(expect.arrayContaining(["Data Storage"]));
  expect(names.filter((n) => /Storage|Messaging|Hosting og|Drift|Services/.test(n))).toEqual([]);
});
