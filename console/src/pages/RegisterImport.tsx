// Register import: upload a vendor register (.xlsx or .csv, POST /imports/register as any integration would),
// download the template, and review a plan before it is written: counts per action, every row with its
// action and changed fields, every problem at its sheet, row and column with the rule, the column mapping
// (heading → field, columns not read listed) corrected and planned again, then apply or discard.
import { useMemo, useState } from "preact/hooks";
import { ApiError, download, mutate, postForm, useQuery, UserErrors } from "../api/client";
import {
  APPLY_REGISTER_IMPORT,
  CORRECT_REGISTER_IMPORT,
  DISCARD_REGISTER_IMPORT,
  REGISTER_IMPORT,
  REGISTER_IMPORTS,
} from "../api/queries";
import type {
  RegisterImportDetail,
  RegisterImportSummary,
  RegisterProblem,
  RegisterRow,
  RegisterRowAction,
  RegisterSheet,
  RegisterTemplateField,
} from "../api/types";
import { formatBytes, formatDateTime, label, lang, t } from "../i18n";
import { navigate, url } from "../router";
import { canWrite, session } from "../session";
import { Empty, ErrorNote, Loading, PageTitle, Section, StatusBadge, TableWrap } from "../components/ui";

const ACTIONS: RegisterRowAction[] = ["CREATE", "UPDATE", "UNCHANGED", "REJECTED"];
const ACTION_TONE: Record<RegisterRowAction, string> = {
  CREATE: "good",
  UPDATE: "warn",
  UNCHANGED: "neutral",
  REJECTED: "bad",
};
const COUNT_KEY = { CREATE: "create", UPDATE: "update", UNCHANGED: "unchanged", REJECTED: "rejected" } as const;

function messageOf(e: unknown): string {
  return e instanceof UserErrors ? e.errors.map((x) => x.message).join(" ") : (e as Error).message;
}

function ActionBadge(props: { action: RegisterRowAction }) {
  return (
    <span class={`badge badge-${ACTION_TONE[props.action]}`} data-action={props.action}>
      {label("registerAction", props.action)}
    </span>
  );
}

function TemplateLinks() {
  const [error, setError] = useState<Error | null>(null);
  const get = (l: "da" | "en") => () =>
    download(`/imports/register/template.xlsx?lang=${l}`, `register-template.${l}.xlsx`).catch(setError);
  return (
    <div class="template-links">
      <p class="help">{t("register.templateHelp")}</p>
      <button type="button" id="register-template-da" onClick={get("da")}>
        {t("register.templateDa")}
      </button>{" "}
      <button type="button" id="register-template-en" onClick={get("en")}>
        {t("register.templateEn")}
      </button>
      <ErrorNote error={error} />
    </div>
  );
}

function RegisterUploadForm() {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (!file) return setError(new ApiError(t("imports.chooseFile")));
    setBusy(true);
    setError(null);
    const form = new FormData();
    form.append("file", file, file.name);
    try {
      const body = await postForm<{ registerImport: { id: string } }>("/imports/register", form);
      navigate(url(`/register-import/${body.registerImport.id}`));
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form upload" onSubmit={submit}>
      <label for="register-file">{t("register.file")}</label>
      <input
        id="register-file"
        name="file"
        type="file"
        accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        aria-describedby="register-file-help"
        onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)}
      />
      <p id="register-file-help" class="help">
        {t("register.fileHelp")}
      </p>
      <ErrorNote error={error} />
      <button type="submit" class="primary" disabled={busy} id="register-upload">
        {busy ? t("register.planning") : t("register.upload")}
      </button>
    </form>
  );
}

function CountsLine(props: { counts: RegisterImportSummary["counts"] }) {
  return (
    <span class="register-counts">
      {ACTIONS.map((a) => (
        <span key={a} class="nowrap">
          {label("registerAction", a)} {props.counts[COUNT_KEY[a]]}
          {a !== "REJECTED" ? " · " : ""}
        </span>
      ))}
    </span>
  );
}

