// The sub-processor tree drawn as a graph: each node is a processor reached along one chain, coloured by the
// worst class of the countries its hop sends data to (EEA / adequate / third country, also as ● ◆ ▲ and in
// words), with the hop's transfer mechanism; hops without a valid mechanism are marked ⚠, loops drawn as a
// dashed edge back to where the chain started repeating. Every node is a link to that processor. The same
// tree is also given as a nested list.
import type { ComponentChildren } from "preact";
import { countryName, label, t } from "../i18n";
import { navigate, url } from "../router";
import { layoutTree, DIMENSIONS, type LaidNode } from "../graph/layout";
import { MISSING_MECHANISM } from "../transfers";
import type { CountryClass, Hop, VendorChain } from "../api/types";

type Chain = NonNullable<VendorChain["processor"]>;

const MARK: Record<CountryClass, string> = { EEA: "●", ADEQUATE: "◆", THIRD_COUNTRY: "▲" };

interface NodeFacts {
  hop: Hop | null;
  destinations: { country: string | null; countryClass: CountryClass | null }[];
  mechanism: string | null;
  worstClass: CountryClass | null;
  problem: string | null;
}

function factsOf(node: LaidNode, chain: Chain): NodeFacts {
  const hops = chain.transferExposure.hops;
  const hop =
    node.engagementId === null
      ? (hops.find((h) => h.engagement === null) ?? null)
      : (hops.find((h) => h.engagement?.id === node.engagementId) ?? null);
  const entry = chain.subprocessorTree.find((e) => e.engagement.id === node.engagementId);
  const destinations = hop
    ? hop.destinations.map((d) => ({ country: d.country, countryClass: d.countryClass }))
    : (entry?.engagement.countries ?? []).map((c) => ({ country: c, countryClass: null }));
  const problem = hop?.findings.find((f) => MISSING_MECHANISM.has(f.kind))?.message ?? null;
  return {
    hop,
    destinations,
    mechanism: hop?.mechanism ?? entry?.engagement.transferMechanism ?? null,
    worstClass: hop?.worstClass ?? null,
    problem,
  };
}

