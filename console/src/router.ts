// A small router over the History API: the console's pages are real URLs under /console (the server
// answers every one of them with the app), so every number and name can be a link that opens in a new tab.
import { useEffect, useState } from "preact/hooks";

export const BASE = "/console";

type Param = string | number | boolean | null | undefined | string[];

/** A console URL: `url("/processors", { tier: "HIGH" })` → /console/processors?tier=HIGH. */
export function url(path: string, params: Record<string, Param> = {}): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === false || v === "") continue;
    if (Array.isArray(v)) {
      if (v.length) query.set(k, v.join(","));
    } else query.set(k, String(v));
  }
  const qs = query.toString();
  return `${BASE}${path === "/" ? "/" : path}${qs ? `?${qs}` : ""}`;
}

export interface Route {
  /** The path below /console, always starting with "/". */
  path: string;
  query: URLSearchParams;
  hash: string;
}

function current(): Route {
  const raw = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  return { path: raw === "" ? "/" : raw, query: new URLSearchParams(location.search), hash: location.hash.slice(1) };
}

const listeners = new Set<() => void>();
let navigated = false;
window.addEventListener("popstate", () => {
  navigated = true;
  listeners.forEach((f) => f());
});

/**
 * Whether the reader has moved within the app since the page loaded. A page opened by navigation puts the
 * focus on its heading; a page loaded fresh leaves it at the top, where the skip link is.
 */
export function hasNavigated(): boolean {
  return navigated;
}

export function markNavigated(): void {
  navigated = true;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  navigated = true;
  if (options.replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  listeners.forEach((f) => f());
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const listener = () => setRoute(current());
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  return route;
}

/** Same-origin links into the console navigate in place; modified clicks (new tab, download) are the browser's. */
export function interceptLinks(): void {
  document.addEventListener("click", (event) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    const anchor = (event.target as Element | null)?.closest?.("a");
    // getAttribute, not .target: on an SVG <a> (the graph's nodes) .target is not a string.
    const target = anchor?.getAttribute("target");
    if (!anchor || anchor.hasAttribute("download") || (target && target !== "_self")) return;
    const href = anchor.getAttribute("href");
    if (!href || !(href === BASE || href.startsWith(`${BASE}/`))) return;
    const to = new URL(href, location.href);
    if (to.origin !== location.origin) return;
    event.preventDefault();
    if (to.pathname === location.pathname && to.search === location.search && to.hash) {
      history.pushState(null, "", to.href);
      document.getElementById(to.hash.slice(1))?.scrollIntoView();
      return;
    }
    navigate(to.pathname + to.search + to.hash);
  });
}

/** Matches "/processors/:id" against a path; the named parts, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split("/").filter(Boolean);
  const s = path.split("/").filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(":")) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}
