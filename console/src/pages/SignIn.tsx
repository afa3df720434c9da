// Sign in with an API key (ADMIN, EDITOR, VIEWER or AUDITOR). The key is checked with `viewer` and kept in
// this tab's sessionStorage only.
import { useState } from "preact/hooks";
import { ApiError, gql } from "../api/client";
import { VIEWER } from "../api/queries";
import { session, signIn, type Viewer } from "../session";
import { markNavigated } from "../router";
import { t } from "../i18n";
import { ErrorNote, PageTitle } from "../components/ui";

export function SignIn() {
  const [key, setKey] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const ended = session().endedBecause;

  async function submit(event: Event) {
    event.preventDefault();
    const value = key.trim();
    if (!value) {
      setError(new ApiError(t("signin.required")));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const data = await gql<{ viewer: Viewer }>(VIEWER, {}, value);
      markNavigated();
      signIn(value, data.viewer);
    } catch (e) {
      setError(
        e instanceof ApiError && e.code === "UNAUTHENTICATED"
          ? new ApiError(t("signin.refused"), e.code)
          : (e as ApiError),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="signin">
      <PageTitle title={t("signin.title")} sub={t("signin.intro")} />
      {ended && (
        <p class="note" role="status">
          {ended}
        </p>
      )}
      <form onSubmit={submit} class="card form" noValidate>
        <label for="api-key">{t("signin.key")}</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          spellcheck={false}
          value={key}
          onInput={(e) => setKey((e.target as HTMLInputElement).value)}
          aria-describedby="api-key-help"
          aria-invalid={error ? true : undefined}
          placeholder="tsk_…"
        />
        <p id="api-key-help" class="help">
          {t("signin.help")}
        </p>
        <ErrorNote error={error} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t("signin.checking") : t("signin.submit")}
        </button>
      </form>
      <p class="muted">
        {t("signin.graphiql")} <a href="/graphql">GraphiQL</a>
      </p>
    </div>
  );
}
