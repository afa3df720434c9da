// Which factors a query reads: the dashboard's page reads them light (key, label, weight, contribution;
// processor.service), and RiskAssessment.factors reads them whole only when a query asks for more.
import { FragmentDefinitionNode, Kind, SelectionSetNode } from "graphql";

/** The RiskFactor fields a light read of the factors has (the others are null there). */
const LIGHT_FACTOR_FIELDS = new Set(["key", "label", "weight", "contribution", "__typename"]);

/**
 * Whether a selection on RiskFactor asks for more than a light read has (input, explanation, evidence).
 * Fragments are followed; a fragment that cannot be found counts as asking for everything.
 */
export function asksBeyondLightFactors(
  selectionSet: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  seen = new Set<string>(),
): boolean {
  for (const s of selectionSet?.selections ?? []) {
    if (s.kind === Kind.FIELD) {
      if (!LIGHT_FACTOR_FIELDS.has(s.name.value)) return true;
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      if (asksBeyondLightFactors(s.selectionSet, fragments, seen)) return true;
    } else {
      const name = s.name.value;
      if (seen.has(name)) continue;
      seen.add(name);
      const fragment = fragments[name];
      if (!fragment || asksBeyondLightFactors(fragment.selectionSet, fragments, seen)) return true;
    }
  }
  return false;
}
