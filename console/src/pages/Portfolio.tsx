// The portfolio: vendors by risk tier, the riskiest with their top factors, what is overdue or due soon,
// third-country exposure, pending change notices. Every number is a link to the list it counts.
import { useQuery } from "../api/client";
import { PORTFOLIO, PORTFOLIO_REGISTER, PORTFOLIO_TRANSFERS } from "../api/queries";
import type { Portfolio, PortfolioTransfers } from "../api/types";
import { daysText, formatDate, formatNumber, label, t } from "../i18n";
import { url } from "../router";
import { session } from "../session";
import {
  CountTile,
  Empty,
  ErrorNote,
  Loading,
  PageTitle,
  Section,
  StatusBadge,
  TableWrap,
  TierBadge,
} from "../components/ui";
import { TrendBars } from "../components/charts";
import { MISSING_MECHANISM } from "../transfers";
import { factorLabel } from "../i18n/factors";
import { bucketOf } from "../schedule";

const TIER_ORDER = ["CRITICAL", "HIGH", "MEDIUM", "LOW"] as const;

function Tiers(props: { data: Portfolio["riskOverview"] }) {
  const count = (tier: string) => props.data.tiers.find((x) => x.tier === tier)?.count ?? 0;
  return (
    <Section id="tiers" title={t("portfolio.tiers")}>
      <div class="tiles">
        {TIER_ORDER.map((tier) => (
          <CountTile
            key={tier}
            id={`tier-${tier}`}
            value={count(tier)}
            label={label("tier", tier)}
            href={url("/processors", { tier })}
            tone={`tier-${tier.toLowerCase()}`}
          />
        ))}
      </div>
      <TrendBars trend={props.data.trend} />
    </Section>
  );
}

