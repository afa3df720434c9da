// General failure causes found in the thirtieth and thirty-first held-out parts (issue 17, thirty-eighth round), each
// as a rule on made-up text: a list of sub-processors under a "Sub-processing" heading after the section's terms and
// a sentence introducing it. (The other cause, an addendum that never says "personal data" refused as not a DPA, is
// in dpa-import-extract.test.ts.)
import { markdown } from "../helpers/made-up-dpa";

const PARTIES = 'This agreement is between Parcelwise ("Processor") and the client ("Controller").';
const TERMS =
  "The Controller provides general authorization to the Processor to engage sub-processors. The Processor shall " +
  "notify the Controller of any intended changes at least 30 days prior to the change.";

test("a list under 'Sub-processing' after the section's terms and the sentence introducing it", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## 5. Sub-processing",
    "",
    `${TERMS} The Processor's current sub-processors include:`,
    "",
    "- **Amazon Web Services (AWS)** – Cloud infrastructure and data hosting.",
    "- **Mailfence** – Email delivery.",
    "",
    "## 6. Data Subject Rights",
    "",
    "- Promptly notify the Controller of requests",
  );
  expect(d.subprocessors.map((s) => s.value.name)).toEqual(["Amazon Web Services", "Mailfence"]);
});

test("under that heading, a list after terms that do not introduce it, or after 'shall:', is no one", async () => {
  for (const intro of [`${TERMS}`, `${TERMS} To that end the Processor shall:`]) {
    const d = await markdown(
      "# Data Processing Agreement",
      "",
      PARTIES,
      "",
      "## 5. Sub-processing",
      "",
      intro,
      "",
      "- Impose equivalent obligations",
      "- Remain liable",
    );
    expect(d.subprocessors).toEqual([]);
  }
});

test("a list the introducing sentence calls examples names no one", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## 5. Sub-processing",
    "",
    `${TERMS} Sub-processors may include, for example:`,
    "",
    "- Hosting Provider",
    "- Mail Provider",
  );
  expect(d.subprocessors).toEqual([]);
});
