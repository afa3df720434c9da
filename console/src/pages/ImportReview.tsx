// Reviewing an imported DPA: the document on one side with every cited span highlighted, the draft's fields
// on the other with value, confidence, the readings where the document contradicts itself (or, once the
// schema has reading kinds, any other kind of reading) and the clause each was read from. Choosing a field
// or a citation scrolls the document to its quote; a highlight in the document selects its field. A value
// can be corrected (the field's rule is shown when the API refuses it); the draft is then confirmed into the
// records or discarded.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { ApiError, download, mutate, useQuery, UserErrors } from "../api/client";
import { CONFIRM_IMPORT, CORRECT_IMPORT, DISCARD_IMPORT, IMPORT_REVIEW } from "../api/queries";
import type { ConfirmResult, DraftField, ImportReview, Reading } from "../api/types";
import { countryName, formatDateTime, formatNumber, label, t, type Key } from "../i18n";
import { url } from "../router";
import { canWrite, session } from "../session";
import { CountryChip, ErrorNote, Loading, PageTitle, StatusBadge } from "../components/ui";
import { editText, fieldMeta, GROUP_ORDER, parseEdit, type Editor, type FieldMeta, type Group } from "../review/fields";
import { citesOf, firstSegmentOf, segment, type Cite, type Segment } from "../review/highlight";

type Import = NonNullable<ImportReview["agreementImport"]>;

const GROUP_LABEL: Record<Group, Key> = {
  document: "review.group.document",
  parties: "review.group.parties",
  clauses: "review.group.clauses",
  audit: "review.group.audit",
  annexes: "review.group.annexes",
  other: "review.group.other",
};

function fieldLabel(path: string, meta: FieldMeta = fieldMeta(path)): string {
  if (!meta.labelKey) return path;
  const params: Record<string, string> = {};
  if (meta.labelParams?.role) params.role = label("party", meta.labelParams.role);
  if (meta.labelParams?.who) params.who = label("auditOf", meta.labelParams.who);
  return t(meta.labelKey, params);
}

const isEmpty = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && v.length === 0);

/** A value as a reviewer reads it. */
function Value(props: { value: unknown; editor: Editor }) {
  const { value, editor } = props;
  if (isEmpty(value)) return <span class="muted">{t("review.empty")}</span>;
  switch (editor.kind) {
    case "enum":
      return <>{label(editor.group, String(value))}</>;
    case "enumList":
      return <>{(value as string[]).map((v) => label(editor.group, v)).join(", ")}</>;
    case "bool":
      return <>{value === true ? t("common.yes") : value === false ? t("common.no") : String(value)}</>;
    case "country":
      return <CountryChip code={String(value)} />;
    case "countryList":
      return (
        <>
          {(value as string[]).map((c) => (
            <CountryChip key={c} code={c} />
          ))}
        </>
      );
    case "keyList":
      return <>{(value as string[]).join(", ")}</>;
    case "json":
      if (Array.isArray(value))
        return (
          <ul class="plain small">
            {value.map((item, i) => (
              <li key={i}>{describeItem(item)}</li>
            ))}
          </ul>
        );
      return <code>{JSON.stringify(value)}</code>;
    default:
      return <>{typeof value === "string" ? value : JSON.stringify(value)}</>;
  }
}

/** A sub-processor or measure of annex B / C in one line. */
function describeItem(item: unknown): string {
  if (item === null || typeof item !== "object") return JSON.stringify(item);
  const o = item as Record<string, unknown>;
  if (typeof o.name === "string") {
    const where = typeof o.countryCode === "string" ? ` (${countryName(o.countryCode)})` : "";
    const how = typeof o.transferMechanism === "string" ? ` · ${label("mechanism", o.transferMechanism)}` : "";
    return `${o.name}${where}${how}`;
  }
  if (typeof o.text === "string")
    return `${o.key ? `${o.key}: ` : ""}${o.text.length > 140 ? `${o.text.slice(0, 139)}…` : o.text}`;
  return JSON.stringify(item);
}

function Confidence(props: { value: number | null }) {
  if (props.value === null) return <span class="muted small">{t("review.notRead")}</span>;
  const pct = Math.round(props.value * 100);
  const tone = props.value >= 0.9 ? "good" : props.value >= 0.75 ? "warn" : "bad";
  return (
    <span class={`confidence confidence-${tone}`} title={t("review.confidence")}>
      <span class="visually-hidden">{t("review.confidence")}: </span>
      <meter min={0} max={1} low={0.75} high={0.9} optimum={1} value={props.value} aria-hidden="true" />
      {pct} %
    </span>
  );
}