/** /register-import: upload, template, and the imports so far. */
export function RegisterImportsPage() {
  const { data, error, loading, reload } = useQuery<{ registerImports: RegisterImportSummary[] }>(REGISTER_IMPORTS);
  const rows = data?.registerImports ?? [];
  return (
    <>
      <PageTitle title={t("register.title")} sub={t("register.intro")} />
      <div class="grid">
        <Section id="register-upload-section" title={t("register.uploadTitle")}>
          {canWrite(session().viewer) ? <RegisterUploadForm /> : <p class="muted">{t("register.readOnly")}</p>}
          <TemplateLinks />
        </Section>
        <Section id="register-imports" title={t("imports.list")}>
          {loading && !data && <Loading />}
          <ErrorNote error={error} onRetry={reload} />
          {data && rows.length === 0 && <Empty>{t("imports.none")}</Empty>}
          {rows.length > 0 && (
            <TableWrap label={t("imports.list")}>
              <thead>
                <tr>
                  <th scope="col">{t("register.fileName")}</th>
                  <th scope="col">{t("col.status")}</th>
                  <th scope="col">{t("imports.uploaded")}</th>
                  <th scope="col">{t("register.rows")}</th>
                  <th scope="col" class="num">
                    {t("register.problems")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <a href={url(`/register-import/${r.id}`)}>{r.fileName}</a>
                      <span class="muted small"> · {formatBytes(r.sizeBytes)}</span>
                    </th>
                    <td>
                      <StatusBadge group="registerStatus" value={r.status} />
                    </td>
                    <td>{formatDateTime(r.createdAt)}</td>
                    <td>
                      <CountsLine counts={r.counts} />
                    </td>
                    <td class="num">{r.problemCount}</td>
                  </tr>
                ))}
              </tbody>
            </TableWrap>
          )}
        </Section>
      </div>
    </>
  );
}

const where = (p: RegisterProblem) =>
  [
    p.row !== null ? t("register.rowN", { n: p.row }) : null,
    p.column ? `${p.column}${p.heading ? ` (${p.heading})` : ""}` : null,
  ]
    .filter(Boolean)
    .join(", ");

function ProblemText(props: { p: RegisterProblem }) {
  const { p } = props;
  return (
    <li
      class={`problem problem-${p.severity.toLowerCase()}`}
      data-sheet={p.sheet}
      data-row={p.row ?? undefined}
      data-column={p.column ?? undefined}
      data-code={p.code}
    >
      <strong>{p.column ?? t("register.wholeRow")}</strong>
      {p.heading && <span class="muted"> ({p.heading})</span>}: {p.rule}{" "}
      <span class="code">
        {label("severity", p.severity)} · {p.code}
      </span>
    </li>
  );
}

