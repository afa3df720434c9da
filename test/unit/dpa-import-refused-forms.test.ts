// Two forms a real DPA takes that were refused as "not a DPA" (held-out-51 and -53, scored unseen after the
// forty-seventh round), each on made-up text: a US student-data privacy agreement (FERPA), which speaks of "Student
// Data" and "personally identifiable information", never "personal data"; and a page whose DPA is JSX compiled in the
// browser (<script type="text/babel">), its text an array of sections in the script.
import { markdown, upload } from "../helpers/made-up-dpa";

test("a student-data privacy agreement is read as a data processing agreement", async () => {
  const d = await markdown(
    "# Student Data Privacy Agreement",
    "",
    '**Parties.** This Agreement is between the School District ("LEA") and Lumora Learning LLC ("Provider").',
    "",
    "## Article II: Purpose",
    "",
    "Provider shall use Student Data, including personally identifiable information from education records, only to",
    "provide the Services. Provider acts as a school official under FERPA.",
    "",
    "## Article V: Data Breach",
    "",
    "Provider shall notify the LEA within 72 hours of confirming an unauthorized release of Student Data.",
  );
  expect(d.parties.map((p: { name: { value: string } }) => p.name.value)).toContain("Lumora Learning LLC");
  expect(d.kind.value).toBe("DPA");
});

test("a DPA in a page's in-browser JSX (script type text/babel) is read where the script stands", async () => {
  const d = await upload(
    "dpa.html",
    "<html><head><title>DPA</title></head><body><div id='root'></div>",
    '<script type="text/babel">',
    "const SECTIONS = [",
    '  { id: "scope", title: "1. Scope & roles", body: [',
    '    "This Data Processing Agreement supplements the Terms between Lumora Docs, Inc. (\\"Processor\\") and you ' +
      '(\\"Controller\\").",',
    "  ]},",
    '  { id: "breach", title: "2. Personal data breach", body: [',
    '    "Processor shall notify Controller of a Personal Data Breach without undue delay and within 48 hours.",',
    "  ]},",
    "];",
    "function Page() { return <main>{SECTIONS.map((s) => <section key={s.id}><h2>{s.title}</h2>" +
      "{s.body.map((p, i) => <p key={i}>{p}</p>)}</section>)}</main>; }",
    "ReactDOM.createRoot(document.getElementById('root')).render(<Page />);",
    "</script>",
    '<script>console.log("not text")</script>',
    "</body></html>",
  );
  expect(d.parties.map((p: { name: { value: string } }) => p.name.value)).toContain("Lumora Docs, Inc.");
  expect(d.clauses.breachNotificationHours?.value).toBe(48);
});
