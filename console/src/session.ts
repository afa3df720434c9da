// The API key the console signs in with, kept in sessionStorage: it lasts while the tab is open and is
// never written to disk by the console or sent anywhere but this server's own endpoints.
import { useEffect, useState } from "preact/hooks";

const STORAGE_KEY = "tilsyn.apiKey";

export type Role = "ADMIN" | "EDITOR" | "VIEWER" | "AUDITOR";

export interface Viewer {
  role: Role;
  apiKey: { name: string };
  organization: { name: string };
}

interface SessionState {
  key: string | null;
  viewer: Viewer | null;
  /** Why the last session ended, when the console ended it (an expired or revoked key). */
  endedBecause: string | null;
}

let state: SessionState = { key: readKey(), viewer: null, endedBecause: null };
const listeners = new Set<() => void>();

function readKey(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function update(next: Partial<SessionState>): void {
  state = { ...state, ...next };
  listeners.forEach((f) => f());
}

export function apiKey(): string | null {
  return state.key;
}

export function session(): SessionState {
  return state;
}

export function signIn(key: string, viewer: Viewer): void {
  sessionStorage.setItem(STORAGE_KEY, key);
  update({ key, viewer, endedBecause: null });
}

export function setViewer(viewer: Viewer): void {
  update({ viewer });
}

export function signOut(reason: string | null = null): void {
  sessionStorage.removeItem(STORAGE_KEY);
  update({ key: null, viewer: null, endedBecause: reason });
}

/** Roles that may write domain data (mutations, uploads). */
export function canWrite(viewer: Viewer | null): boolean {
  return viewer?.role === "ADMIN" || viewer?.role === "EDITOR";
}

/** Roles that may read imported drafts and evidence files (they quote documents). */
export function canReadDocuments(viewer: Viewer | null): boolean {
  return viewer !== null && viewer.role !== "VIEWER";
}

export function useSession(): SessionState {
  const [, setTick] = useState(0);
  useEffect(() => {
    const listener = () => setTick((n) => n + 1);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  return state;
}
