// A worker thread's entry when the server runs from its TypeScript sources (ts-node, jest): jest's module system does
// not reach worker threads, and ts-node in the worker transpiles every module again on each start (20–50 s of CPU for
// the export worker, beyond 120 s on a loaded machine). Here each file is transpiled once, as ts-node's transpile-only
// mode does (ts.transpileModule with tsconfig.json's options, CommonJS), and kept in the system's temporary directory
// under the digest of the file, its path, tsconfig.json and the compiler's version: a later worker (another test,
// a restarted worker) only loads JavaScript. Compiled servers (node dist/…) never use this.
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

/** Code for `new Worker(code, { eval: true })` that loads the TypeScript file `entry` with the cache. */
export function tsWorkerBoot(entry: string): string {
  const tsconfig = path.join(ROOT, "tsconfig.json");
  const typescript = require.resolve("typescript");
  const version = (
    JSON.parse(fs.readFileSync(require.resolve("typescript/package.json"), "utf8")) as {
      version: string;
    }
  ).version;
  const salt = `${version}\0${fs.readFileSync(tsconfig, "utf8")}`;
  const constants = { ROOT, tsconfig, typescript, salt, entry };
  return `"use strict";
const { ROOT, tsconfig, typescript, salt, entry } = ${JSON.stringify(constants)};
const fs = require("node:fs"), os = require("node:os"), path = require("node:path"), crypto = require("node:crypto");
const dir = path.join(os.tmpdir(), "tilsyn-ts-cache");
let ts, compilerOptions;
require.extensions[".ts"] = (module, file) => {
  const source = fs.readFileSync(file, "utf8");
  const key = crypto.createHash("sha256").update(salt).update("\\0").update(file).update("\\0").update(source);
  const cached = path.join(dir, key.digest("hex") + ".js");
  let code;
  try {
    code = fs.readFileSync(cached, "utf8");
  } catch {
    ts ??= require(typescript);
    compilerOptions ??= {
      ...ts.parseJsonConfigFileContent(ts.readConfigFile(tsconfig, ts.sys.readFile).config, ts.sys, ROOT).options,
      module: ts.ModuleKind.CommonJS,
      sourceMap: false,
    };
    code = ts.transpileModule(source, { compilerOptions, fileName: file }).outputText;
    try {
      fs.mkdirSync(dir, { recursive: true });
      const written = cached + "." + process.pid + "." + require("node:worker_threads").threadId;
      fs.writeFileSync(written, code);
      fs.renameSync(written, cached);
    } catch {}
  }
  module._compile(code, file);
};
require(entry);
`;
}
