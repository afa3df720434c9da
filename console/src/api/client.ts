// The console talks to the API as any integration does: POST /graphql and the plain endpoints, with the
// API key as a Bearer token. Nothing here is console-only.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { apiKey, signOut } from "../session";
import { t } from "../i18n";

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | null = null,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

export interface UserError {
  field: string[] | null;
  code: string;
  message: string;
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const key = apiKey();
  return { ...(key ? { authorization: `Bearer ${key}` } : {}), ...extra };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the caller narrows it (a GraphQL body or an error)
async function readJson(res: Response): Promise<any> {
  try {
    return await res.json();
  } catch {
    throw new ApiError(t("error.unreadable", { status: res.status }), null, res.status);
  }
}

/** One GraphQL operation; errors become an ApiError with the API's message and code. */
export async function gql<T>(query: string, variables?: Record<string, unknown>, key?: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch("/graphql", {
      method: "POST",
      headers: key
        ? { authorization: `Bearer ${key}`, "content-type": "application/json" }
        : headers({ "content-type": "application/json" }),
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError(t("error.network"));
  }
  const body = await readJson(res);
  const error = body?.errors?.[0];
  if (error) {
    const code = error.extensions?.code ?? null;
    if (code === "UNAUTHENTICATED" && !key) signOut(t("signin.expired"));
    throw new ApiError(error.message, code, res.status);
  }
  return body.data as T;
}

/** A mutation's payload: userErrors become an ApiError carrying them (the caller shows them by field). */
export class UserErrors extends Error {
  constructor(readonly errors: UserError[]) {
    super(errors.map((e) => e.message).join(" "));
  }
}

export async function mutate<T extends { userErrors: UserError[] }>(
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  const data = await gql<Record<string, T>>(query, variables);
  const payload = Object.values(data)[0];
  if (payload.userErrors.length) throw new UserErrors(payload.userErrors);
  return payload;
}

/** POST of a multipart form to a plain endpoint (e.g. /imports/agreement). */
export async function postForm<T>(path: string, form: FormData): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { method: "POST", headers: headers(), body: form });
  } catch {
    throw new ApiError(t("error.network"));
  }
  const body = await readJson(res);
  if (!res.ok) {
    if (res.status === 401) signOut(t("signin.expired"));
    throw new ApiError(
      body?.error?.message ?? t("error.unreadable", { status: res.status }),
      body?.error?.code,
      res.status,
    );
  }
  return body as T;
}

/** Downloads a file the API serves with the key (GET /evidence/{id}/content) and saves it under its name. */
export async function download(path: string, fileName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(path, { headers: headers() });
  } catch {
    throw new ApiError(t("error.network"));
  }
  if (!res.ok) {
    const body = await res.json().catch(() => null);
    throw new ApiError(
      body?.error?.message ?? t("error.unreadable", { status: res.status }),
      body?.error?.code,
      res.status,
    );
  }
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export interface QueryState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** Runs a query when the variables change; the latest answer wins. */
export function useQuery<T>(query: string, variables: Record<string, unknown> = {}, skip = false): QueryState<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: !skip,
  });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const vars = JSON.stringify(variables);
  useEffect(() => {
    if (skip) return;
    const run = ++latest.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    gql<T>(query, JSON.parse(vars)).then(
      (data) => run === latest.current && setState({ data, error: null, loading: false }),
      (error) =>
        run === latest.current &&
        setState({
          data: null,
          error: error instanceof ApiError ? error : new ApiError(String(error)),
          loading: false,
        }),
    );
  }, [query, vars, tick, skip]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}
