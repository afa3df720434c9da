// Danish labels of the risk model's factors (RiskFactor.key). The API gives English labels, inputs and
// explanations; the console shows the API's label wherever it has no Danish one (a new factor, say).
import { lang } from "./index";

const DA: Record<string, string> = {
  "agreement.missing": "Ingen databehandleraftale i kraft",
  "agreement.breachHours": "Frist for underretning om brud",
  "agreement.art28": "Manglende elementer efter art. 28(3)",
  "assurance.credit": "Gyldige certificeringer og rene erklæringer",
  "breaches.recent": "Nylige brud på persondatasikkerheden",
  "chain.propagation": "Risiko fra underdatabehandlere",
  "chain.unknown": "Ukendt kæde af underdatabehandlere",
  "findings.open": "Åbne afvigelser",
  "inherent.bounds": "Iboende point (grænser)",
  "inherent.chainReach": "Kædens rækkevidde",
  "inherent.sensitivity": "Mest følsomme oplysninger",
  "inherent.specialNature": "Behandlingens særlige karakter",
  "inherent.volume": "Antal registrerede",
  "measures.notImplemented": "Krævede foranstaltninger ikke gennemført",
  "report.old": "Seneste erklæring er gammel",
  "report.opinion": "Revisors konklusion",
  "report.unreviewed": "Erklæringer ikke gennemgået",
  "supervision.never": "Aldrig ført tilsyn",
  "supervision.overdue": "Tilsyn overskredet",
  "supervision.weakerMethod": "Svagere tilsynsform end krævet",
  "transfers.noMechanism": "Tredjelandsoverførsel uden overførselsgrundlag",
  "transfers.prohibited": "Overførsel aftalen forbyder",
};

export function factorLabel(key: string, apiLabel?: string | null): string {
  if (lang() === "da" && DA[key]) return DA[key];
  return apiLabel ?? key;
}
