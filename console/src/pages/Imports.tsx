// DPA imports: upload a signed DPA (POST /imports/agreement, as any integration would) and open its review;
// the imports so far, newest first. Register imports have their own page (/register-import), linked here.
import { useState } from "preact/hooks";
import { ApiError, postForm, useQuery } from "../api/client";
import { IMPORTS } from "../api/queries";
import type { ImportRow } from "../api/types";
import { formatBytes, formatDateTime, t } from "../i18n";
import { navigate, url } from "../router";
import { canWrite, session } from "../session";
import { Empty, ErrorNote, Loading, PageTitle, Section, StatusBadge, TableWrap } from "../components/ui";

// What POST /imports/agreement reads (it judges by content too, so a wrong type is still caught there).
const DOCUMENT_TYPES = [
  ".pdf",
  ".docx",
  ".txt",
  ".md",
  ".markdown",
  ".html",
  ".htm",
  // A web page's source file (the importer renders its text).
  ".tsx",
  ".jsx",
  ".ts",
  ".js",
  ".vue",
  ".svelte",
  ".php",
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "text/plain",
  "text/markdown",
  "text/html",
].join(",");

function UploadForm() {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (!file) {
      setError(new ApiError(t("imports.chooseFile")));
      return;
    }
    setBusy(true);
    setError(null);
    const form = new FormData();
    form.append("file", file, file.name);
    try {
      const body = await postForm<{ agreementImport: { id: string } }>("/imports/agreement", form);
      navigate(url(`/imports/${body.agreementImport.id}`));
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form upload" onSubmit={submit}>
      <label for="dpa-file">{t("imports.file")}</label>
      <input
        id="dpa-file"
        name="file"
        type="file"
        accept={DOCUMENT_TYPES}
        aria-describedby="dpa-file-help"
        onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)}
      />
      <p id="dpa-file-help" class="help">
        {t("imports.fileHelp")}
      </p>
      <ErrorNote error={error} />
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t("imports.reading") : t("imports.upload")}
      </button>
    </form>
  );
}

export function ImportsPage() {
  const { data, error, loading, reload } = useQuery<{ agreementImports: ImportRow[] }>(IMPORTS);
  const rows = data?.agreementImports ?? [];
  return (
    <>
      <PageTitle title={t("imports.title")} sub={t("imports.intro")} />
      <p class="in-page">
        <a href={url("/register-import")} id="register-import-link">
          {t("imports.registerLink")}
        </a>
      </p>
      <div class="grid">
        {canWrite(session().viewer) && (
          <Section id="upload" title={t("imports.uploadTitle")}>
            <UploadForm />
          </Section>
        )}
        <Section id="imports" title={t("imports.list")}>
          {loading && !data && <Loading />}
          <ErrorNote error={error} onRetry={reload} />
          {data && rows.length === 0 && <Empty>{t("imports.none")}</Empty>}
          {rows.length > 0 && (
            <TableWrap label={t("imports.list")}>
              <thead>
                <tr>
                  <th scope="col">{t("imports.document")}</th>
                  <th scope="col">{t("col.status")}</th>
                  <th scope="col">{t("imports.uploaded")}</th>
                  <th scope="col">{t("col.processor")}</th>
                  <th scope="col" class="num">
                    {t("imports.missing")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <a href={url(`/imports/${r.id}`)}>{r.evidence.fileName ?? t("imports.untitled")}</a>
                      <span class="muted small"> · {formatBytes(r.evidence.sizeBytes)}</span>
                    </th>
                    <td>
                      <StatusBadge group="importStatus" value={r.status} />
                    </td>
                    <td>{formatDateTime(r.createdAt)}</td>
                    <td>{r.processor ? <a href={url(`/processors/${r.processor.id}`)}>{r.processor.name}</a> : "—"}</td>
                    <td class="num">{r.missing.length}</td>
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