function RowsTable(props: { imp: RegisterImportDetail; problemsAt: Map<string, RegisterProblem[]> }) {
  const [shown, setShown] = useState<RegisterRowAction | null>(null);
  const rows = shown ? props.imp.rows.filter((r) => r.action === shown) : props.imp.rows;
  const fieldName = (f: string) => label("registerField", f);
  return (
    <>
      <div class="tiles register-tiles" role="group" aria-label={t("register.filterByAction")}>
        {ACTIONS.map((a) => (
          <button
            type="button"
            key={a}
            id={`count-${a}`}
            class={`tile tile-${ACTION_TONE[a]}`}
            aria-pressed={shown === a}
            data-count={props.imp.counts[COUNT_KEY[a]]}
            onClick={() => setShown(shown === a ? null : a)}
          >
            <span class="tile-value">{props.imp.counts[COUNT_KEY[a]]}</span>
            <span class="tile-label">{label("registerAction", a)}</span>
          </button>
        ))}
      </div>
      {rows.length === 0 ? (
        <Empty>{t("register.noRows")}</Empty>
      ) : (
        <TableWrap label={t("register.rowsTitle")}>
          <thead>
            <tr>
              <th scope="col">{t("register.where")}</th>
              <th scope="col">{t("register.record")}</th>
              <th scope="col">{t("register.action")}</th>
              <th scope="col">{t("register.details")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r: RegisterRow) => {
              const problems = props.problemsAt.get(`${r.sheet}\u0000${r.row}`) ?? [];
              return (
                <tr key={`${r.sheet}-${r.row}-${r.label}`} data-row={r.row} data-sheet={r.sheet} data-action={r.action}>
                  <td>
                    {r.sheet} · {t("register.rowN", { n: r.row })}
                  </td>
                  <th scope="row">
                    {r.recordId && r.kind === "PROCESSORS" ? (
                      <a href={url(`/processors/${r.recordId}`)}>{r.label}</a>
                    ) : (
                      r.label
                    )}
                    {r.implicit && <span class="muted small"> · {t("register.implicit")}</span>}
                  </th>
                  <td>
                    <ActionBadge action={r.action} />
                  </td>
                  <td>
                    {r.changes.length > 0 && r.action === "UPDATE" && (
                      <ul class="changes">
                        {r.changes.map((c) => (
                          <li key={c.field} data-field={c.field}>
                            <strong>{fieldName(c.field)}</strong>: <del>{c.from ?? "—"}</del> → <ins>{c.to ?? "—"}</ins>
                          </li>
                        ))}
                      </ul>
                    )}
                    {problems.length > 0 && (
                      <ul class="problems">
                        {problems.map((p, i) => (
                          <ProblemText key={i} p={p} />
                        ))}
                      </ul>
                    )}
                    {r.changes.length === 0 && problems.length === 0 && <span class="muted">—</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </TableWrap>
      )}
    </>
  );
}

/** The column mapping of every sheet, each column's field chosen from the template's fields for its kind. */
function MappingForm(props: {
  imp: RegisterImportDetail;
  fields: RegisterTemplateField[];
  editable: boolean;
  onPlanned: () => void;
}) {
  const key = (s: RegisterSheet, letter: string) => `${s.name}\u0000${letter}`;
  const initial = useMemo(() => {
    const m = new Map<string, string>();
    for (const s of props.imp.sheets) for (const c of s.columns) m.set(key(s, c.letter), c.field ?? "");
    return m;
  }, [props.imp]);
  const [choice, setChoice] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const heading = (f: RegisterTemplateField) => (lang() === "da" ? f.headingDa : f.headingEn);
  const changed = [...choice].filter(([k, v]) => initial.get(k) !== v);

  async function submit(event: Event) {
    event.preventDefault();
    // Corrections replace the earlier ones: send those kept from before with the new choices.
    const mapping = new Map<string, { sheet: string; column: string; field: string | null }>();
    for (const s of props.imp.sheets)
      for (const c of s.columns) {
        const v = choice.get(key(s, c.letter)) ?? "";
        if (c.mappedBy === "CORRECTION" || initial.get(key(s, c.letter)) !== v)
          mapping.set(key(s, c.letter), { sheet: s.name, column: c.letter, field: v || null });
      }
    setBusy(true);
    setError(null);
    try {
      await mutate(CORRECT_REGISTER_IMPORT, { input: { id: props.imp.id, columnMapping: [...mapping.values()] } });
      props.onPlanned();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form mapping" onSubmit={submit}>
      {props.imp.sheets.map((s) => {
        const options = props.fields.filter((f) => f.sheet === s.kind);
        const unread = s.columns.filter((c) => !c.field);
        return (
          <fieldset key={s.name} data-sheet={s.name}>
            <legend>
              {s.name}{" "}
              <span class="muted small">
                · {s.kind ? label("registerSheet", s.kind) : t("register.sheetNotRead")}
                {s.headerRow !== null && ` · ${t("register.headerRow", { n: s.headerRow })}`} ·{" "}
                {t("register.rowsRead", { n: s.rowsRead })}
              </span>
            </legend>
            {unread.length > 0 && (
              <p class="note note-warn unread-columns">
                {t("register.unread")} {unread.map((c) => `${c.letter} “${c.heading}”`).join(", ")}
              </p>
            )}
            {s.kind && (
              <TableWrap label={t("register.mappingOf", { sheet: s.name })}>
                <thead>
                  <tr>
                    <th scope="col">{t("register.column")}</th>
                    <th scope="col">{t("register.heading")}</th>
                    <th scope="col">{t("register.field")}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.columns.map((c) => {
                    const id = `map-${s.name.replace(/\W+/g, "_")}-${c.letter}`;
                    return (
                      <tr key={c.letter} data-column={c.letter}>
                        <td>{c.letter}</td>
                        <th scope="row">
                          <label for={id}>{c.heading}</label>
                          {c.mappedBy === "CORRECTION" && <span class="muted small"> · {t("register.corrected")}</span>}
                        </th>
                        <td>
                          <select
                            id={id}
                            disabled={!props.editable || busy}
                            value={choice.get(key(s, c.letter)) ?? ""}
                            onChange={(e) => {
                              const next = new Map(choice);
                              next.set(key(s, c.letter), (e.target as HTMLSelectElement).value);
                              setChoice(next);
                            }}
                          >
                            <option value="">{t("register.notRead")}</option>
                            {options.map((f) => (
                              <option key={f.field} value={f.field}>
                                {heading(f)} ({f.field}){f.required ? " *" : ""}
                              </option>
                            ))}
                          </select>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </TableWrap>
            )}
          </fieldset>
        );
      })}
      {props.editable && (
        <>
          <p class="help">{t("register.mappingHelp")}</p>
          {error && (
            <p class="note note-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="primary" id="register-replan" disabled={busy || changed.length === 0}>
            {busy ? t("register.planning") : t("register.replan", { n: changed.length })}
          </button>
        </>
      )}
    </form>
  );
}

function Decide(props: { imp: RegisterImportDetail; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [discarding, setDiscarding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (doc: string) => async () => {
    setBusy(true);
    setError(null);
    try {
      await mutate(doc, { input: { id: props.imp.id } });
      props.onDone();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
      setDiscarding(false);
    }
  };
  const c = props.imp.counts;
  return (
    <section class="card decide" aria-labelledby="register-decide-title" id="register-decide">
      <h2 id="register-decide-title">{t("register.decide")}</h2>
      <p>{t("register.applyHelp", { create: c.create, update: c.update, rejected: c.rejected })}</p>
      <div class="form inline">
        <button type="button" class="primary" id="register-apply" disabled={busy} onClick={run(APPLY_REGISTER_IMPORT)}>
          {t("register.apply")}
        </button>
        {!discarding ? (
          <button type="button" disabled={busy} onClick={() => setDiscarding(true)} id="register-discard">
            {t("review.discard")}
          </button>
        ) : (
          <span class="confirm-discard" role="group" aria-label={t("register.discardSure")}>
            {t("register.discardSure")}{" "}
            <button type="button" class="danger" onClick={run(DISCARD_REGISTER_IMPORT)} disabled={busy}>
              {t("review.discardYes")}
            </button>{" "}
            <button type="button" onClick={() => setDiscarding(false)}>
              {t("action.cancel")}
            </button>
          </span>
        )}
      </div>
      {error && (
        <p class="note note-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

/** /register-import/:id: the plan. */
export function RegisterImportPage(props: { id: string }) {
  const { data, error, loading, reload } = useQuery<{
    registerImport: RegisterImportDetail | null;
    registerTemplateFields: RegisterTemplateField[];
  }>(REGISTER_IMPORT, { id: props.id });
  const imp = data?.registerImport ?? null;
  const problemsAt = useMemo(() => {
    const m = new Map<string, RegisterProblem[]>();
    for (const p of imp?.problems ?? []) {
      const k = `${p.sheet}\u0000${p.row}`;
      m.set(k, [...(m.get(k) ?? []), p]);
    }
    return m;
  }, [imp]);

  if (loading && !data) return <Loading />;
  if (error) return <ErrorNote error={error} onRetry={reload} />;
  if (!imp)
    return (
      <>
        <PageTitle title={t("register.notFound")} />
        <a href={url("/register-import")}>{t("register.back")}</a>
      </>
    );
  const editable = imp.status === "PLANNED" && canWrite(session().viewer);
  const sheetProblems = imp.problems.filter((p) => p.row === null);
  return (
    <>
      <PageTitle
        title={t("register.reviewTitle", { name: imp.fileName })}
        sub={
          <>
            {imp.format}
            {imp.encoding && ` · ${imp.encoding}`}
            {imp.delimiter && ` · “${imp.delimiter === "\t" ? "tab" : imp.delimiter}”`}
            {` · ${formatBytes(imp.sizeBytes)} · `}
            {t("register.rowsRead", { n: imp.rowsRead })} · {formatDateTime(imp.createdAt)}
          </>
        }
      >
        <StatusBadge group="registerStatus" value={imp.status} />
      </PageTitle>
      {imp.status === "APPLIED" && (
        <div class="note note-good" role="status" id="register-outcome">
          <p>
            {t("register.applied", {
              date: formatDateTime(imp.decidedAt),
              create: imp.counts.create,
              update: imp.counts.update,
              unchanged: imp.counts.unchanged,
              rejected: imp.counts.rejected,
            })}{" "}
            <a href={url("/processors")}>{t("register.seeVendors")}</a>
          </p>
        </div>
      )}
      {imp.status === "DISCARDED" && (
        <p class="note note-warn" role="status" id="register-outcome">
          {t("register.discarded", { date: formatDateTime(imp.decidedAt) })}
        </p>
      )}
      <div class="grid">
        <Section id="register-plan" title={t("register.rowsTitle")}>
          <RowsTable imp={imp} problemsAt={problemsAt} />
        </Section>
        <Section id="register-problems" title={t("register.problemsTitle", { n: imp.problemCount })}>
          {imp.problems.length === 0 ? (
            <Empty>{t("register.noProblems")}</Empty>
          ) : (
            <TableWrap label={t("register.problemsTitle", { n: imp.problemCount })}>
              <thead>
                <tr>
                  <th scope="col">{t("register.sheet")}</th>
                  <th scope="col">{t("register.where")}</th>
                  <th scope="col">{t("register.rule")}</th>
                </tr>
              </thead>
              <tbody>
                {imp.problems.map((p, i) => (
                  <tr
                    key={i}
                    class={`problem-${p.severity.toLowerCase()}`}
                    data-sheet={p.sheet}
                    data-row={p.row ?? undefined}
                    data-column={p.column ?? undefined}
                  >
                    <td>{p.sheet}</td>
                    <td>{where(p) || t("register.wholeSheet")}</td>
                    <td>
                      {p.rule}{" "}
                      <span class="code">
                        {label("severity", p.severity)} · {p.code}
                        {p.field && ` · ${p.field}`}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </TableWrap>
          )}
          {sheetProblems.length > 0 && imp.status === "PLANNED" && (
            <p class="note note-error">{t("register.blocking", { n: sheetProblems.length })}</p>
          )}
        </Section>
        <Section id="register-mapping" title={t("register.mappingTitle")}>
          <MappingForm
            key={JSON.stringify(imp.sheets)}
            imp={imp}
            fields={data!.registerTemplateFields}
            editable={editable}
            onPlanned={reload}
          />
        </Section>
      </div>
      {editable && <Decide imp={imp} onDone={reload} />}
      <p>
        <a href={url("/register-import")}>{t("register.back")}</a>
      </p>
    </>
  );
}
