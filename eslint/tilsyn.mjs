// tilsyn's own lint rules: import cycles (type imports count: a cycle of types is still a knot to
// untie before a file can move) and the boundaries between modules. See CONTRIBUTING.md.
import fs from "node:fs";
import path from "node:path";

const IMPORT_SOURCES = [
  /\b(?:import|export)\b[^;"'`]*?\bfrom\s*["']([^"']+)["']/g, // import … from, export … from, import type … from
  /\bimport\s*["']([^"']+)["']/g, // import "x" (side effect)
  /\bimport\(\s*["']([^"']+)["']\s*\)/g, // import("x") in code or in a type
  /\brequire\(\s*["']([^"']+)["']\s*\)/g,
];

/** The project file an import names, or null for a package or a file that does not exist. */
function resolveImport(fromFile, source) {
  if (!source.startsWith(".")) return null;
  const base = path.resolve(path.dirname(fromFile), source);
  for (const candidate of [base, `${base}.ts`, path.join(base, "index.ts")]) {
    if (candidate.endsWith(".ts") && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Strips comments, so an import named in a comment is no edge. */
function code(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

function importsOf(file) {
  const text = code(fs.readFileSync(file, "utf8"));
  const out = new Set();
  for (const pattern of IMPORT_SOURCES) {
    for (const m of text.matchAll(pattern)) {
      const target = resolveImport(file, m[1]);
      if (target) out.add(target);
    }
  }
  return out;
}

/** Strongly connected components of the import graph reachable from `start` (Tarjan). */
function componentOf(graph, start) {
  let index = 0;
  const indexOf = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const componentByFile = new Map();
  const edges = (f) => {
    if (!graph.has(f)) graph.set(f, importsOf(f));
    return graph.get(f);
  };
  // Iterative, so a deep graph cannot overflow the stack.
  const visit = (root) => {
    const work = [[root, edges(root)[Symbol.iterator]()]];
    indexOf.set(root, index);
    low.set(root, index++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const [node, it] = work[work.length - 1];
      const next = it.next();
      if (!next.done) {
        const w = next.value;
        if (!indexOf.has(w)) {
          indexOf.set(w, index);
          low.set(w, index++);
          stack.push(w);
          onStack.add(w);
          work.push([w, edges(w)[Symbol.iterator]()]);
        } else if (onStack.has(w)) low.set(node, Math.min(low.get(node), indexOf.get(w)));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(node)));
      }
      if (low.get(node) === indexOf.get(node)) {
        const component = new Set();
        let w;
        do {
          w = stack.pop();
          onStack.delete(w);
          component.add(w);
        } while (w !== node);
        for (const f of component) componentByFile.set(f, component);
      }
    }
  };
  visit(start);
  return componentByFile;
}

// One graph per lint run (files do not change while ESLint runs).
const graph = new Map();
const components = new Map();

const noImportCycle = {
  meta: {
    type: "problem",
    docs: { description: "No import cycles between project files, type-only imports included." },
    schema: [],
    messages: { cycle: "This import is part of a cycle: {{path}}." },
  },
  create(context) {
    const file = context.filename;
    if (!components.has(file)) for (const [f, c] of componentOf(graph, file)) components.set(f, c);
    const component = components.get(file);
    if (!component || component.size < 2) return {};
    const check = (node) => {
      if (!node.source || typeof node.source.value !== "string") return;
      const target = resolveImport(file, node.source.value);
      if (!target || !component.has(target)) return;
      const rel = (f) => path.relative(context.cwd, f);
      context.report({
        node: node.source,
        messageId: "cycle",
        data: { path: [...component].map(rel).sort().join(" ⇄ ") },
      });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
      TSImportType(node) {
        const literal = node.argument?.literal ?? node.argument;
        if (literal && typeof literal.value === "string") check({ source: literal });
      },
    };
  },
};

/** src/modules/<name>/… → name; null outside the modules. */
function moduleOf(file) {
  const m = /[\\/]src[\\/]modules[\\/]([^\\/]+)[\\/]/.exec(file);
  return m ? m[1] : null;
}

/** TypeORM calls whose first argument is the entity queried (EntityManager, DataSource, query builder). */
const QUERY_METHODS = new Set([
  "find",
  "findBy",
  "findOne",
  "findOneBy",
  "findOneOrFail",
  "findOneByOrFail",
  "findAndCount",
  "findAndCountBy",
  "count",
  "countBy",
  "exists",
  "existsBy",
  "sum",
  "average",
  "minimum",
  "maximum",
  "createQueryBuilder",
  "getRepository",
  "insert",
  "update",
  "upsert",
  "delete",
  "softDelete",
  "restore",
  "increment",
  "decrement",
  "preload",
  "from",
  "into",
  "innerJoin",
  "leftJoin",
  "innerJoinAndSelect",
  "leftJoinAndSelect",
]);
/** The project's own lookups, whose second argument is the entity queried (common/lookup.ts, loader-kit.ts). */
const LOOKUPS = new Set(["findByGlobalId", "findForUpdate", "upsertLocked", "byId", "byKey", "groupBy"]);
/** Files of a module that must not query even its own entities: resolvers delegate to services. */
const NON_QUERYING_FILE = /\.(resolver|http)\.ts$/;

const moduleBoundaries = {
  meta: {
    type: "problem",
    docs: {
      description:
        "A module does not import another module's resolvers or HTTP routers, and an entity is queried only in " +
        "its own module's services, loaders and SQL.",
    },
    schema: [],
    messages: {
      crossImport:
        "Do not import another module's {{kind}} ({{source}}): use its service, or move what you need to its " +
        "types/rules.",
      foreignQuery:
        "{{entity}} belongs to the {{owner}} module: query it through that module's service (or loaders), not here.",
      ownQuery: "Query {{entity}} in the {{owner}} module's service (or loaders, SQL), not in {{file}}.",
    },
  },
  create(context) {
    const file = context.filename;
    const here = moduleOf(file);
    /** Local name → module owning the entity file it was imported from. */
    const entityOwner = new Map();
    const ownerOfArgument = (arg) => (arg?.type === "Identifier" ? entityOwner.get(arg.name) : undefined);
    const reportQuery = (node, arg) => {
      const owner = ownerOfArgument(arg);
      if (!owner) return;
      if (owner !== here) context.report({ node: arg, messageId: "foreignQuery", data: { entity: arg.name, owner } });
      else if (NON_QUERYING_FILE.test(file))
        context.report({
          node: arg,
          messageId: "ownQuery",
          data: { entity: arg.name, owner, file: path.basename(file) },
        });
    };
    return {
      ImportDeclaration(node) {
        const source = node.source.value;
        const target = resolveImport(file, source);
        if (!target) return;
        const there = moduleOf(target);
        if (there && here && there !== here) {
          if (/\.resolver\.ts$/.test(target))
            context.report({ node: node.source, messageId: "crossImport", data: { kind: "resolver", source } });
          if (/\.http\.ts$/.test(target))
            context.report({ node: node.source, messageId: "crossImport", data: { kind: "HTTP router", source } });
        }
        if (there && /\.entity\.ts$/.test(target) && node.importKind !== "type") {
          for (const s of node.specifiers) if (s.importKind !== "type") entityOwner.set(s.local.name, there);
        }
      },
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type === "MemberExpression" && callee.property.type === "Identifier") {
          if (QUERY_METHODS.has(callee.property.name)) reportQuery(node, node.arguments[0]);
        } else if (callee.type === "Identifier" && LOOKUPS.has(callee.name)) {
          reportQuery(node, node.arguments[1]);
        }
      },
    };
  },
};

export default {
  meta: { name: "tilsyn" },
  rules: { "no-import-cycle": noImportCycle, "module-boundaries": moduleBoundaries },
};