function Riskiest(props: { data: Portfolio["riskOverview"] }) {
  const top = props.data.top;
  return (
    <Section
      id="riskiest"
      title={t("portfolio.riskiest")}
      actions={<a href={url("/processors")}>{t("portfolio.allProcessors", { n: props.data.processors })}</a>}
    >
      {top.length === 0 ? (
        <Empty>{t("portfolio.noAssessments")}</Empty>
      ) : (
        <TableWrap label={t("portfolio.riskiest")}>
          <thead>
            <tr>
              <th scope="col">{t("col.processor")}</th>
              <th scope="col">{t("col.risk")}</th>
              <th scope="col">{t("col.topFactors")}</th>
            </tr>
          </thead>
          <tbody>
            {top.map((r) => (
              <tr key={r.processor.id} data-processor={r.processor.name}>
                <th scope="row">
                  <a href={url(`/processors/${r.processor.id}`)}>{r.processor.name}</a>
                  {!r.processor.direct && <span class="muted small"> · {t("processor.subprocessor")}</span>}
                </th>
                <td>
                  <TierBadge tier={r.tier} score={r.score} />
                </td>
                <td>
                  <ul class="factors-inline">
                    {r.factors.map((f) => (
                      <li key={f.key}>
                        <a href={url("/processors", { factor: f.key })} title={t("portfolio.othersWithFactor")}>
                          {factorLabel(f.key, f.label)}
                        </a>{" "}
                        <span class="muted">+{formatNumber(f.contribution)}</span>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </TableWrap>
      )}
    </Section>
  );
}

function Problems(props: { data: Portfolio["riskOverview"] }) {
  const d = props.data;
  return (
    <Section id="problems" title={t("portfolio.problems")}>
      <div class="tiles">
        <CountTile
          id="problem-without-agreement"
          value={d.withoutAgreement}
          label={t("portfolio.withoutAgreement")}
          href={url("/processors", { factor: "agreement.missing" })}
          tone={d.withoutAgreement ? "bad" : "good"}
        />
        <CountTile
          id="problem-never-supervised"
          value={d.neverSupervised}
          label={t("portfolio.neverSupervised")}
          href={url("/processors", { factor: "supervision.never" })}
          tone={d.neverSupervised ? "warn" : "good"}
        />
        <CountTile
          id="problem-overdue"
          value={d.overdueSupervision}
          label={t("portfolio.overdueSupervision")}
          href={url("/schedule", { status: "OVERDUE", kind: "supervision" })}
          tone={d.overdueSupervision ? "bad" : "good"}
        />
        <CountTile
          id="problem-no-mechanism"
          value={d.thirdCountryWithoutMechanism}
          label={t("portfolio.thirdCountryWithoutMechanism")}
          href={url("/processors", { factor: "transfers.noMechanism" })}
          tone={d.thirdCountryWithoutMechanism ? "bad" : "good"}
        />
        <CountTile
          id="problem-findings"
          value={d.openHighOrCriticalFindings}
          label={t("portfolio.openFindings")}
          href={url("/findings", { open: "1", severity: ["HIGH", "CRITICAL"] })}
          tone={d.openHighOrCriticalFindings ? "bad" : "good"}
        />
      </div>
    </Section>
  );
}

function Supervision(props: { plans: Portfolio["supervisionSchedule"] }) {
  const overdue = props.plans.filter((p) => bucketOf(p.daysUntilDue) === "overdue");
  const soon = props.plans.filter((p) => bucketOf(p.daysUntilDue) === "soon");
  return (
    <Section
      id="supervision"
      title={t("portfolio.supervision")}
      actions={<a href={url("/schedule")}>{t("portfolio.openSchedule")}</a>}
    >
      <div class="tiles">
        <CountTile
          id="supervision-overdue"
          value={overdue.length}
          label={t("portfolio.overdue")}
          href={url("/schedule", { status: "OVERDUE" })}
          tone={overdue.length ? "bad" : "good"}
        />
        <CountTile
          id="supervision-due-soon"
          value={soon.length}
          label={t("portfolio.dueSoon")}
          href={url("/schedule", { status: "DUE_SOON" })}
          tone={soon.length ? "warn" : "good"}
        />
      </div>
      {props.plans.length > 0 && (
        <ul class="worklist compact">
          {props.plans.slice(0, 8).map((p) => (
            <li key={p.processor.id}>
              <a href={`${url(`/processors/${p.processor.id}`)}#supervision`}>{p.processor.name}</a>
              <span>
                {formatDate(p.nextDueOn)} ·{" "}
                <span class={(p.daysUntilDue ?? 0) < 0 ? "bad-text" : ""}>{daysText(p.daysUntilDue)}</span>
              </span>
              <StatusBadge group="supervision" value={p.status} />
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function Transfers(props: { overview: Portfolio["riskOverview"] }) {
  const { data, error, loading, reload } = useQuery<PortfolioTransfers>(PORTFOLIO_TRANSFERS);
  const vendors = data?.transferExposure ?? [];
  return (
    <Section id="transfers" title={t("portfolio.transfers")}>
      {loading && !data && <Loading />}
      <ErrorNote error={error} onRetry={reload} />
      {data && (
        <>
          <p class="muted">
            {t("portfolio.transfersIntro")}{" "}
            <a href={url("/processors", { factor: "transfers.noMechanism" })} id="transfers-no-mechanism">
              {t("portfolio.withoutMechanismCount", { n: props.overview.thirdCountryWithoutMechanism })}
            </a>
          </p>
          {vendors.length === 0 ? (
            <Empty>{t("portfolio.noThirdCountry")}</Empty>
          ) : (
            <ul class="exposure">
              {vendors.map((v) => {
                const problems = new Set(
                  v.findings.filter((f) => MISSING_MECHANISM.has(f.kind)).map((f) => f.path[f.path.length - 1]?.id),
                );
                return (
                  <li key={v.processor.id} data-processor={v.processor.name}>
                    <a href={`${url(`/processors/${v.processor.id}`)}#chain`}>{v.processor.name}</a>
                    <ul>
                      {v.hops
                        .filter((h) => h.worstClass === "THIRD_COUNTRY")
                        .map((h) => (
                          <li
                            key={`${h.depth}-${h.to.id}`}
                            class={problems.has(h.to.id) ? "hop-problem" : ""}
                            data-hop={h.to.name}
                          >
                            {h.depth > 0 ? h.to.name : t("transfers.ownProcessing")}
                            {` · ${label("class", "THIRD_COUNTRY")} · `}
                            {problems.has(h.to.id) ? (
                              <strong class="bad-text">{t("transfers.noMechanism")}</strong>
                            ) : (
                              label("mechanism", h.mechanism)
                            )}
                          </li>
                        ))}
                    </ul>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </Section>
  );
}

function Notices(props: { notices: Portfolio["pendingChangeNotices"] }) {
  return (
    <Section
      id="notices"
      title={t("portfolio.notices")}
      actions={
        <a href={url("/schedule", { kind: "notices" })}>{t("portfolio.noticesCount", { n: props.notices.length })}</a>
      }
    >
      {props.notices.length === 0 ? (
        <Empty>{t("portfolio.noNotices")}</Empty>
      ) : (
        <ul class="worklist compact">
          {props.notices.map((n) => (
            <li key={n.id}>
              <a href={`${url(`/processors/${n.processor.id}`)}#supervision`}>
                {n.processor.name} → {n.engagement.subprocessor.name}
              </a>
              <span>
                {n.deadline ? formatDate(n.deadline) : t("notice.noDeadline")} ·{" "}
                <span class={(n.daysLeft ?? 0) < 0 ? "bad-text" : ""}>
                  {t("notice.daysLeft", { days: daysText(n.daysLeft) })}
                </span>
              </span>
              <StatusBadge group="notice" value={n.state} />
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

type RegisterCounts = Record<"critical" | "high" | "medium" | "low", { totalCount: number }> & {
  vendors: { edges: { node: { id: string; tags: string[]; businessOwnerName: string | null } }[] };
};

/** How many of a value's occurrences, most first, then by name. */
function counted(values: string[]): [string, number][] {
  const n = new Map<string, number>();
  for (const v of values) n.set(v, (n.get(v) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "da"));
}

/** The vendor register: vendors by business criticality, and by tag and business owner; each opens its list. */
function Register() {
  const { data, error, reload } = useQuery<RegisterCounts>(PORTFOLIO_REGISTER);
  if (!data) return <ErrorNote error={error} onRetry={reload} />;
  const vendors = data.vendors.edges.map((e) => e.node);
  const tags = counted(vendors.flatMap((v) => v.tags));
  const owners = counted(vendors.flatMap((v) => (v.businessOwnerName ? [v.businessOwnerName] : [])));
  return (
    <Section id="register" title={t("portfolio.register")}>
      <div class="tiles">
        {TIER_ORDER.map((c) => (
          <CountTile
            key={c}
            id={`criticality-${c}`}
            value={data[c.toLowerCase() as "critical" | "high" | "medium" | "low"].totalCount}
            label={label("criticality", c)}
            href={url("/processors", { direct: "1", criticality: c })}
            tone={`tier-${c.toLowerCase()}`}
          />
        ))}
      </div>
      {tags.length > 0 && (
        <p class="tags" id="register-tags">
          <span class="muted">{t("filter.tag")}:</span>{" "}
          {tags.map(([tag, n]) => (
            <a class="chip chip-tag" key={tag} href={url("/processors", { tag })} data-count={n}>
              {tag} ({n})
            </a>
          ))}
        </p>
      )}
      {owners.length > 0 && (
        <p class="tags" id="register-owners">
          <span class="muted">{t("filter.owner")}:</span>{" "}
          {owners.map(([owner, n]) => (
            <a class="chip chip-tag" key={owner} href={url("/processors", { owner })} data-count={n}>
              {owner} ({n})
            </a>
          ))}
        </p>
      )}
    </Section>
  );
}

export function PortfolioPage() {
  const { data, error, loading, reload } = useQuery<Portfolio>(PORTFOLIO);
  const org = session().viewer?.organization.name;
  return (
    <>
      <PageTitle
        title={t("portfolio.title")}
        sub={
          data
            ? t("portfolio.sub", {
                org: org ?? "",
                n: data.riskOverview.processors,
                model: data.riskOverview.modelVersion,
              })
            : org
        }
      />
      {loading && !data && <Loading />}
      <ErrorNote error={error} onRetry={reload} />
      {data && (
        <div class="grid">
          <Tiers data={data.riskOverview} />
          <Problems data={data.riskOverview} />
          <Riskiest data={data.riskOverview} />
          <Supervision plans={data.supervisionSchedule} />
          <Transfers overview={data.riskOverview} />
          <Notices notices={data.pendingChangeNotices} />
          <Register />
        </div>
      )}
    </>
  );
}
