// One processor: its risk score with every factor and the score's history, the agreement in force with each
// clause value and the clause it was read from, the sub-processor tree as a graph, and its supervision
// (plan, reports, findings, breach and change notices) and evidence files. Three queries, so each part
// shows as soon as it is ready and each stays well under the API's cost limit.
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { download, useQuery, type ApiError } from "../api/client";
import { VENDOR, VENDOR_CHAIN, VENDOR_SUPERVISION } from "../api/queries";
import type { AgreementInForce, AuditTerms, Vendor, VendorChain, VendorSupervision } from "../api/types";
import {
  countryName,
  daysText,
  formatBytes,
  formatDate,
  formatDateTime,
  formatNumber,
  label,
  t,
  type Key,
} from "../i18n";
import { factorLabel } from "../i18n/factors";
import { url } from "../router";
import { canReadDocuments, session } from "../session";
import {
  CountryChip,
  Empty,
  ErrorNote,
  KeyValues,
  Loading,
  PageTitle,
  Section,
  StatusBadge,
  TableWrap,
  TierBadge,
} from "../components/ui";
import { RiskHistoryChart, thresholdsOf } from "../components/charts";
import { ChainGraph } from "../components/ChainGraph";

type P = NonNullable<Vendor["processor"]>;

function Summary(props: { p: P }) {
  const p = props.p;
  return (
    <Section id="about" title={t("vendor.about")}>
      <KeyValues
        rows={[
          [t("vendor.legalName"), p.legalName],
          [
            t("vendor.registration"),
            p.registrationNumber
              ? `${p.registrationNumber}${p.registrationScheme ? ` (${label("scheme", p.registrationScheme)})` : ""}`
              : null,
          ],
          [t("col.country"), p.countryCode ? countryName(p.countryCode) : null],
          [t("vendor.address"), p.address],
          [t("col.role"), p.direct ? t("processor.vendor") : t("processor.subprocessor")],
          [t("col.status"), <StatusBadge group="processorStatus" value={p.status} />],
          [t("vendor.service"), p.serviceDescription],
          [t("vendor.contact"), p.contactEmail],
          [t("vendor.website"), p.website],
          [
            t("vendor.dpf"),
            p.dpfCertifiedSince ? t("vendor.dpfSince", { date: formatDate(p.dpfCertifiedSince) }) : null,
          ],
          [t("vendor.source"), p.source],
        ]}
      />
      {p.upstream.length > 0 && !(p.upstream.length === 1 && p.upstream[0].length === 0) && (
        <div class="upstream">
          <h3>{t("vendor.reachedVia")}</h3>
          <ul>
            {p.upstream.slice(0, 10).map((c, i) => (
              <li key={i}>
                {c.processors.map((x, j) => (
                  <span key={x.id}>
                    {j > 0 && " → "}
                    {x.id === p.id ? <strong>{x.name}</strong> : <a href={url(`/processors/${x.id}`)}>{x.name}</a>}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Section>
  );
}

/** The vendor register's facts under the title: owner, criticality, contract dates, services, tags, notes. */
function RegisterHeader(props: { p: P }) {
  const p = props.p;
  const known =
    p.businessOwnerName ||
    p.businessOwnerEmail ||
    p.businessCriticality ||
    p.contractStartOn ||
    p.renewalOn ||
    p.noticeOn ||
    p.servicesProvided ||
    p.tags.length ||
    p.internalNotes;
  if (!known && !p.direct) return null;
  const owner = p.businessOwnerEmail ? (
    <>
      {p.businessOwnerName ?? p.businessOwnerEmail}
      {p.businessOwnerName && (
        <>
          {" "}
          (<a href={`mailto:${p.businessOwnerEmail}`}>{p.businessOwnerEmail}</a>)
        </>
      )}
    </>
  ) : (
    p.businessOwnerName
  );
  return (
    <section id="register" class="register" aria-label={t("vendor.register")}>
      <KeyValues
        rows={[
          [t("vendor.owner"), owner],
          [
            t("vendor.criticality"),
            p.businessCriticality ? <StatusBadge group="criticality" value={p.businessCriticality} /> : null,
          ],
          [t("vendor.contractStart"), p.contractStartOn ? formatDate(p.contractStartOn) : null],
          [t("vendor.renewal"), p.renewalOn ? formatDate(p.renewalOn) : null],
          [t("vendor.notice"), p.noticeOn ? formatDate(p.noticeOn) : null],
          [t("vendor.services"), p.servicesProvided],
          [
            t("vendor.tags"),
            p.tags.length ? (
              <span class="tags">
                {p.tags.map((tag) => (
                  <a class="chip chip-tag" key={tag} href={`${url("/processors")}?tag=${encodeURIComponent(tag)}`}>
                    {tag}
                  </a>
                ))}
              </span>
            ) : null,
          ],
          [t("vendor.notes"), p.internalNotes],
        ]}
      />
    </section>
  );
}

function Risk(props: { p: P; models: Vendor["riskModels"] }) {
  const r = props.p.risk;
  if (!r)
    return (
      <Section id="risk" title={t("vendor.risk")}>
        <Empty>{t("risk.notAssessed")}</Empty>
      </Section>
    );
  return (
    <Section id="risk" title={t("vendor.risk")}>
      <div class="risk-head">
        <div class="risk-score" data-score={r.score}>
          <span class="big">{formatNumber(r.score)}</span>
          <TierBadge tier={r.tier} />
        </div>
        <KeyValues
          rows={[
            [t("risk.ownScore"), formatNumber(r.ownScore)],
            [t("risk.inherentPoints"), `${r.inherentPoints} / 10`],
            [t("risk.minimumConcept"), String(r.minimumConcept)],
            [t("risk.model"), r.modelVersion],
            [t("col.computedAt"), formatDateTime(r.computedAt)],
          ]}
        />
      </div>
      <TableWrap label={t("risk.factors")}>
        <caption>{t("risk.factors")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("col.factor")}</th>
            <th scope="col">{t("col.input")}</th>
            <th scope="col" class="num">
              {t("col.weight")}
            </th>
            <th scope="col" class="num">
              {t("col.contribution")}
            </th>
            <th scope="col">{t("col.explanation")}</th>
          </tr>
        </thead>
        <tbody>
          {r.factors.map((f) => (
            <tr key={f.key} data-factor={f.key}>
              <th scope="row">
                <a href={url("/processors", { factor: f.key })} title={t("portfolio.othersWithFactor")}>
                  {factorLabel(f.key, f.label)}
                </a>
              </th>
              <td>{f.input}</td>
              <td class="num">{formatNumber(f.weight, 2)}</td>
              <td class={`num ${f.contribution > 0 ? "bad-text" : f.contribution < 0 ? "good-text" : ""}`}>
                {f.contribution > 0 ? "+" : ""}
                {formatNumber(f.contribution)}
              </td>
              <td>
                {f.explanation}
                {f.evidence.length > 0 && (
                  <span class="muted small">
                    {" "}
                    ({f.evidence.length === 1 ? t("risk.recordsOne") : t("risk.records", { n: f.evidence.length })})
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </TableWrap>
      <h3>{t("risk.history")}</h3>
      <RiskHistoryChart history={props.p.riskHistory} thresholds={thresholdsOf(props.models)} />
    </Section>
  );
}

const days = (n: number | null) => (n === null ? null : t("unit.days", { n }));
const yesNo = (b: boolean | null) => (b === null ? null : b ? t("common.yes") : t("common.no"));

function audit(a: AuditTerms): ComponentChildren {
  const parts = [
    a.methods.length ? a.methods.map((m) => label("method", m)).join(", ") : null,
    a.intervalMonths ? t("audit.every", { n: a.intervalMonths }) : null,
    a.dueDay ? t("audit.dueDay", { day: a.dueDay }) : null,
    a.noticeDays !== null ? t("audit.notice", { n: a.noticeDays }) : null,
    a.paidBy ? t("audit.paidBy", { who: label("costBearer", a.paidBy) }) : null,
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : null;
}

/** The clause values shown, each with the name its source is recorded under (Agreement.sources[].clause). */
function clauses(a: AgreementInForce): [Key, string, ComponentChildren][] {
  return [
    [
      "clause.breachNotificationHours",
      "breachNotificationHours",
      a.breachNotificationHours === null ? null : t("unit.hours", { n: a.breachNotificationHours }),
    ],
    [
      "clause.subprocessorAuthorization",
      "subprocessorAuthorization",
      a.subprocessorAuthorization && label("authorization", a.subprocessorAuthorization),
    ],
    ["clause.subprocessorNoticeDays", "subprocessorNoticeDays", days(a.subprocessorNoticeDays)],
    ["clause.objectionSuspendsChange", "objectionSuspendsChange", yesNo(a.objectionSuspendsChange)],
    [
      "clause.thirdCountryTransfers",
      "thirdCountryTransfers",
      a.thirdCountryTransfers && label("thirdCountry", a.thirdCountryTransfers),
    ],
    [
      "clause.processingLocations",
      "processingLocations",
      a.processingLocations.countries.length || a.processingLocations.description ? (
        <>
          {a.processingLocations.countries.map((c) => (
            <CountryChip key={c} code={c} />
          ))}
          {a.processingLocations.description && <div class="small">{a.processingLocations.description}</div>}
        </>
      ) : null,
    ],
    [
      "clause.endOfContractAction",
      "endOfContractAction",
      a.endOfContractAction && label("endAction", a.endOfContractAction),
    ],
    ["clause.retentionAfterEndDays", "retentionAfterEndDays", days(a.retentionAfterEndDays)],
    ["clause.processorAudit", "processorAudit", audit(a.processorAudit)],
    ["clause.subprocessorAudit", "subprocessorAudit", audit(a.subprocessorAudit)],
    ["clause.purposes", "purposes", a.purposes],
    ["clause.nature", "nature", a.nature],
    ["clause.duration", "duration", a.duration],
    ["clause.dataSubjectVolume", "dataSubjectVolume", label("volume", a.dataSubjectVolume)],
    [
      "clause.processingNature",
      "processingNature",
      a.processingNature.map((n) => label("nature", n)).join(", ") || null,
    ],
    ["clause.governingLaw", "governingLaw", a.governingLaw],
    ["clause.venue", "venue", a.venue],
  ];
}

function Agreement(props: { p: P }) {
  const a = props.p.currentAgreement;
  if (!a)
    return (
      <Section id="agreement" title={t("vendor.agreement")}>
        <p class="note note-warn">{t("vendor.noAgreement")}</p>
      </Section>
    );
  const rows = clauses(a);
  const sourceOf = (name: string) => a.sources.filter((s) => s.clause === name || s.clause.startsWith(`${name}.`));
  const shown = new Set(rows.map((r) => r[1]));
  const others = a.sources.filter((s) => ![...shown].some((n) => s.clause === n || s.clause.startsWith(`${n}.`)));
  return (
    <Section id="agreement" title={t("vendor.agreement")}>
      <p class="agreement-title">
        <strong>{a.title}</strong> · {label("agreementKind", a.kind)} · {label("template", a.template)} ·{" "}
        <StatusBadge group="agreementStatus" value={a.status} />
      </p>
      <KeyValues
        rows={[
          [
            t("agreement.principal"),
            a.principal ? (
              <a href={url(`/processors/${a.principal.id}`)}>{a.principal.name}</a>
            ) : (
              t("agreement.controller")
            ),
          ],
          [t("agreement.signedOn"), formatDate(a.signedOn)],
          [t("agreement.effectiveFrom"), formatDate(a.effectiveFrom)],
          [t("agreement.document"), a.documentReference],
        ]}
      />
      <TableWrap label={t("vendor.clauses")}>
        <caption>{t("vendor.clauses")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("col.clause")}</th>
            <th scope="col">{t("col.value")}</th>
            <th scope="col">{t("col.source")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, name, value]) => {
            const sources = sourceOf(name);
            return (
              <tr key={name} data-clause={name}>
                <th scope="row">{t(key)}</th>
                <td>
                  {value === null || value === undefined || value === "" ? (
                    <span class="muted">{t("clause.notStated")}</span>
                  ) : (
                    value
                  )}
                </td>
                <td class="small">
                  {sources.length === 0 && <span class="muted">—</span>}
                  {sources.map((s) => (
                    <div key={s.clause + s.reference} class="source">
                      <span class="ref">{s.reference}</span>
                      {s.note && (
                        <details>
                          <summary>{t("clause.note")}</summary>
                          <p>{s.note}</p>
                        </details>
                      )}
                    </div>
                  ))}
                </td>
              </tr>
            );
          })}
          {others.map((s) => (
            <tr key={`other-${s.clause}`} data-clause={s.clause}>
              <th scope="row">{s.clause}</th>
              <td class="muted">—</td>
              <td class="small">
                <span class="ref">{s.reference}</span>
                {s.note && <p>{s.note}</p>}
              </td>
            </tr>
          ))}
        </tbody>
      </TableWrap>
      <div class="columns">
        <div>
          <h3>{t("agreement.dataCategories")}</h3>
          {a.dataCategories.length === 0 ? (
            <Empty>{t("clause.notStated")}</Empty>
          ) : (
            <ul class="plain">
              {a.dataCategories.map((c) => (
                <li key={c.category.key}>
                  {c.category.name}{" "}
                  <span class={`badge badge-${c.category.sensitivity === "ORDINARY" ? "neutral" : "warn"}`}>
                    {label("sensitivity", c.category.sensitivity)}
                  </span>
                  {c.source && <span class="muted small"> · {c.source}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>{t("agreement.dataSubjects")}</h3>
          {a.dataSubjectCategories.length === 0 ? (
            <Empty>{t("clause.notStated")}</Empty>
          ) : (
            <ul class="plain">
              {a.dataSubjectCategories.map((c) => (
                <li key={c.category.key}>
                  {c.category.name}
                  {c.category.vulnerable && <span class="badge badge-warn"> {t("agreement.vulnerable")}</span>}
                  {c.source && <span class="muted small"> · {c.source}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      {a.requiredMeasures.length > 0 && (
        <details class="measures">
          <summary>{t("agreement.measures", { n: a.requiredMeasures.length })}</summary>
          <ul class="plain">
            {a.requiredMeasures.map((m) => (
              <li key={m.measure.key}>
                <strong>{m.measure.title}</strong>
                {m.clauseText && <div class="small">{m.clauseText}</div>}
                {m.source && <div class="muted small">{m.source}</div>}
              </li>
            ))}
          </ul>
        </details>
      )}
      {props.p.agreements.length > 1 && (
        <>
          <h3>{t("agreement.versions")}</h3>
          <ul class="plain">
            {props.p.agreements.map((x) => (
              <li key={x.id}>
                {x.title} · <StatusBadge group="agreementStatus" value={x.status} /> ·{" "}
                {formatDate(x.effectiveFrom ?? x.signedOn)}
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

function Chain(props: { id: string }) {
  const { data, error, loading, reload } = useQuery<VendorChain>(VENDOR_CHAIN, { id: props.id });
  const chain = data?.processor;
  const exposure = chain?.transferExposure;
  return (
    <Section id="chain" title={t("vendor.chain")}>
      {loading && !data && <Loading />}
      <ErrorNote error={error} onRetry={reload} />
      {chain && (
        <>
          <p class="muted">
            {t("chain.summary", {
              n: chain.subprocessorTree.length,
              countries: exposure!.countries.map(countryName).join(", ") || "—",
            })}{" "}
            {exposure!.worstClass && (
              <>
                {t("chain.worst")} <strong>{label("class", exposure!.worstClass)}</strong>.
              </>
            )}
          </p>
          {chain.subprocessorTree.length === 0 && <Empty>{t("chain.none")}</Empty>}
          <ChainGraph chain={chain} />
          {exposure!.findings.length > 0 && (
            <>
              <h3>{t("chain.findings")}</h3>
              <ul class="findings-list">
                {exposure!.findings.map((f, i) => (
                  <li key={i} data-kind={f.kind}>
                    <StatusBadge group="transferFinding" value={f.kind} /> {f.path.map((x) => x.name).join(" → ")}:{" "}
                    {f.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </Section>
  );
}

function Supervision(props: { id: string }) {
  const { data, error, loading, reload } = useQuery<VendorSupervision>(VENDOR_SUPERVISION, { id: props.id });
  const p = data?.processor;
  const plan = p?.supervisionPlan;
  return (
    <>
      <Section id="supervision" title={t("vendor.supervision")}>
        {loading && !data && <Loading />}
        <ErrorNote error={error} onRetry={reload} />
        {p && !plan && <Empty>{t("supervision.noPlan")}</Empty>}
        {plan && (
          <KeyValues
            rows={[
              [t("col.status"), <StatusBadge group="supervision" value={plan.status} />],
              [t("supervision.nextDue"), `${formatDate(plan.nextDueOn)} (${daysText(plan.daysUntilDue)})`],
              [t("supervision.lastSupervised"), formatDate(plan.lastSupervisedOn)],
              [
                t("supervision.required"),
                [
                  plan.requiredMethods.map((m) => label("method", m)).join(", "),
                  plan.requiredIntervalMonths ? t("audit.every", { n: plan.requiredIntervalMonths }) : null,
                  plan.requiredDueDay ? t("audit.dueDay", { day: plan.requiredDueDay }) : null,
                ]
                  .filter(Boolean)
                  .join(" · ") || null,
              ],
              [t("supervision.interval"), t("audit.every", { n: plan.intervalMonths })],
              [
                t("supervision.chosen"),
                plan.chosenMethod ? (
                  <>
                    {label("method", plan.chosenMethod)}
                    {plan.chosenMethodAllowed === false && (
                      <span class="bad-text"> ({t("supervision.notAllowed")})</span>
                    )}
                  </>
                ) : null,
              ],
              [t("col.owner"), plan.owner],
              [t("supervision.rationale"), plan.rationale],
              [
                t("supervision.open"),
                t("supervision.openItems", { findings: plan.openFindings, reports: plan.unreviewedReports }),
              ],
            ]}
          />
        )}
        {p && (
          <>
            <h3>{t("supervision.reports")}</h3>
            {p.auditReports.length === 0 ? (
              <Empty>{t("supervision.noReports")}</Empty>
            ) : (
              <TableWrap label={t("supervision.reports")}>
                <thead>
                  <tr>
                    <th scope="col">{t("col.title")}</th>
                    <th scope="col">{t("col.type")}</th>
                    <th scope="col">{t("col.received")}</th>
                    <th scope="col">{t("col.opinion")}</th>
                    <th scope="col">{t("col.review")}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.auditReports.map((r) => (
                    <tr key={r.id}>
                      <th scope="row">{r.title}</th>
                      <td>
                        {label("reportType", r.type)}
                        {r.reportKind ? ` ${label("reportKind", r.reportKind)}` : ""}
                      </td>
                      <td>{formatDate(r.receivedOn)}</td>
                      <td>{label("opinion", r.opinion)}</td>
                      <td>
                        {r.latestReview ? (
                          <>
                            <StatusBadge group="conclusion" value={r.latestReview.conclusion} />{" "}
                            {formatDate(r.latestReview.reviewedOn)}
                          </>
                        ) : (
                          <span class="badge badge-warn">{t("supervision.awaitingReview")}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </TableWrap>
            )}
            <h3>{t("supervision.findings")}</h3>
            {p.findings.length === 0 ? (
              <Empty>{t("findings.none")}</Empty>
            ) : (
              <TableWrap label={t("supervision.findings")}>
                <thead>
                  <tr>
                    <th scope="col">{t("col.severity")}</th>
                    <th scope="col">{t("col.status")}</th>
                    <th scope="col">{t("col.description")}</th>
                    <th scope="col">{t("col.due")}</th>
                    <th scope="col">{t("col.owner")}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.findings.map((f) => (
                    <tr key={f.id}>
                      <td>
                        <StatusBadge group="severity" value={f.severity} />
                      </td>
                      <td>
                        <StatusBadge group="findingStatus" value={f.status} />
                      </td>
                      <td>
                        {f.controlObjective && <strong>{f.controlObjective}: </strong>}
                        {f.description}
                      </td>
                      <td class={f.overdue ? "bad-text" : ""}>{formatDate(f.dueOn)}</td>
                      <td>{f.owner ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </TableWrap>
            )}
            {p.breachNotices.length > 0 && (
              <>
                <h3>{t("supervision.breaches")}</h3>
                <TableWrap label={t("supervision.breaches")}>
                  <thead>
                    <tr>
                      <th scope="col">{t("col.title")}</th>
                      <th scope="col">{t("breach.notifiedAt")}</th>
                      <th scope="col" class="num">
                        {t("breach.hours")}
                      </th>
                      <th scope="col">{t("breach.late")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.breachNotices.map((b) => (
                      <tr key={b.id}>
                        <th scope="row">{b.title}</th>
                        <td>{formatDateTime(b.notifiedAt)}</td>
                        <td class="num">
                          {formatNumber(b.hoursToNotify)}
                          {b.limitHours !== null && ` / ${b.limitHours}`}
                        </td>
                        <td class={b.notifiedLate ? "bad-text" : ""}>{yesNo(b.notifiedLate) ?? "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </TableWrap>
              </>
            )}
            <h3 id="notices">{t("supervision.changeNotices")}</h3>
            {p.changeNotices.length === 0 ? (
              <Empty>{t("portfolio.noNotices")}</Empty>
            ) : (
              <ul class="worklist compact">
                {p.changeNotices.map((n) => (
                  <li key={n.id}>
                    <span>
                      {label("changeKind", n.kind)}:{" "}
                      <a href={url(`/processors/${n.engagement.subprocessor.id}`)}>{n.engagement.subprocessor.name}</a>
                    </span>
                    <span>
                      {t("notice.received", { date: formatDate(n.receivedOn) })}
                      {n.deadline && ` · ${t("notice.deadline", { date: formatDate(n.deadline) })}`}
                      {n.daysLeft !== null && ` · ${daysText(n.daysLeft)}`}
                    </span>
                    <StatusBadge group="notice" value={n.state} />
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Section>
      {p && <EvidenceFiles files={p.evidence} />}
    </>
  );
}

function EvidenceFiles(props: { files: NonNullable<VendorSupervision["processor"]>["evidence"] }) {
  const [error, setError] = useState<ApiError | null>(null);
  const mayDownload = canReadDocuments(session().viewer);
  return (
    <Section id="evidence" title={t("vendor.evidence")}>
      <ErrorNote error={error} />
      {props.files.length === 0 ? (
        <Empty>{t("evidence.none")}</Empty>
      ) : (
        <TableWrap label={t("vendor.evidence")}>
          <thead>
            <tr>
              <th scope="col">{t("col.title")}</th>
              <th scope="col">{t("col.kind")}</th>
              <th scope="col">{t("evidence.effectiveOn")}</th>
              <th scope="col">{t("evidence.file")}</th>
              <th scope="col">SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {props.files.map((e) => (
              <tr key={e.id}>
                <th scope="row">{e.title}</th>
                <td>{label("evidenceKind", e.kind)}</td>
                <td>{formatDate(e.effectiveOn)}</td>
                <td>
                  {e.downloadPath && mayDownload ? (
                    <button
                      type="button"
                      class="link-button"
                      onClick={() =>
                        download(e.downloadPath!, e.fileName ?? "evidence").then(
                          () => setError(null),
                          (err) => setError(err),
                        )
                      }
                    >
                      {t("evidence.download", { name: e.fileName ?? e.title })}
                    </button>
                  ) : e.externalUri ? (
                    <a href={e.externalUri} rel="noreferrer noopener" target="_blank">
                      {t("evidence.external")}
                    </a>
                  ) : (
                    (e.fileName ?? "—")
                  )}
                  {e.sizeBytes !== null && <span class="muted small"> · {formatBytes(e.sizeBytes)}</span>}
                </td>
                <td>
                  <code class="hash" title={e.sha256}>
                    {e.sha256.slice(0, 12)}…
                  </code>
                </td>
              </tr>
            ))}
          </tbody>
        </TableWrap>
      )}
    </Section>
  );
}

export function VendorPage(props: { id: string }) {
  const { data, error, loading, reload } = useQuery<Vendor>(VENDOR, { id: props.id });
  const p = data?.processor;
  if (data && !p)
    return (
      <>
        <PageTitle title={t("vendor.notFound")} />
        <p>
          <a href={url("/processors")}>{t("processors.title")}</a>
        </p>
      </>
    );
  return (
    <>
      <PageTitle
        title={p?.name ?? t("loading")}
        sub={p ? (p.direct ? t("processor.vendor") : t("processor.subprocessor")) : undefined}
      >
        {p?.risk && <TierBadge tier={p.risk.tier} score={p.risk.score} />}
      </PageTitle>
      {p && (
        <nav class="in-page" aria-label={t("vendor.sections")}>
          <a href="#risk">{t("vendor.risk")}</a>
          <a href="#agreement">{t("vendor.agreement")}</a>
          <a href="#chain">{t("vendor.chain")}</a>
          <a href="#supervision">{t("vendor.supervision")}</a>
          <a href="#evidence">{t("vendor.evidence")}</a>
        </nav>
      )}
      {p && <RegisterHeader p={p} />}
      {loading && !data && <Loading />}
      <ErrorNote error={error} onRetry={reload} />
      {p && (
        <div class="grid">
          <Risk p={p} models={data!.riskModels} />
          <Agreement p={p} />
          <Chain id={props.id} />
          <Summary p={p} />
          <Supervision id={props.id} />
        </div>
      )}
    </>
  );
}
