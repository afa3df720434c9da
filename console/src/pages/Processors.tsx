// The processors list, riskiest first: the list behind the portfolio's numbers. Its filters live in the URL
// (?tier=HIGH, ?factor=supervision.never, ?search=, ?direct=1, and the vendor register's ?tag=, ?owner=,
// ?criticality=), so every count links here with what it counted. A filter is one entry of FILTERS.
import { useEffect, useState } from "preact/hooks";
import { gql, useQuery, type ApiError } from "../api/client";
import { PAGE_SIZE, PROCESSORS, VENDOR_TAGS } from "../api/queries";
import type { Page, ProcessorRow } from "../api/types";
import { countryName, formatNumber, label, t, type Key } from "../i18n";
import { factorLabel } from "../i18n/factors";
import { navigate, url, useRoute } from "../router";
import { Empty, ErrorNote, Loading, PageTitle, StatusBadge, TableWrap, TierBadge } from "../components/ui";

const CRITICALITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW"];

type Filter = Record<string, unknown>;

interface FilterDef {
  /** The URL parameter. */
  param: string;
  /** Its part of the API's ProcessorFilter. */
  toFilter: (value: string) => Filter;
  /** How an active value is described above the list. */
  describe: (value: string) => string;
}

const list = (v: string) => v.split(",").filter(Boolean);

export const FILTERS: FilterDef[] = [
  { param: "search", toFilter: (v) => ({ search: v }), describe: (v) => t("filter.searchFor", { text: v }) },
  {
    param: "direct",
    toFilter: (v) => ({ direct: v === "1" }),
    describe: (v) => (v === "1" ? t("filter.vendors") : t("filter.subprocessors")),
  },
  {
    param: "tier",
    toFilter: (v) => ({ riskTiers: list(v) }),
    describe: (v) =>
      list(v)
        .map((x) => label("tier", x))
        .join(", "),
  },
  {
    param: "factor",
    toFilter: (v) => ({ riskFactors: list(v) }),
    describe: (v) =>
      list(v)
        .map((k) => factorLabel(k))
        .join(", "),
  },
  {
    param: "status",
    toFilter: (v) => ({ status: list(v) }),
    describe: (v) =>
      list(v)
        .map((x) => label("processorStatus", x))
        .join(", "),
  },
  { param: "tag", toFilter: (v) => ({ tags: list(v) }), describe: (v) => list(v).join(", ") },
  { param: "owner", toFilter: (v) => ({ owner: v }), describe: (v) => t("filter.searchFor", { text: v }) },
  {
    param: "criticality",
    toFilter: (v) => ({ criticality: list(v) }),
    describe: (v) =>
      list(v)
        .map((x) => label("criticality", x))
        .join(", "),
  },
];

function filterOf(query: URLSearchParams): Filter {
  return Object.assign({}, ...FILTERS.filter((f) => query.get(f.param)).map((f) => f.toFilter(query.get(f.param)!)));
}

function withParam(query: URLSearchParams, param: string, value: string | null): string {
  const next = new URLSearchParams(query);
  if (value) next.set(param, value);
  else next.delete(param);
  const qs = next.toString();
  return url("/processors") + (qs ? `?${qs}` : "");
}

/** The tags in use on the vendors, sorted, with the one in the URL even when no vendor has it any more. */
function useTags(current: string | null): string[] {
  const { data } = useQuery<{ processors: Page<{ id: string; tags: string[] }> }>(VENDOR_TAGS, {});
  const tags = new Set(data?.processors.edges.flatMap((e) => e.node.tags) ?? []);
  if (current) tags.add(current);
  return [...tags].sort((a, b) => a.localeCompare(b, "da"));
}