function describe(node: LaidNode, facts: NodeFacts): string {
  const countries = facts.destinations.length
    ? facts.destinations
        .map((d) => {
          const where = d.country ? countryName(d.country) : t("country.unstated");
          return d.countryClass ? `${where} (${label("class", d.countryClass)})` : where;
        })
        .join(", ")
    : t("country.none");
  return [
    node.name,
    node.depth === 0 ? t("chain.root") : t("chain.level", { n: node.depth }),
    countries,
    node.depth > 0 && facts.mechanism ? `${t("col.mechanism")}: ${label("mechanism", facts.mechanism)}` : null,
    facts.problem ? `${t("transfers.noMechanism")}: ${facts.problem}` : null,
    node.cycle ? t("chain.cycle") : null,
  ]
    .filter(Boolean)
    .join(". ");
}

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function ChainGraph(props: { chain: Chain }) {
  const { chain } = props;
  const layout = layoutTree({ id: chain.id, name: chain.name }, chain.subprocessorTree);
  const facts = new Map(layout.nodes.map((n) => [n.key, factsOf(n, chain)]));
  const byKey = new Map(layout.nodes.map((n) => [n.key, n]));
  const { nodeW, nodeH } = DIMENSIONS;
  return (
    <div class="chain">
      <div class="graph-wrap" role="region" aria-label={t("chain.graphLabel", { name: chain.name })} tabIndex={0}>
        <svg
          class="graph"
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          role="group"
          aria-label={t("chain.graphLabel", { name: chain.name })}
        >
          <defs>
            <marker
              id="arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" class="arrow" />
            </marker>
          </defs>
          {layout.edges.map((e) => {
            const child = facts.get(e.to)!;
            const cls =
              e.kind === "cycle"
                ? "edge edge-cycle"
                : `edge edge-${(child.worstClass ?? "unknown").toLowerCase()}${child.problem ? " edge-problem" : ""}`;
            return (
              <path
                key={`${e.kind}:${e.from}:${e.to}`}
                class={cls}
                d={e.d}
                data-from={byKey.get(e.from)!.name}
                data-to={byKey.get(e.to)!.name}
                data-kind={e.kind}
                marker-end={e.kind === "cycle" ? "url(#arrow)" : undefined}
              />
            );
          })}
          {layout.nodes.map((n) => {
            const f = facts.get(n.key)!;
            const cls = [
              "node",
              `node-${(f.worstClass ?? "unknown").toLowerCase()}`,
              f.problem ? "node-problem" : "",
              n.cycle ? "node-cycle" : "",
              n.depth === 0 ? "node-root" : "",
            ].join(" ");
            const shown = f.destinations.slice(0, 4);
            return (
              <a
                key={n.key}
                href={url(`/processors/${n.id}`)}
                aria-label={describe(n, f)}
                class="node-link"
                onKeyDown={(e) => {
                  // Chromium does not turn Enter on an SVG link into a click: follow it here.
                  if (e.key === "Enter") {
                    e.preventDefault();
                    navigate(url(`/processors/${n.id}`));
                  }
                }}
              >
                <g
                  class={cls}
                  transform={`translate(${n.x} ${n.y})`}
                  data-name={n.name}
                  data-depth={n.depth}
                  data-class={f.worstClass ?? ""}
                  data-mechanism={n.depth > 0 ? (f.mechanism ?? "") : ""}
                  data-problem={f.problem ? "true" : "false"}
                  data-cycle={n.cycle ? "true" : "false"}
                >
                  <title>{describe(n, f)}</title>
                  <rect width={nodeW} height={nodeH} rx={6} />
                  <text x={10} y={19} class="node-name">
                    {n.cycle ? "↻ " : ""}
                    {truncate(n.name, 28)}
                  </text>
                  <text x={10} y={37} class="node-meta">
                    {shown.length === 0 && <tspan class="muted">{t("country.noneShort")}</tspan>}
                    {shown.map((d, i) => (
                      <tspan key={i} class={`cc cc-${(d.countryClass ?? "unknown").toLowerCase()}`}>
                        {i > 0 ? " " : ""}
                        {d.countryClass ? MARK[d.countryClass] : "○"} {d.country ?? t("country.unstatedShort")}
                      </tspan>
                    ))}
                    {f.destinations.length > shown.length && <tspan> +{f.destinations.length - shown.length}</tspan>}
                    {n.depth > 0 && f.mechanism && (
                      <tspan class="mech"> · {label("mechanismShort", f.mechanism)}</tspan>
                    )}
                  </text>
                  {f.problem && (
                    <g class="warn-mark" transform={`translate(${nodeW - 14} 12)`}>
                      <circle r={9} />
                      <text y={4} text-anchor="middle">
                        !
                      </text>
                    </g>
                  )}
                </g>
              </a>
            );
          })}
        </svg>
      </div>
      <Legend />
      <details class="chain-list">
        <summary>{t("chain.asList")}</summary>
        <ChainList nodes={layout.nodes} facts={facts} parent={null} />
      </details>
    </div>
  );
}

function ChainList(props: {
  nodes: LaidNode[];
  facts: Map<string, NodeFacts>;
  parent: string | null;
}): ComponentChildren {
  const level = props.nodes.filter((n) => n.parentKey === props.parent);
  if (!level.length) return null;
  return (
    <ul>
      {level.map((n) => (
        <li key={n.key}>
          <a href={url(`/processors/${n.id}`)}>{n.name}</a> —{" "}
          {describe(n, props.facts.get(n.key)!).split(". ").slice(1).join(". ")}
          <ChainList nodes={props.nodes} facts={props.facts} parent={n.key} />
        </li>
      ))}
    </ul>
  );
}

function Legend() {
  return (
    <ul class="legend" aria-label={t("chain.legend")}>
      <li class="cc-eea">● {label("class", "EEA")}</li>
      <li class="cc-adequate">◆ {label("class", "ADEQUATE")}</li>
      <li class="cc-third_country">▲ {label("class", "THIRD_COUNTRY")}</li>
      <li class="legend-problem">⚠ {t("transfers.noMechanism")}</li>
      <li class="legend-cycle">↻ {t("chain.cycleLegend")}</li>
    </ul>
  );
}
