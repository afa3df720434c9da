// Danish and English labels. English is the reference dictionary (its keys are the type every t() call is
// checked against); Danish must have every key. Values of the API's enums (tiers, mechanisms, reading
// kinds …) are looked up as "<enum>.<VALUE>" and fall back to the value itself, so a value the console does
// not know yet (a new enum value on the server) still shows.
import { useEffect, useState } from "preact/hooks";
import { en } from "./en";
import { da } from "./da";

export type Lang = "en" | "da";
export type Key = keyof typeof en;

const DICTIONARIES: Record<Lang, Record<Key, string>> = { en, da };
const STORAGE_KEY = "tilsyn.lang";

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === "da" || saved === "en") return saved;
  } catch {
    // storage unavailable: fall through
  }
  return typeof navigator !== "undefined" && navigator.language?.toLowerCase().startsWith("da") ? "da" : "en";
}

let current: Lang = initialLang();
const listeners = new Set<() => void>();

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // not kept across reloads then
  }
  document.documentElement.lang = next;
  listeners.forEach((f) => f());
}

/** Re-renders the caller when the language changes. */
export function useLang(): Lang {
  const [, setTick] = useState(0);
  useEffect(() => {
    const f = () => setTick((n) => n + 1);
    listeners.add(f);
    return () => void listeners.delete(f);
  }, []);
  return current;
}

function fill(text: string, params?: Record<string, string | number>): string {
  return params ? text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m)) : text;
}

export function t(key: Key, params?: Record<string, string | number>): string {
  return fill(DICTIONARIES[current][key] ?? en[key] ?? key, params);
}

/** "PLACEHOLDER" → "Placeholder", "ALLOWED_WITH_SAFEGUARDS" → "Allowed with safeguards". */
export function humanize(value: string): string {
  const words = value
    .replace(/[_.]+/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A label for a value of one of the API's enums (or any other open set of keys), with a readable fallback. */
export function label(group: string, value: string | null | undefined): string {
  if (value === null || value === undefined) return "—";
  const dict = DICTIONARIES[current] as Record<string, string>;
  return dict[`${group}.${value}`] ?? (en as Record<string, string>)[`${group}.${value}`] ?? humanize(value);
}

export function hasLabel(group: string, value: string): boolean {
  return `${group}.${value}` in en;
}

export function locale(): string {
  return current === "da" ? "da-DK" : "en-GB";
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = iso.length === 10 ? new Date(`${iso}T00:00:00Z`) : new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: "medium",
    ...(iso.length === 10 ? { timeZone: "UTC" } : {}),
  }).format(date);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeStyle: "short" }).format(date);
}

export function formatNumber(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined) return "—";
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(n);
}

export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${formatNumber(n / 1024)} kB`;
  return `${formatNumber(n / 1024 / 1024)} MB`;
}

const regionNames = new Map<string, Intl.DisplayNames>();

/** "DK" → "Denmark" / "Danmark"; the code itself when the browser does not know it. */
export function countryName(code: string | null | undefined): string {
  if (!code) return t("country.unstated");
  try {
    const names = regionNames.get(current) ?? new Intl.DisplayNames([locale()], { type: "region" });
    regionNames.set(current, names);
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** "in 12 days" / "3 days overdue" / "today". */
export function daysText(days: number | null | undefined): string {
  if (days === null || days === undefined) return "—";
  if (days === 0) return t("days.today");
  if (days > 0) return t(days === 1 ? "days.inOne" : "days.in", { n: days });
  return t(days === -1 ? "days.agoOne" : "days.ago", { n: -days });
}
