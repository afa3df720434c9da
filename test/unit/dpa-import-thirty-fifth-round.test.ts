// General failure causes found in the twenty-ninth held-out part (issue 17, thirty-fifth round), each as a rule on
// made-up text: a plain "we do not transfer … outside the EU", and a list of the processor's duties after "The
// Processor shall:" in the sub-processors' section.
import { markdown } from "../helpers/made-up-dpa";

const PARTIES = 'This agreement is between Parcelwise ("Processor") and the client ("Controller").';

// "We do not transfer EU data outside the EU": a prohibition, as "will not transfer" is.
test("we do not transfer data outside the EU is a prohibition", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## 6. International transfers",
    "",
    "- We do not transfer customer data outside the EEA",
    "- You remain responsible for your own compliance",
  );
  expect(d.clauses.thirdCountryTransfers?.value).toBe("PROHIBITED");
});

// A bare "do not transfer" with no area ("we do not transfer data to advertisers") says nothing of third countries.
test("do not transfer without an area it keeps the data in is no prohibition", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## 6. International transfers",
    "",
    "We do not transfer data to advertisers. Transfers rely on the standard contractual clauses.",
  );
  expect(d.clauses.thirdCountryTransfers?.value).toBe("ALLOWED_WITH_SAFEGUARDS");
});

// "The Processor may engage Sub-processors … The Processor shall:" over a list of duties: no duty is a company.
test("a list of the processor's duties about sub-processors names no sub-processor", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## 5. Sub-processors",
    "",
    "The Processor may engage Sub-processors to help deliver the Service. The Processor shall:",
    "",
    "- Bind Sub-processors to equivalent data protection obligations",
    "- Stay liable for the acts of its Sub-processors",
    "- Keep a current list of Sub-processors at parcelwise.example/vendors",
    "- Give notice of new Sub-processors where the law requires",
  );
  expect(d.subprocessors.map((s) => s.value.name)).toEqual([]);
});

// The list after a sentence naming the sub-processors themselves is still read.
test("a list introduced as the sub-processors used is still read", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## 5. Sub-processors",
    "",
    "The Processor uses the following Sub-processors:",
    "",
    "- Hostwell Inc.: hosting",
    "- Mailrun Ltd: email delivery",
  );
  expect(d.subprocessors.map((s) => s.value.name)).toEqual(["Hostwell Inc.", "Mailrun Ltd"]);
});
