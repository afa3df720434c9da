// Builds the console into dist/console with Vite, only when its sources changed: a SHA-256 of every file
// under console/ and of the Vite and Preact versions is kept in dist/console/.build-hash, so `npm start`
// on an unchanged checkout skips the build. The new build is written beside the old one and swapped in,
// so a running server never serves half a build.
//
//   node console/build.mjs            build if stale
//   node console/build.mjs --force    build anyway
//   node console/build.mjs --hash     print the sources' hash and exit
//   --src <dir> --out <dir>           another console folder or output (tests)
// CONSOLE_ENABLED=false skips the build (the server then does not serve the console either).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const src = path.resolve(option("--src") ?? here);
const out = path.resolve(option("--out") ?? path.join(here, "..", "dist", "console"));
const STAMP = ".build-hash";

function files(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === "node_modules" ? [] : files(full);
      return e.isFile() ? [full] : [];
    });
}

function installedVersion(pkg) {
  try {
    return createRequire(path.join(src, "package.json"))(`${pkg}/package.json`).version;
  } catch {
    return "missing";
  }
}

/** The hash the build is stamped with: the console's files (paths and contents) and the tools' versions. */
function sourceHash() {
  const h = crypto.createHash("sha256");
  for (const file of files(src)) {
    h.update(path.relative(src, file).split(path.sep).join("/")).update("\0");
    h.update(fs.readFileSync(file)).update("\0");
  }
  h.update(`vite@${installedVersion("vite")} preact@${installedVersion("preact")}`);
  return h.digest("hex");
}

function stampOf(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, STAMP), "utf8"));
  } catch {
    return null;
  }
}

/** Bytes of the built JavaScript and CSS, raw and gzip-compressed (what a browser downloads). */
function bundleSize(dir) {
  let raw = 0;
  let gzip = 0;
  for (const file of files(dir).filter((f) => /\.(js|css)$/.test(f))) {
    const content = fs.readFileSync(file);
    raw += content.length;
    gzip += zlib.gzipSync(content, { level: 9 }).length;
  }
  return { raw, gzip };
}

const kB = (n) => `${(n / 1024).toFixed(1)} kB`;

async function main() {
  const hash = sourceHash();
  if (args.includes("--hash")) {
    process.stdout.write(hash + "\n");
    return;
  }
  if (["0", "false", "no"].includes((process.env.CONSOLE_ENABLED ?? "").toLowerCase())) {
    console.log("[console] CONSOLE_ENABLED is off: not built");
    return;
  }
  const current = stampOf(out);
  if (!args.includes("--force") && current?.hash === hash && fs.existsSync(path.join(out, "index.html"))) {
    console.log(`[console] up to date (${path.relative(process.cwd(), out) || out})`);
    return;
  }
  let vite;
  try {
    vite = await import("vite");
  } catch {
    const what = current ? "keeping the build there is" : "the console is not built (the server says so at /console)";
    console.warn(`[console] Vite is not installed (npm install without --omit=dev builds it): ${what}`);
    return;
  }
  // Always the production build (no JSX debug info), whatever NODE_ENV the caller runs in (jest sets "test").
  process.env.NODE_ENV = "production";
  const started = performance.now();
  const staging = `${out}.building-${process.pid}`;
  const old = `${out}.old-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    await vite.build({
      configFile: path.join(src, "vite.config.mjs"),
      root: src,
      mode: "production",
      logLevel: "warn",
      build: { outDir: staging, emptyOutDir: true },
    });
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  const ms = Math.round(performance.now() - started);
  const size = bundleSize(staging);
  const stamp = { hash, vite: installedVersion("vite"), preact: installedVersion("preact"), buildMs: ms, ...size };
  fs.writeFileSync(path.join(staging, STAMP), JSON.stringify(stamp, null, 2) + "\n");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  if (fs.existsSync(out)) fs.renameSync(out, old);
  fs.renameSync(staging, out);
  fs.rmSync(old, { recursive: true, force: true });
  console.log(
    `[console] built in ${(ms / 1000).toFixed(1)} s: ${kB(size.raw)} of JavaScript and CSS, ${kB(size.gzip)} gzip ` +
      `(${path.relative(process.cwd(), out) || out})`,
  );
}

main().catch((err) => {
  console.error(`[console] build failed: ${err?.message ?? err}`);
  process.exit(1);
});
