// A real browser for the pages people see: Debian's chromium driven by playwright-core, with every
// request that leaves this machine's loopback refused and recorded (the pages must work offline).
import fs from "node:fs";
import path from "node:path";
import { Browser, chromium, Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Where the browser tests write their screenshots (ignored by git). */
export const SCREENSHOTS = path.resolve(__dirname, "..", "..", ".data", "screenshots");

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(
      `No browser at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface OfflinePage {
  page: Page;
  /** Requests the page tried to send anywhere but the local server (all refused). */
  outside: string[];
  /** Errors the page's scripts threw, and Content-Security-Policy violations. */
  errors: string[];
}

export async function offlinePage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<OfflinePage> {
  const page = await browser.newPage({ viewport });
  const outside: string[] = [];
  const errors: string[] = [];
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (["127.0.0.1", "localhost"].includes(url.hostname) || url.protocol === "data:") return route.continue();
    outside.push(url.href);
    return route.abort("internetdisconnected");
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/i.test(m.text())) errors.push(m.text());
  });
  return { page, outside, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