function FilterForm(props: { query: URLSearchParams }) {
  const [search, setSearch] = useState(props.query.get("search") ?? "");
  const [owner, setOwner] = useState(props.query.get("owner") ?? "");
  useEffect(() => setSearch(props.query.get("search") ?? ""), [props.query.get("search")]);
  useEffect(() => setOwner(props.query.get("owner") ?? ""), [props.query.get("owner")]);
  const tags = useTags(props.query.get("tag"));
  const set = (param: string, value: string | null) =>
    navigate(withParam(props.query, param, value), { replace: true });
  return (
    <form
      class="filters"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        const next = new URLSearchParams(props.query);
        for (const [param, value] of [
          ["search", search.trim()],
          ["owner", owner.trim()],
        ]) {
          if (value) next.set(param, value);
          else next.delete(param);
        }
        const qs = next.toString();
        navigate(url("/processors") + (qs ? `?${qs}` : ""), { replace: true });
      }}
    >
      <label>
        <span>{t("filter.search")}</span>
        <input type="search" value={search} onInput={(e) => setSearch((e.target as HTMLInputElement).value)} />
      </label>
      <label>
        <span>{t("filter.owner")}</span>
        <input
          id="filter-owner"
          type="search"
          value={owner}
          onInput={(e) => setOwner((e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        <span>{t("filter.tag")}</span>
        <select
          id="filter-tag"
          value={props.query.get("tag") ?? ""}
          onChange={(e) => set("tag", (e.target as HTMLSelectElement).value || null)}
        >
          <option value="">{t("filter.all")}</option>
          {tags.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("filter.criticality")}</span>
        <select
          id="filter-criticality"
          value={props.query.get("criticality") ?? ""}
          onChange={(e) => set("criticality", (e.target as HTMLSelectElement).value || null)}
        >
          <option value="">{t("filter.all")}</option>
          {CRITICALITIES.map((c) => (
            <option key={c} value={c}>
              {label("criticality", c)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("filter.kind")}</span>
        <select
          value={props.query.get("direct") ?? ""}
          onChange={(e) => set("direct", (e.target as HTMLSelectElement).value || null)}
        >
          <option value="">{t("filter.all")}</option>
          <option value="1">{t("filter.vendors")}</option>
          <option value="0">{t("filter.subprocessors")}</option>
        </select>
      </label>
      <label>
        <span>{t("filter.tier")}</span>
        <select
          value={props.query.get("tier") ?? ""}
          onChange={(e) => set("tier", (e.target as HTMLSelectElement).value || null)}
        >
          <option value="">{t("filter.all")}</option>
          {["CRITICAL", "HIGH", "MEDIUM", "LOW"].map((tier) => (
            <option key={tier} value={tier}>
              {label("tier", tier)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{t("filter.apply")}</button>
    </form>
  );
}

function ActiveFilters(props: { query: URLSearchParams }) {
  const active = FILTERS.filter((f) => props.query.get(f.param));
  if (!active.length) return null;
  return (
    <p class="active-filters">
      {t("filter.active")}{" "}
      {active.map((f) => (
        <span class="chip chip-filter" key={f.param} data-filter={f.param}>
          {t(`filter.name.${f.param}` as Key)}: {f.describe(props.query.get(f.param)!)}{" "}
          <a
            href={withParam(props.query, f.param, null)}
            aria-label={t("filter.remove", { name: f.describe(props.query.get(f.param)!) })}
          >
            ✕
          </a>
        </span>
      ))}
    </p>
  );
}

export function ProcessorsPage() {
  const { query } = useRoute();
  const filter = filterOf(query);
  const first = useQuery<{ processors: Page<ProcessorRow> }>(PROCESSORS, { first: PAGE_SIZE, filter });
  const [more, setMore] = useState<{ rows: ProcessorRow[]; next: string | null; error: ApiError | null }>({
    rows: [],
    next: null,
    error: null,
  });
  const key = JSON.stringify(filter);
  useEffect(() => setMore({ rows: [], next: null, error: null }), [key]);

  const page = first.data?.processors;
  const rows = page ? [...page.edges.map((e) => e.node), ...more.rows] : [];
  const next = more.next ?? (more.rows.length ? null : page?.pageInfo.hasNextPage ? page.pageInfo.endCursor : null);

  async function loadMore() {
    try {
      const data = await gql<{ processors: Page<ProcessorRow> }>(PROCESSORS, { first: PAGE_SIZE, after: next, filter });
      setMore((m) => ({
        rows: [...m.rows, ...data.processors.edges.map((e) => e.node)],
        next: data.processors.pageInfo.hasNextPage ? data.processors.pageInfo.endCursor : null,
        error: null,
      }));
    } catch (e) {
      setMore((m) => ({ ...m, error: e as ApiError }));
    }
  }

  return (
    <>
      <PageTitle title={t("processors.title")} sub={page ? t("processors.count", { n: page.totalCount }) : undefined} />
      <FilterForm query={query} />
      <ActiveFilters query={query} />
      {first.loading && !page && <Loading />}
      <ErrorNote error={first.error} onRetry={first.reload} />
      {page && rows.length === 0 && <Empty>{t("processors.none")}</Empty>}
      {rows.length > 0 && (
        <TableWrap label={t("processors.title")}>
          <thead>
            <tr>
              <th scope="col">{t("col.processor")}</th>
              <th scope="col">{t("col.risk")}</th>
              <th scope="col">{t("col.topFactors")}</th>
              <th scope="col">{t("col.country")}</th>
              <th scope="col">{t("col.role")}</th>
              <th scope="col">{t("col.criticality")}</th>
              <th scope="col">{t("col.agreement")}</th>
              <th scope="col" class="num">
                {t("col.subprocessors")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id} data-processor={p.name}>
                <th scope="row">
                  <a href={url(`/processors/${p.id}`)}>{p.name}</a>
                  {p.status !== "ACTIVE" && (
                    <>
                      {" "}
                      <StatusBadge group="processorStatus" value={p.status} />
                    </>
                  )}
                  {p.tags.length > 0 && (
                    <div class="tags">
                      {p.tags.map((tag) => (
                        <a class="chip chip-tag" key={tag} href={withParam(query, "tag", tag)}>
                          {tag}
                        </a>
                      ))}
                    </div>
                  )}
                </th>
                <td>
                  <TierBadge tier={p.risk?.tier} score={p.risk?.score} />
                </td>
                <td class="small">{p.risk?.factors.map((f) => factorLabel(f.key, f.label)).join(" · ")}</td>
                <td>{p.countryCode ? countryName(p.countryCode) : "—"}</td>
                <td>{p.direct ? t("processor.vendor") : t("processor.subprocessor")}</td>
                <td data-criticality={p.businessCriticality ?? ""}>
                  {p.businessCriticality ? <StatusBadge group="criticality" value={p.businessCriticality} /> : "—"}
                </td>
                <td>
                  {p.currentAgreement ? (
                    t("processor.agreementInForce")
                  ) : (
                    <span class="bad-text">{t("processor.noAgreement")}</span>
                  )}
                </td>
                <td class="num">{formatNumber(p.subprocessorCount, 0)}</td>
              </tr>
            ))}
          </tbody>
        </TableWrap>
      )}
      <ErrorNote error={more.error} />
      {next && (
        <p>
          <button type="button" onClick={loadMore}>
            {t("action.showMore")}
          </button>
        </p>
      )}
    </>
  );
}