function CitationButtons(props: { cites: Cite[]; onJump: (c: Cite) => void; hasText: boolean }) {
  if (!props.cites.length) return null;
  return (
    <ul class="citations">
      {props.cites.map((c) => (
        <li key={c.id}>
          <button
            type="button"
            class="cite-button"
            onClick={() => props.onJump(c)}
            disabled={!props.hasText}
            data-cite={c.id}
          >
            {c.reference}
          </button>{" "}
          <q class="quote">{c.quote.length > 180 ? `${c.quote.slice(0, 179)}…` : c.quote}</q>
          {c.mismatch && <span class="bad-text small"> {t("review.mismatch")}</span>}
        </li>
      ))}
    </ul>
  );
}

/** A VALUE reading is one of the values the document gives (several of them: it contradicts itself). */
const readingKind = (r: Reading) => (!r.kind || r.kind === "VALUE" ? "CONTRADICTION" : r.kind);

function Readings(props: {
  readings: Reading[];
  cites: Cite[];
  editor: Editor;
  onJump: (c: Cite) => void;
  hasText: boolean;
}) {
  if (!props.readings.length) return null;
  const kinds = new Set(props.readings.map(readingKind));
  return (
    <div class="readings" role="group" aria-label={t("review.readings")}>
      <p class="small">
        <strong>{[...kinds].map((k) => label("readingKind", k)).join(", ")}:</strong>{" "}
        {kinds.has("CONTRADICTION") && t("review.contradicts")}
      </p>
      <ol>
        {props.readings.map((r, i) => (
          <li key={i} data-reading-kind={readingKind(r)}>
            {readingKind(r) !== "CONTRADICTION" && (
              <span class={`badge badge-reading reading-${readingKind(r).toLowerCase()}`}>
                {label("readingKind", readingKind(r))}
              </span>
            )}{" "}
            <Value value={r.value} editor={props.editor} />
            <CitationButtons
              cites={props.cites.filter((c) => c.reading === i)}
              onJump={props.onJump}
              hasText={props.hasText}
            />
          </li>
        ))}
      </ol>
    </div>
  );
}

