// Small building blocks shared by the pages: headings that take focus on navigation, badges, tiles whose
// numbers are links, scrollable tables that keyboards can reach.
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { ApiError } from "../api/client";
import { hasNavigated } from "../router";
import { countryName, formatNumber, label, t } from "../i18n";
import type { CountryClass, Tier } from "../api/types";

/** The page's h1; it takes focus when the reader moves to the page, so keyboard and screen-reader users start there. */
export function PageTitle(props: { title: string; sub?: ComponentChildren; children?: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} · tilsyn`;
    if (hasNavigated()) ref.current?.focus({ preventScroll: true });
  }, [props.title]);
  return (
    <header class="page-title">
      <div>
        <h1 ref={ref} tabIndex={-1}>
          {props.title}
        </h1>
        {props.sub && <p class="muted">{props.sub}</p>}
      </div>
      {props.children && <div class="page-actions">{props.children}</div>}
    </header>
  );
}

export function Loading(props: { what?: string }) {
  return (
    <p class="muted loading" role="status">
      {props.what ?? t("loading")}
    </p>
  );
}

export function ErrorNote(props: { error: ApiError | Error | string | null; onRetry?: () => void }) {
  if (!props.error) return null;
  const message = typeof props.error === "string" ? props.error : props.error.message;
  const code = props.error instanceof ApiError ? props.error.code : null;
  return (
    <div class="note note-error" role="alert">
      <p>
        {message}
        {code && <span class="code"> ({code})</span>}
      </p>
      {props.onRetry && (
        <button type="button" onClick={props.onRetry}>
          {t("action.retry")}
        </button>
      )}
    </div>
  );
}

export function Section(props: {
  id: string;
  title: string;
  children: ComponentChildren;
  actions?: ComponentChildren;
  class?: string;
}) {
  // A link to this section (/console/processors/…#supervision) scrolls to it once it is there.
  useEffect(() => {
    if (location.hash === `#${props.id}`) document.getElementById(props.id)?.scrollIntoView();
  }, []);
  return (
    <section id={props.id} class={`card ${props.class ?? ""}`} aria-labelledby={`${props.id}-title`}>
      <div class="card-head">
        <h2 id={`${props.id}-title`}>{props.title}</h2>
        {props.actions}
      </div>
      {props.children}
    </section>
  );
}

export function TierBadge(props: { tier: Tier | null | undefined; score?: number | null }) {
  if (!props.tier) return <span class="muted">{t("risk.notAssessed")}</span>;
  return (
    <span class={`tier tier-${props.tier.toLowerCase()}`} data-tier={props.tier}>
      {label("tier", props.tier)}
      {props.score !== undefined && props.score !== null && (
        <span class="tier-score"> {formatNumber(props.score)}</span>
      )}
    </span>
  );
}

const TONES: Record<string, string> = {
  OVERDUE: "bad",
  NEVER_SUPERVISED: "warn",
  DUE_SOON: "warn",
  OK: "good",
  CRITICAL: "bad",
  HIGH: "bad",
  MEDIUM: "warn",
  LOW: "neutral",
  OPEN: "warn",
  IN_PROGRESS: "warn",
  CLOSED: "good",
  PENDING: "warn",
  APPROVED: "good",
  DEEMED_ACCEPTED: "good",
  OBJECTED: "bad",
  NOT_APPROVED: "bad",
  DRAFT: "warn",
  CONFIRMED: "good",
  DISCARDED: "neutral",
  ACTIVE: "good",
  SUPERSEDED: "neutral",
  TERMINATED: "neutral",
};

/** A state shown as a word with a colour (the word carries the meaning; the colour only helps). */
export function StatusBadge(props: { group: string; value: string | null | undefined }) {
  if (!props.value) return <span class="muted">—</span>;
  return (
    <span class={`badge badge-${TONES[props.value] ?? "neutral"}`} data-value={props.value}>
      {label(props.group, props.value)}
    </span>
  );
}

const CLASS_MARK: Record<CountryClass, string> = { EEA: "●", ADEQUATE: "◆", THIRD_COUNTRY: "▲" };

/** A country with its class (EEA / adequate / third country) as colour, shape and words. */
export function CountryChip(props: { code: string | null; cls?: CountryClass | null; title?: string }) {
  const cls = props.cls ?? null;
  const name = countryName(props.code);
  return (
    <span
      class={`chip chip-${(cls ?? "unknown").toLowerCase()}`}
      title={props.title ?? (cls ? `${name}: ${label("class", cls)}` : name)}
      data-class={cls ?? undefined}
    >
      {cls && <span aria-hidden="true">{CLASS_MARK[cls]} </span>}
      {props.code ?? "?"}
      <span class="visually-hidden">
        {" "}
        {name}
        {cls ? `, ${label("class", cls)}` : ""}
      </span>
    </span>
  );
}

/** A count that opens the list it counts. */
export function CountTile(props: { value: number; label: string; href: string; tone?: string; id?: string }) {
  return (
    <a class={`tile tile-${props.tone ?? "neutral"}`} href={props.href} id={props.id} data-count={props.value}>
      <span class="tile-value">{formatNumber(props.value, 0)}</span>
      <span class="tile-label">{props.label}</span>
    </a>
  );
}

/**
 * A table that can be scrolled with the keyboard; on phones its rows become stacked cards, each cell
 * labelled with its column's heading (copied into data-label after each render, shown by CSS).
 */
export function TableWrap(props: { label: string; children: ComponentChildren }) {
  const ref = useRef<HTMLTableElement>(null);
  useEffect(() => {
    const table = ref.current;
    if (!table) return;
    const headings = [...table.querySelectorAll("thead th")].map((th) => th.textContent ?? "");
    for (const row of table.querySelectorAll("tbody tr"))
      [...row.children].forEach((cell, i) => headings[i] && cell.setAttribute("data-label", headings[i]));
  });
  return (
    <div class="table-wrap" role="region" aria-label={props.label} tabIndex={0}>
      <table ref={ref} class="stackable">
        {props.children}
      </table>
    </div>
  );
}

export function KeyValues(props: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="kv">
      {props.rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v === null || v === undefined || v === "" ? <span class="muted">—</span> : v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Empty(props: { children: ComponentChildren }) {
  return <p class="muted empty">{props.children}</p>;
}
