import { loadLabels, uploadOf } from "./src/modules/dpa-import/extract/evaluation";
import { parseDocument } from "./src/modules/dpa-import/extract/parse";
import { extractAgreementDraft } from "./src/modules/dpa-import/extract";
const root = "/work/wt/i17r30";
const want = process.argv[2] ?? "held-out-24";
(async () => {
  for (const l of loadLabels(root).filter((x: any) => x.part === want)) {
    const p = await parseDocument(await uploadOf(root, l));
    const d: any = extractAgreementDraft(p);
    const strip = (o: any): any => JSON.parse(JSON.stringify(o, (k, v) => (k === "citations" || k === "citation" || k==="source" ? undefined : v)));
    console.log("=====", l.document);
    console.log("LABEL", JSON.stringify(strip(l)));
    console.log("DRAFT", JSON.stringify(strip(d)));
  }
})();
