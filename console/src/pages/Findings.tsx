// Findings across the portfolio: the list behind "open high or critical findings" (?open=1&severity=HIGH,CRITICAL).
import { useState, useEffect } from "preact/hooks";
import { gql, useQuery, type ApiError } from "../api/client";
import { FINDINGS, PAGE_SIZE } from "../api/queries";
import type { FindingRow, Page } from "../api/types";
import { formatDate, label, t } from "../i18n";
import { url, useRoute } from "../router";
import { Empty, ErrorNote, Loading, PageTitle, StatusBadge, TableWrap } from "../components/ui";

export function FindingsPage() {
  const { query } = useRoute();
  const severities = (query.get("severity") ?? "").split(",").filter(Boolean);
  const filter = {
    openOnly: query.get("open") === "1",
    overdueOnly: query.get("overdue") === "1",
    ...(severities.length ? { severities } : {}),
  };
  const first = useQuery<{ findings: Page<FindingRow> }>(FINDINGS, { first: PAGE_SIZE, filter });
  const [more, setMore] = useState<{ rows: FindingRow[]; next: string | null; error: ApiError | null }>({
    rows: [],
    next: null,
    error: null,
  });
  useEffect(() => setMore({ rows: [], next: null, error: null }), [JSON.stringify(filter)]);
  const page = first.data?.findings;
  const rows = page ? [...page.edges.map((e) => e.node), ...more.rows] : [];
  const next = more.next ?? (more.rows.length ? null : page?.pageInfo.hasNextPage ? page.pageInfo.endCursor : null);
  const describe = [
    filter.openOnly ? t("findings.open") : t("findings.all"),
    severities.map((s) => label("severity", s)).join(", "),
    filter.overdueOnly ? t("findings.overdue") : "",
  ]
    .filter(Boolean)
    .join(" · ");

  return (
    <>
      <PageTitle
        title={t("findings.title")}
        sub={page ? `${describe} — ${t("findings.count", { n: page.totalCount })}` : describe}
      />
      <p>
        <a href={url("/findings", { open: "1" })}>{t("findings.open")}</a> ·{" "}
        <a href={url("/findings", { open: "1", severity: ["HIGH", "CRITICAL"] })}>{t("findings.openHigh")}</a> ·{" "}
        <a href={url("/findings", { overdue: "1" })}>{t("findings.overdue")}</a> ·{" "}
        <a href={url("/findings")}>{t("findings.all")}</a>
      </p>
      {first.loading && !page && <Loading />}
      <ErrorNote error={first.error} onRetry={first.reload} />
      {page && rows.length === 0 && <Empty>{t("findings.none")}</Empty>}
      {rows.length > 0 && (
        <TableWrap label={t("findings.title")}>
          <thead>
            <tr>
              <th scope="col">{t("col.processor")}</th>
              <th scope="col">{t("col.severity")}</th>
              <th scope="col">{t("col.status")}</th>
              <th scope="col">{t("col.description")}</th>
              <th scope="col">{t("col.due")}</th>
              <th scope="col">{t("col.owner")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f) => (
              <tr key={f.id}>
                <th scope="row">
                  <a href={`${url(`/processors/${f.processor.id}`)}#supervision`}>{f.processor.name}</a>
                </th>
                <td>
                  <StatusBadge group="severity" value={f.severity} />
                </td>
                <td>
                  <StatusBadge group="findingStatus" value={f.status} />
                </td>
                <td>
                  {f.controlObjective && <strong>{f.controlObjective}: </strong>}
                  {f.description}
                  {f.auditReport && <div class="muted small">{f.auditReport.title}</div>}
                </td>
                <td class={f.overdue ? "bad-text" : ""}>{formatDate(f.dueOn)}</td>
                <td>{f.owner ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </TableWrap>
      )}
      <ErrorNote error={more.error} />
      {next && (
        <p>
          <button
            type="button"
            onClick={async () => {
              try {
                const data = await gql<{ findings: Page<FindingRow> }>(FINDINGS, {
                  first: PAGE_SIZE,
                  after: next,
                  filter,
                });
                setMore((m) => ({
                  rows: [...m.rows, ...data.findings.edges.map((e) => e.node)],
                  next: data.findings.pageInfo.hasNextPage ? data.findings.pageInfo.endCursor : null,
                  error: null,
                }));
              } catch (e) {
                setMore((m) => ({ ...m, error: e as ApiError }));
              }
            }}
          >
            {t("action.showMore")}
          </button>
        </p>
      )}
    </>
  );
}
