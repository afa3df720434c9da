// The one value held-out-64 took where its label has an unfilled field, as a rule on made-up text: the controller
// called by the customer's word in the parties' sentence ("between Lumora ("Processor") and the client
// ("Controller")") is not named there, and where a line elsewhere leaves the controller's name to fill
// ("Controller = [CLIENT LEGAL NAME]") the name is marked PLACEHOLDER at that field.
import { markdown } from "../helpers/made-up-dpa";

const controllerOf = (d: Awaited<ReturnType<typeof markdown>>) => d.parties.find((p) => p.role === "CONTROLLER");

test("'the client' in the parties' sentence names no controller; the field left to fill is marked", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    'This DPA forms part of the agreement between **Lumora Ltd** ("**Processor**") and the client',
    '("**Controller**").',
    "",
    "## Annex 1",
    "",
    "- **Parties:** Controller = [CLIENT LEGAL NAME]; Processor = Lumora Ltd.",
  );
  expect(controllerOf(d)).toBeUndefined();
  expect(d.parties.find((p) => p.role === "PROCESSOR")?.name.value).toBe("Lumora Ltd");
  const marked = (d.placeholders ?? []).filter((r) => r.path === "parties.CONTROLLER.name");
  expect(marked.map((r) => r.citations[0]?.quote)).toEqual(["[CLIENT LEGAL NAME]"]);
});

test("'the customer' with no field to fill names no controller either; a controller's name stays", async () => {
  const generic = await markdown(
    "# Data Processing Agreement",
    "",
    'This DPA is made between Lumora ApS ("Processor") and the customer ("Controller").',
  );
  expect(controllerOf(generic)).toBeUndefined();
  const named = await markdown(
    "# Data Processing Agreement",
    "",
    'This DPA is made between Lumora ApS ("Processor") and Fjordby Kommune ("Controller").',
  );
  expect(controllerOf(named)?.name.value).toBe("Fjordby Kommune");
});