function Correction(props: {
  imp: Import;
  field: DraftField;
  editor: Editor;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { field, editor } = props;
  const [text, setText] = useState(editText(editor, field.value));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = `edit-${field.path}`;
  const errorId = `${inputId}-error`;

  async function save(event: Event) {
    event.preventDefault();
    const parsed = parseEdit(editor, text);
    if ("error" in parsed) {
      setError(t("review.badJson", { detail: parsed.detail }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await mutate(CORRECT_IMPORT, {
        input: {
          id: props.imp.id,
          version: props.imp.version,
          corrections: [{ path: field.path, value: parsed.value }],
        },
      });
      props.onSaved();
    } catch (e) {
      setError(e instanceof UserErrors ? e.errors.map((x) => x.message).join(" ") : (e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const common = {
    id: inputId,
    value: text,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? errorId : undefined,
    onInput: (e: Event) => setText((e.target as HTMLInputElement).value),
  };
  let input;
  if (editor.kind === "enum" || editor.kind === "bool") {
    const options =
      editor.kind === "bool"
        ? [
            ["true", t("common.yes")],
            ["false", t("common.no")],
          ]
        : editor.values.map((v) => [v, label(editor.group, v)]);
    input = (
      <select {...common} onChange={(e) => setText((e.target as HTMLSelectElement).value)}>
        <option value="">{t("review.empty")}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    );
  } else if ((editor.kind === "text" && editor.multiline) || editor.kind === "json") {
    input = <textarea {...common} rows={editor.kind === "json" ? 10 : 4} spellcheck={editor.kind !== "json"} />;
  } else {
    input = (
      <input {...common} type="text" inputMode={editor.kind === "int" ? "numeric" : undefined} autoComplete="off" />
    );
  }
  const hint =
    editor.kind === "int"
      ? t("review.hintInt", { min: editor.min, max: editor.max })
      : editor.kind === "enumList"
        ? t("review.hintList", { values: editor.values.join(", ") })
        : editor.kind === "countryList" || editor.kind === "keyList"
          ? t("review.hintCommas")
          : editor.kind === "json"
            ? t("review.hintJson")
            : null;

  return (
    <form class="correction" onSubmit={save}>
      <label for={inputId}>{t("review.newValue", { field: fieldLabel(field.path) })}</label>
      {input}
      {hint && <p class="help">{hint}</p>}
      {error && (
        <p id={errorId} class="note note-error" role="alert" data-refused={field.path}>
          {t("review.refused")} {error}
        </p>
      )}
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy}>
          {t("review.saveCorrection")}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t("action.cancel")}
        </button>
      </div>
    </form>
  );
}

function FieldCard(props: {
  imp: Import;
  field: DraftField;
  cites: Cite[];
  active: boolean;
  editing: boolean;
  hasText: boolean;
  onSelect: () => void;
  onJump: (c: Cite) => void;
  onEdit: (on: boolean) => void;
  onSaved: () => void;
  writable: boolean;
}) {
  const { field } = props;
  const meta = fieldMeta(field.path);
  const own = props.cites.filter((c) => c.reading === null);
  const missing = props.imp.missing.includes(field.path);
  return (
    <article
      class={`field${props.active ? " field-active" : ""}${field.corrected ? " field-corrected" : ""}`}
      id={`field-${field.path}`}
      data-path={field.path}
      aria-current={props.active ? "true" : undefined}
    >
      <header>
        <h4>
          <button
            type="button"
            class="field-name"
            onClick={props.onSelect}
            aria-pressed={props.active}
            disabled={!props.hasText && !own.length}
          >
            {fieldLabel(field.path, meta)}
          </button>
        </h4>
        <code class="path small">{field.path}</code>
        <span class="field-badges">
          <Confidence value={field.confidence} />
          {field.corrected && <span class="badge badge-good">{t("review.corrected")}</span>}
          {field.readings.length > 0 && (
            <span class="badge badge-warn">{t("review.readingsBadge", { n: field.readings.length })}</span>
          )}
          {missing && <span class="badge badge-neutral">{t("review.missing")}</span>}
        </span>
      </header>
      <div class="field-value" data-value={JSON.stringify(field.value)}>
        <Value value={field.value} editor={meta.editor} />
        {field.corrected && !isEmpty(field.extracted) && (
          <div class="muted small">
            {t("review.wasRead")} <Value value={field.extracted} editor={meta.editor} />
          </div>
        )}
      </div>
      {field.note && <p class="small note-inline">{field.note}</p>}
      <CitationButtons cites={own} onJump={props.onJump} hasText={props.hasText} />
      <Readings
        readings={field.readings}
        cites={props.cites}
        editor={meta.editor}
        onJump={props.onJump}
        hasText={props.hasText}
      />
      {props.writable &&
        (props.editing ? (
          <Correction
            imp={props.imp}
            field={field}
            editor={meta.editor}
            onSaved={props.onSaved}
            onCancel={() => props.onEdit(false)}
          />
        ) : (
          <button type="button" class="link-button" onClick={() => props.onEdit(true)}>
            {t("review.correct")}
          </button>
        ))}
    </article>
  );
}

function Document(props: {
  text: string;
  segments: Segment[];
  activePath: string | null;
  flash: string | null;
  onPick: (path: string) => void;
}) {
  return (
    <div class="document">
      {props.segments.map((s, i) => {
        const chunk = props.text.slice(s.start, s.end);
        if (!s.cites.length) return chunk;
        const paths = [...new Set(s.cites.map((c) => c.path))];
        const active = props.activePath !== null && paths.includes(props.activePath);
        const flash = props.flash !== null && s.cites.some((c) => c.id === props.flash);
        const reading = s.cites.some((c) => c.reading !== null);
        return (
          <mark
            key={i}
            data-seg={i}
            class={[
              "cite",
              active && "cite-active",
              flash && "cite-flash",
              reading && "cite-reading",
              paths.length > 1 && "cite-overlap",
            ]
              .filter(Boolean)
              .join(" ")}
            data-paths={paths.join(" ")}
            title={paths.map((p) => fieldLabel(p)).join(" · ")}
            onClick={() => props.onPick(paths[0])}
          >
            {chunk}
          </mark>
        );
      })}
    </div>
  );
}

function Decide(props: { imp: Import; onConfirmed: (r: ConfirmResult) => void; onDone: () => void }) {
  const [signedOn, setSignedOn] = useState("");
  const [effectiveFrom, setEffectiveFrom] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [discarding, setDiscarding] = useState(false);

  async function confirm(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const payload = await mutate<ConfirmResult>(CONFIRM_IMPORT, {
        input: {
          id: props.imp.id,
          version: props.imp.version,
          ...(signedOn ? { signedOn } : {}),
          ...(effectiveFrom ? { effectiveFrom } : {}),
        },
      });
      props.onConfirmed(payload);
      props.onDone();
    } catch (e) {
      setError(
        e instanceof UserErrors
          ? e.errors.map((x) => `${x.field?.slice(1).join(".") ?? ""} ${x.message}`).join(" ")
          : (e as Error).message,
      );
    } finally {
      setBusy(false);
    }
  }

  async function discard() {
    setBusy(true);
    try {
      await mutate(DISCARD_IMPORT, { input: { id: props.imp.id, version: props.imp.version } });
      props.onDone();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
      setDiscarding(false);
    }
  }

  return (
    <section class="card decide" aria-labelledby="decide-title">
      <h2 id="decide-title">{t("review.decide")}</h2>
      <form class="form inline" onSubmit={confirm}>
        <label>
          <span>{t("agreement.signedOn")}</span>
          <input type="date" value={signedOn} onInput={(e) => setSignedOn((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          <span>{t("agreement.effectiveFrom")}</span>
          <input
            type="date"
            value={effectiveFrom}
            onInput={(e) => setEffectiveFrom((e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" class="primary" disabled={busy} id="confirm-import">
          {t("review.confirm")}
        </button>
        {!discarding ? (
          <button type="button" disabled={busy} onClick={() => setDiscarding(true)}>
            {t("review.discard")}
          </button>
        ) : (
          <span class="confirm-discard" role="group" aria-label={t("review.discardSure")}>
            {t("review.discardSure")}{" "}
            <button type="button" class="danger" onClick={discard} disabled={busy}>
              {t("review.discardYes")}
            </button>{" "}
            <button type="button" onClick={() => setDiscarding(false)}>
              {t("action.cancel")}
            </button>
          </span>
        )}
      </form>
      <p class="help">{t("review.confirmHelp")}</p>
      {error && (
        <p class="note note-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function Confirmed(props: { result: ConfirmResult }) {
  const r = props.result;
  return (
    <section class="card note-good" role="status" aria-labelledby="confirmed-title" id="confirmed">
      <h2 id="confirmed-title">{t("review.confirmed")}</h2>
      {r.processor && (
        <p>
          {t("review.confirmedAgreement", { title: r.agreement?.title ?? "" })}{" "}
          <a href={`${url(`/processors/${r.processor.id}`)}#agreement`}>{r.processor.name}</a>
          {r.agreement?.supersedes && <> · {t("review.supersedes", { title: r.agreement.supersedes.title })}</>}
        </p>
      )}
      {!!r.createdProcessors?.length && (
        <p>
          {t("review.createdProcessors")}{" "}
          {r.createdProcessors.map((p, i) => (
            <span key={p.id}>
              {i > 0 && ", "}
              <a href={url(`/processors/${p.id}`)}>{p.name}</a>
            </span>
          ))}
        </p>
      )}
      {!!r.engagements?.length && (
        <p>
          {t("review.engagements", {
            n: r.engagements.length,
            names: r.engagements.map((e) => e.subprocessor.name).join(", "),
          })}
        </p>
      )}
      {!!r.notes?.length && (
        <ul class="small">
          {r.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ImportReviewPage(props: { id: string }) {
  const { data, error, loading, reload } = useQuery<ImportReview>(IMPORT_REVIEW, { id: props.id });
  const imp = data?.agreementImport;
  const [activePath, setActivePath] = useState<string | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<ApiError | null>(null);
  const [confirmed, setConfirmed] = useState<ConfirmResult | null>(null);
  const docRef = useRef<HTMLDivElement>(null);
  const cites = useMemo(() => (imp ? citesOf(imp.fields, imp.documentText) : []), [imp]);
  const segments = useMemo(() => (imp?.documentText ? segment(imp.documentText.length, cites) : []), [imp, cites]);
  const firstSegment = useMemo(() => firstSegmentOf(segments), [segments]);
  const writable = !!imp && imp.status === "DRAFT" && canWrite(session().viewer);
  const hasText = !!imp?.documentText;

  function jump(c: Cite) {
    setActivePath(c.path);
    setFlash(c.id);
    const box = docRef.current;
    const el = box?.querySelector(`[data-seg="${firstSegment.get(c.id)}"]`);
    if (el && box) {
      // Scroll the document pane only (the field list stays where the reviewer is), a third from its top;
      // where the panes are stacked (phones), bring the pane itself into view as well.
      box.scrollTop += el.getBoundingClientRect().top - box.getBoundingClientRect().top - box.clientHeight / 3;
      const pane = box.getBoundingClientRect();
      if (pane.top < 0 || pane.bottom > window.innerHeight) box.scrollIntoView({ block: "nearest" });
      setTimeout(() => setFlash((f) => (f === c.id ? null : f)), 1600);
    }
  }

  function select(path: string) {
    const first = cites.find((c) => c.path === path && c.reading === null) ?? cites.find((c) => c.path === path);
    if (first) jump(first);
    else setActivePath(path);
  }

  function pickFromDocument(path: string) {
    setActivePath(path);
    document.getElementById(`field-${path}`)?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  useEffect(() => setEditing(null), [imp?.version]);

  if (data && !imp)
    return (
      <>
        <PageTitle title={t("review.notFound")} />
        <a href={url("/imports")}>{t("imports.title")}</a>
      </>
    );

  const groups = imp
    ? GROUP_ORDER.map((g) => [g, imp.fields.filter((f) => fieldMeta(f.path).group === g)] as const).filter(
        ([, fs]) => fs.length,
      )
    : [];

  return (
    <>
      <PageTitle
        title={imp ? t("review.title", { name: imp.evidence.fileName ?? t("imports.untitled") }) : t("loading")}
        sub={
          imp
            ? t("review.sub", {
                lang: label("language", imp.language),
                extractor: imp.extractor,
                date: formatDateTime(imp.createdAt),
                found: imp.fields.filter((f) => !isEmpty(f.value)).length,
                total: imp.fields.length,
              })
            : undefined
        }
      >
        {imp && <StatusBadge group="importStatus" value={imp.status} />}
      </PageTitle>
      {loading && !data && <Loading />}
      <ErrorNote error={error} onRetry={reload} />
      {imp && (
        <>
          {confirmed && <Confirmed result={confirmed} />}
          {imp.status === "DRAFT" && canWrite(session().viewer) && (
            <Decide imp={imp} onConfirmed={setConfirmed} onDone={reload} />
          )}
          {imp.status !== "DRAFT" && (
            <p class="note" role="status" id="import-state">
              {imp.status === "CONFIRMED" ? t("review.isConfirmed") : t("review.isDiscarded")}{" "}
              {formatDateTime(imp.decidedAt)}
              {imp.processor && (
                <>
                  {" · "}
                  <a href={`${url(`/processors/${imp.processor.id}`)}#agreement`}>{imp.processor.name}</a>
                </>
              )}
            </p>
          )}
          {imp.missing.length > 0 && (
            <details class="missing">
              <summary>{t("review.missingList", { n: imp.missing.length })}</summary>
              <ul>
                {imp.missing.map((p) => (
                  <li key={p}>
                    <a href={`#field-${p}`}>{fieldLabel(p)}</a>
                  </li>
                ))}
              </ul>
            </details>
          )}
          <div class="review">
            <section class="card doc-pane" aria-labelledby="doc-title">
              <div class="card-head">
                <h2 id="doc-title">{t("review.document")}</h2>
                {imp.evidence.downloadPath && (
                  <button
                    type="button"
                    class="link-button"
                    onClick={() =>
                      download(imp.evidence.downloadPath!, imp.evidence.fileName ?? "document").catch(setDownloadError)
                    }
                  >
                    {t("review.original")}
                  </button>
                )}
              </div>
              <ErrorNote error={downloadError} />
              <p class="muted small">
                {t("review.citedSpans", { n: cites.length })} · SHA-256{" "}
                <code class="hash">{imp.evidence.sha256.slice(0, 16)}…</code>
              </p>
              <div class="doc-scroll" ref={docRef} tabIndex={0} role="region" aria-label={t("review.document")}>
                {hasText ? (
                  <Document
                    text={imp.documentText!}
                    segments={segments}
                    activePath={activePath}
                    flash={flash}
                    onPick={pickFromDocument}
                  />
                ) : (
                  <p class="muted">{t("review.noText")}</p>
                )}
              </div>
            </section>
            <section class="card fields-pane" aria-labelledby="fields-title">
              <div class="card-head">
                <h2 id="fields-title">{t("review.fields")}</h2>
                <span class="muted small">{t("review.fieldsHelp")}</span>
              </div>
              {groups.map(([group, fields]) => (
                <div key={group} class="field-group">
                  <h3>{t(GROUP_LABEL[group])}</h3>
                  {fields.map((f) => (
                    <FieldCard
                      key={f.path}
                      imp={imp}
                      field={f}
                      cites={cites.filter((c) => c.path === f.path)}
                      active={activePath === f.path}
                      editing={editing === f.path}
                      hasText={hasText}
                      onSelect={() => select(f.path)}
                      onJump={jump}
                      onEdit={(on) => setEditing(on ? f.path : null)}
                      onSaved={() => {
                        setEditing(null);
                        reload();
                      }}
                      writable={writable}
                    />
                  ))}
                </div>
              ))}
              <p class="muted small">
                {t("review.confidenceHelp", { high: formatNumber(0.9, 2), low: formatNumber(0.75, 2) })}
              </p>
            </section>
          </div>
        </>
      )}
    </>
  );
}
