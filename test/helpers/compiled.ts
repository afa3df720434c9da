// The server as `npm run build` compiles it, for tests that must run the JavaScript (worker threads load
// compiled files by path): every .ts of src (but src/cli), migrations and seeds transpiled to CommonJS
// with the project's compiler options, JSON copied, into one directory under the checkout (like dist/,
// so paths relative to the checkout's root resolve alike). Transpiled only: `npm run typecheck` checks types.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "..", "..");

function* files(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

/** Compiles into `<root>/<name>` (replacing it) and returns the directory; remove it with fs.rmSync. */
export function compileServer(name = `.compiled-${process.pid}`): string {
  const out = path.join(ROOT, name);
  fs.rmSync(out, { recursive: true, force: true });
  const { config } = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const compilerOptions: ts.CompilerOptions = { ...options, sourceMap: false, incremental: false };
  for (const top of ["src", "migrations", "seeds"]) {
    for (const file of files(path.join(ROOT, top))) {
      const relative = path.relative(ROOT, file);
      if (relative.startsWith(path.join("src", "cli"))) continue;
      const target = path.join(out, relative);
      if (file.endsWith(".ts") && !file.endsWith(".d.ts")) {
        const { outputText } = ts.transpileModule(fs.readFileSync(file, "utf8"), { compilerOptions, fileName: file });
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target.replace(/\.ts$/, ".js"), outputText);
      } else if (file.endsWith(".json")) {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.copyFileSync(file, target);
      }
    }
  }
  return out;
}
