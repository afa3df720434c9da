// A page or module kept as source code (JSX/TSX, TypeScript, JavaScript) becomes the HTML a browser would be
// given, which parse5 then reads as any page (html.ts). @babel/parser gives the syntax tree: JSX elements stay
// elements, JSX text and string expressions become text, a component defined in the file is expanded with its
// props (`<BulletList items={[…]} />`), `.map()` over an array of strings or objects is rendered once per item,
// and data the file holds but never renders (a DPA kept as an array of sections, a string a function returns)
// is laid out as headings, paragraphs, lists and tables where it stands. Comments and code are no text.
// A value the file cannot see (an imported constant) stays as written, `{NAME}` or `${NAME}`, so the
// placeholder rule reads it as unfilled rather than as a value.
import { parse } from "@babel/parser";
import type * as t from "@babel/types";
import { isTextHeading } from "./text";

/** Rendered markup, kept apart from strings, which are escaped when they become text. */
class Html {
  constructor(readonly html: string) {}
}

type Value = string | number | boolean | Html | Value[] | { [key: string]: Value } | undefined;

type Fn = t.FunctionDeclaration | t.ArrowFunctionExpression | t.FunctionExpression;

interface Scope {
  values: Map<string, Value>;
  /** Declarations read lazily: a constant is evaluated when something reads it. */
  nodes: Map<string, t.Expression>;
  parent: Scope | null;
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttribute = (s: string) => escape(s).replace(/"/g, "&quot;");

/** Lines that start a file written in JavaScript or TypeScript (after blank and comment lines). */
const SOURCE_START = new RegExp(
  String.raw`^(?:["']use (?:client|server)["'];?$|import\s[^\n]*\bfrom\s*["']|import\s+["']|` +
    String.raw`export\s+(?:default\s+)?(?:async\s+)?(?:function|const|let|var|class|interface|type|enum)\b|` +
    String.raw`(?:async\s+)?function\s*\*?\s*[A-Za-z_$][\w$]*\s*[(<]|(?:const|let|var)\s+[A-Za-z_$][\w$]*\s*[=:])`,
);

/** Whether a text is a source file: its first line of code is an import, an export or a declaration. */
export function looksLikeSource(text: string): boolean {
  let inComment = false;
  for (const raw of text.split("\n").slice(0, 200)) {
    const line = raw.trim();
    if (inComment) {
      if (line.includes("*/")) inComment = false;
      continue;
    }
    if (!line || line.startsWith("//")) continue;
    if (line.startsWith("/*")) {
      inComment = !line.includes("*/");
      continue;
    }
    return SOURCE_START.test(line);
  }
  return false;
}

/** Attributes that style or wire an element; their values are no text a reader sees. */
const TECHNICAL_ATTRIBUTE = new RegExp(
  "^(?:className|class|style|href|src|id|key|ref|path|description|alt|aria-.*|data-.*|role|type|name|" +
    "placeholder|variant|size|icon|updated|lang|target|rel|as|width|height|viewBox|fill|stroke|d|xmlns|on[A-Z].*)$",
);
/** React Native's layout components: each a block of its own. */
const NATIVE_BLOCK = /^(?:View|ScrollView|SafeAreaView|KeyboardAvoidingView)$/;
/** Keys of a section object that name it. */
const TITLE_KEY = /^(?:title|heading|headline|label|name|overskrift|titel)$/i;
/** Keys of a section object whose array is a bulleted list. */
const LIST_KEY = /^(?:list|items|bullets|points|punkter|liste)$/i;

/** Text a reader would read: a letter and at least three words, not a list of CSS classes. */
function isProse(s: string): boolean {
  const words = s.trim().split(/\s+/);
  if (words.length < 3 || !/\p{L}/u.test(s)) return false;
  const classy = words.filter((w) => /[-:[\]/]/.test(w) && !/[.,;]$/.test(w)).length;
  return classy * 2 < words.length;
}

const hasProse = (v: Value, depth = 0): boolean => {
  if (depth > 6 || v === undefined) return false;
  if (typeof v === "string") return isProse(v);
  if (Array.isArray(v)) return v.some((x) => hasProse(x, depth + 1));
  if (v instanceof Html) return true;
  if (typeof v === "object") return Object.values(v).some((x) => hasProse(x, depth + 1));
  return false;
};

/** Whether a string is HTML markup (a page kept in a template literal). */
const isMarkup = (s: string) =>
  (s.match(/<(?:p|h[1-6]|li|ul|ol|tr|td|table|div|section|strong)\b[^>]*>/gi) ?? []).length >= 3;

/** Plain text (a template literal with line breaks) as HTML: headings, list items and paragraphs. */
function textHtml(s: string): string {
  if (isMarkup(s)) return s;
  const out: string[] = [];
  let paragraph: string[] = [];
  let items: string[] = [];
  const flush = () => {
    if (paragraph.length) out.push(`<p>${escape(paragraph.join(" "))}</p>`);
    if (items.length) out.push(`<ul>${items.map((i) => `<li>${escape(i)}</li>`).join("")}</ul>`);
    paragraph = [];
    items = [];
  };
  for (const raw of s.split("\n")) {
    const line = raw.trim();
    if (!line) {
      flush();
      continue;
    }
    const item = /^[-•*–]\s+(.*)$/.exec(line);
    // An indented line right under an item goes on with it ("• Stripe (USA)\n  SCC").
    if (!item && items.length && /^\s/.test(raw)) items[items.length - 1] += ` ${line}`;
    else if (item) {
      if (paragraph.length) flush();
      items.push(item[1]);
    } else if (isTextHeading(line) && line.length < 90) {
      flush();
      out.push(`<h3>${escape(line)}</h3>`);
    } else {
      if (items.length) flush();
      paragraph.push(line);
    }
  }
  flush();
  return out.join("\n");
}

/** Data the page never renders, laid out as a reader would expect it: sections, lists, tables. */
function dataHtml(v: Value, depth = 0): string {
  if (depth > 6 || v === undefined || typeof v === "boolean" || typeof v === "number") return "";
  if (v instanceof Html) return v.html;
  if (typeof v === "string") return isProse(v) || isMarkup(v) ? textHtml(v) : "";
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === "string" || typeof x === "number")) {
      const items = v.map(String).filter((x) => /\p{L}/u.test(x));
      return items.length ? `<ul>${items.map((i) => `<li>${escape(i)}</li>`).join("")}</ul>` : "";
    }
    const objects = v.filter((x): x is { [key: string]: Value } => isRecord(x));
    // Rows of short strings (a sub-processor list kept as data) are a table with the keys as its header.
    const flat = objects.length === v.length && objects.every((o) => Object.values(o).every(isCell));
    if (flat && objects.length) {
      const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))];
      const head = `<tr>${keys.map((k) => `<th>${escape(k)}</th>`).join("")}</tr>`;
      const rows = objects.map((o) => `<tr>${keys.map((k) => `<td>${escape(String(o[k] ?? ""))}</td>`).join("")}</tr>`);
      return `<table><thead>${head}</thead><tbody>${rows.join("")}</tbody></table>`;
    }
    return v.map((x) => dataHtml(x, depth + 1)).join("\n");
  }
  if (!hasProse(v)) return "";
  const parts: string[] = [];
  const entries = Object.entries(v);
  const title = entries.find(([k, x]) => TITLE_KEY.test(k) && typeof x === "string" && x.trim());
  if (title) parts.push(`<h${Math.min(2 + depth, 6)}>${escape(String(title[1]))}</h${Math.min(2 + depth, 6)}>`);
  for (const [key, x] of entries) {
    if (title && key === title[0]) continue;
    if (Array.isArray(x) && x.every((y) => typeof y === "string")) {
      const items = (x as string[]).filter((y) => /\p{L}/u.test(y));
      if (LIST_KEY.test(key)) parts.push(`<ul>${items.map((i) => `<li>${escape(i)}</li>`).join("")}</ul>`);
      else parts.push(...items.map((i) => textHtml(i)));
    } else parts.push(dataHtml(x, depth + 1));
  }
  return `<section>${parts.filter(Boolean).join("\n")}</section>`;
}

const isRecord = (x: Value): x is { [key: string]: Value } =>
  typeof x === "object" && x !== null && !Array.isArray(x) && !(x instanceof Html);
const isCell = (x: Value) => x === undefined || typeof x === "number" || (typeof x === "string" && x.length <= 160);

/** An identifier as words: "SUB_PROCESSORS" → "Sub processors", "subProcessorList" → "Sub processor list". */
function wordsOf(name: string): string {
  const words = name
    .replace(/([a-z\d])([A-Z])/g, "$1 $2")
    .split(/[_\s]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase())
    .join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** JSX text as React renders it: lines trimmed where they meet a line break, empty lines dropped. */
function jsxText(value: string): string {
  const lines = value.split(/\r\n|\n|\r/);
  const kept: string[] = [];
  lines.forEach((line, i) => {
    let l = line.replace(/\t/g, " ");
    if (i !== 0) l = l.replace(/^ +/, "");
    if (i !== lines.length - 1) l = l.replace(/ +$/, "");
    if (l) kept.push(l);
  });
  return kept.join(" ");
}

class SourceRenderer {
  private readonly top: Scope = { values: new Map(), nodes: new Map(), parent: null };
  private readonly functions = new Map<string, Fn>();
  /** Top-level names something rendered has read: their data is shown where it is used, not where declared. */
  readonly consumed = new Set<string>();
  private depth = 0;
  /** How many React Native <Text> elements enclose the one being rendered. */
  private textDepth = 0;

  constructor(
    private readonly text: string,
    readonly program: t.Program,
  ) {
    for (const statement of program.body) this.declare(this.unwrap(statement), this.top);
  }

  private unwrap(s: t.Statement): t.Statement | t.Declaration | t.Expression | null {
    if (s.type === "ExportNamedDeclaration") return s.declaration ?? null;
    if (s.type === "ExportDefaultDeclaration") return s.declaration as t.Declaration | t.Expression;
    return s;
  }

  private declare(s: t.Statement | t.Declaration | t.Expression | null, scope: Scope): void {
    if (!s) return;
    if (s.type === "FunctionDeclaration" && s.id) {
      if (scope === this.top) this.functions.set(s.id.name, s);
      else scope.nodes.set(s.id.name, s as unknown as t.Expression);
    } else if (s.type === "VariableDeclaration") {
      for (const d of s.declarations) {
        if (d.id.type !== "Identifier" || !d.init) continue;
        const init = this.strip(d.init);
        if (scope === this.top && (init.type === "ArrowFunctionExpression" || init.type === "FunctionExpression"))
          this.functions.set(d.id.name, init);
        else scope.nodes.set(d.id.name, d.init);
      }
    }
  }

  private strip(e: t.Expression): t.Expression {
    let x: t.Node = e;
    while (
      x.type === "TSAsExpression" ||
      x.type === "TSSatisfiesExpression" ||
      x.type === "TSNonNullExpression" ||
      x.type === "ParenthesizedExpression" ||
      x.type === "TSTypeAssertion"
    )
      x = x.expression;
    return x as t.Expression;
  }

  private source(node: t.Node): string {
    return this.text.slice(node.start ?? 0, node.end ?? 0);
  }

  private lookup(name: string, scope: Scope): Value {
    for (let s: Scope | null = scope; s; s = s.parent) {
      if (s.values.has(name)) return s.values.get(name);
      const node = s.nodes.get(name);
      if (node) {
        if (s === this.top) this.consumed.add(name);
        s.nodes.delete(name); // a constant that reads itself yields undefined, not a loop
        const value = this.evaluate(node, s);
        s.values.set(name, value);
        return value;
      }
    }
    return undefined;
  }

  /** The value of an expression, when the file itself determines it; undefined otherwise. */
  evaluate(node: t.Expression | t.SpreadElement | t.Node | null | undefined, scope: Scope): Value {
    if (!node || this.depth > 40) return undefined;
    this.depth++;
    try {
      return this.evaluateNode(node as t.Node, scope);
    } finally {
      this.depth--;
    }
  }

  private evaluateNode(node: t.Node, scope: Scope): Value {
    switch (node.type) {
      case "StringLiteral":
        return node.value;
      case "NumericLiteral":
        return node.value;
      case "BooleanLiteral":
        return node.value;
      case "TemplateLiteral":
        return node.quasis
          .map((q, i) => {
            const cooked = q.value.cooked ?? q.value.raw;
            if (i >= node.expressions.length) return cooked;
            const e = node.expressions[i];
            const v = this.evaluate(e, scope);
            return cooked + (typeof v === "string" || typeof v === "number" ? String(v) : `\${${this.source(e)}}`);
          })
          .join("");
      case "ArrayExpression":
        return node.elements.flatMap((e) => {
          if (!e) return [];
          if (e.type === "SpreadElement") {
            const v = this.evaluate(e.argument, scope);
            return Array.isArray(v) ? v : [];
          }
          return [this.evaluate(e, scope)];
        });
      case "ObjectExpression": {
        const o: { [key: string]: Value } = {};
        for (const p of node.properties) {
          if (p.type !== "ObjectProperty" || p.computed) continue;
          const key = p.key.type === "Identifier" ? p.key.name : p.key.type === "StringLiteral" ? p.key.value : null;
          if (key !== null) o[key] = this.evaluate(p.value, scope);
        }
        return o;
      }
      case "Identifier":
        return this.lookup(node.name, scope);
      case "MemberExpression":
      case "OptionalMemberExpression": {
        const object = this.evaluate(node.object, scope);
        const key = node.computed
          ? this.evaluate(node.property, scope)
          : node.property.type === "Identifier"
            ? node.property.name
            : undefined;
        if (Array.isArray(object)) return key === "length" ? object.length : object[Number(key)];
        if (isRecord(object) && (typeof key === "string" || typeof key === "number")) return object[key];
        return undefined;
      }
      case "TSAsExpression":
      case "TSSatisfiesExpression":
      case "TSNonNullExpression":
      case "ParenthesizedExpression":
      case "TSTypeAssertion":
        return this.evaluate(node.expression, scope);
      case "LogicalExpression": {
        if (node.operator === "&&") return this.evaluate(node.right, scope);
        const left = this.evaluate(node.left, scope);
        return left !== undefined && left !== "" ? left : this.evaluate(node.right, scope);
      }
      case "ConditionalExpression": {
        const a = this.evaluate(node.consequent, scope);
        const b = this.evaluate(node.alternate, scope);
        return [a, b].filter((x) => x !== undefined && x !== null && x !== "");
      }
      case "JSXElement":
      case "JSXFragment":
        return new Html(this.jsx(node, scope));
      case "CallExpression":
        return this.call(node, scope);
      default:
        return undefined;
    }
  }

  private call(node: t.CallExpression, scope: Scope): Value {
    const callee = node.callee;
    if (callee.type === "MemberExpression" && callee.property.type === "Identifier" && !callee.computed) {
      const method = callee.property.name;
      const target = this.evaluate(callee.object, scope);
      if (!Array.isArray(target)) {
        if (typeof target === "string" && ["trim", "toLowerCase", "toUpperCase"].includes(method))
          return method === "trim"
            ? target.trim()
            : method === "toLowerCase"
              ? target.toLowerCase()
              : target.toUpperCase();
        return this.markupArguments(node, scope);
      }
      if (method === "map" || method === "flatMap") {
        const fn = node.arguments[0];
        if (!fn || (fn.type !== "ArrowFunctionExpression" && fn.type !== "FunctionExpression")) return undefined;
        const out = target.map((item, index) => this.apply(fn, [item, index], scope));
        // Records shown as cards (a div per sub-processor with its name, country and role in spans) are rows of
        // a table to a reader: the cards' layout says nothing the record's fields do not.
        const records = target.length > 0 && target.every((x) => isRecord(x) && Object.values(x).every(isCell));
        const cards = out.every((x) => x instanceof Html && !/<(?:li|tr|td|h[1-6]|table|a)\b/.test(x.html));
        if (records && cards) return new Html(dataHtml(target));
        return method === "flatMap" ? out.flat() : out;
      }
      if (method === "join") {
        const separator = this.evaluate(node.arguments[0], scope);
        return target
          .map((x) => (x instanceof Html ? x.html : String(x ?? "")))
          .join(typeof separator === "string" ? separator : ",");
      }
      if (method === "slice" || method === "filter" || method === "sort") return target;
      return undefined;
    }
    if (callee.type === "Identifier") {
      const fn = this.functions.get(callee.name);
      if (fn)
        return this.apply(
          fn,
          node.arguments.map((a) => this.evaluate(a, scope)),
          this.top,
        );
    }
    return this.markupArguments(node, scope);
  }

  /**
   * A call the file cannot see into (`ReactDOM.createPortal(<div>…</div>, document.body)`, `memo(<…/>)`) that is
   * given markup shows that markup: a portal or wrapper puts it on the page.
   */
  private markupArguments(node: t.CallExpression, scope: Scope): Value {
    const markup = node.arguments.filter((a) => a.type === "JSXElement" || a.type === "JSXFragment");
    if (!markup.length) return undefined;
    return new Html(markup.map((a) => this.html(this.evaluate(a, scope))).join(""));
  }

  /** Binds a parameter pattern to a value. */
  private bind(param: t.Node, value: Value, scope: Scope): void {
    if (param.type === "Identifier") scope.values.set(param.name, value);
    else if (param.type === "AssignmentPattern") {
      this.bind(param.left, value === undefined ? this.evaluate(param.right, scope) : value, scope);
    } else if (param.type === "ObjectPattern") {
      for (const p of param.properties) {
        if (p.type === "RestElement") {
          this.bind(p.argument, value, scope);
          continue;
        }
        const key = p.key.type === "Identifier" ? p.key.name : p.key.type === "StringLiteral" ? p.key.value : null;
        if (key === null) continue;
        this.bind(p.value, isRecord(value) ? value[key] : undefined, scope);
      }
    } else if (param.type === "ArrayPattern") {
      param.elements.forEach((e, i) => e && this.bind(e, Array.isArray(value) ? value[i] : undefined, scope));
    } else if (param.type === "TSParameterProperty") this.bind(param.parameter, value, scope);
  }

  /** Calls a function of the file (a component, a `.map()` callback, a function returning text). */
  apply(fn: Fn, args: Value[], parent: Scope): Value {
    if (this.depth > 30) return undefined;
    const scope: Scope = { values: new Map(), nodes: new Map(), parent };
    fn.params.forEach((p, i) => this.bind(p, args[i], scope));
    if (fn.body.type !== "BlockStatement") return this.evaluate(fn.body, scope);
    for (const s of fn.body.body) {
      this.declare(s, scope);
      if (s.type === "ReturnStatement") return this.evaluate(s.argument, scope);
    }
    return undefined;
  }

  private attributes(element: t.JSXOpeningElement, scope: Scope): { [key: string]: Value } {
    const props: { [key: string]: Value } = {};
    for (const a of element.attributes) {
      if (a.type === "JSXSpreadAttribute") {
        const v = this.evaluate(a.argument, scope);
        if (isRecord(v)) Object.assign(props, v);
        continue;
      }
      const name = a.name.type === "JSXIdentifier" ? a.name.name : `${a.name.namespace.name}:${a.name.name.name}`;
      if (!a.value) props[name] = true;
      else if (a.value.type === "StringLiteral") props[name] = a.value.value;
      else if (a.value.type === "JSXExpressionContainer") {
        const e = a.value.expression;
        props[name] = e.type === "JSXEmptyExpression" ? undefined : this.evaluate(e, scope);
      } else props[name] = this.evaluate(a.value, scope);
    }
    return props;
  }

  /** A rendered value as HTML: strings escaped, arrays joined, markup as it is. */
  private html(v: Value): string {
    if (v === undefined || v === null || typeof v === "boolean") return "";
    if (v instanceof Html) return v.html;
    if (typeof v === "string" || typeof v === "number") return escape(String(v));
    if (Array.isArray(v)) return v.map((x) => this.html(x)).join("");
    return "";
  }

  private children(children: t.JSXElement["children"], scope: Scope): string {
    return children
      .map((c, i) => {
        // Elements on lines of their own are laid out apart (blocks, flex items): a space keeps their words apart.
        if (c.type === "JSXText" && /^\s*\n\s*$/.test(c.value) && i > 0 && i < children.length - 1) return " ";
        if (c.type === "JSXText") return escape(jsxText(c.value));
        if (c.type === "JSXElement" || c.type === "JSXFragment") return this.jsx(c, scope);
        if (c.type === "JSXExpressionContainer") {
          const e = c.expression;
          if (e.type === "JSXEmptyExpression") return "";
          const v = this.evaluate(e, scope);
          // React Native's <Text> shows a string's line breaks: "\n• item" lines are paragraphs and list items.
          if (typeof v === "string" && v.includes("\n") && isProse(v)) return textHtml(v);
          if (v !== undefined) return this.html(v);
          // What the file cannot see (an imported constant) stays as written, as an unfilled value.
          const inner = this.strip(e);
          if (inner.type === "Identifier" || inner.type === "MemberExpression")
            return escape(`{${this.source(inner)}}`);
          return "";
        }
        return "";
      })
      .join("");
  }

  jsx(node: t.JSXElement | t.JSXFragment, scope: Scope): string {
    if (node.type === "JSXFragment") return this.children(node.children, scope);
    const opening = node.openingElement;
    const nameNode = opening.name;
    const name =
      nameNode.type === "JSXIdentifier"
        ? nameNode.name
        : nameNode.type === "JSXMemberExpression"
          ? nameNode.property.name
          : nameNode.name.name;
    const local = /^[A-Z]/.test(name) && nameNode.type === "JSXIdentifier" ? this.functions.get(name) : undefined;
    // React Native's views are blocks, and an outer <Text> is a paragraph (one inside it is a run of text).
    const native = local
      ? undefined
      : NATIVE_BLOCK.test(name)
        ? "div"
        : name === "Text"
          ? this.textDepth
            ? "span"
            : "div"
          : undefined;
    if (name === "Text") this.textDepth++;
    const children = this.children(node.children, scope);
    if (name === "Text") this.textDepth--;
    if (local && this.depth < 30) {
      const props = this.attributes(opening, scope);
      props.children = new Html(children);
      return this.html(this.apply(local, [props], this.top));
    }
    const props = this.attributes(opening, scope);
    // A <Text> of one numbered or capitalised line ("3. Underdatabehandlere") is a section's heading.
    const heading = native === "div" && name === "Text" && !/</.test(children) && isTextHeading(children);
    const tag = heading ? "h3" : (native ?? (/^[A-Z]/.test(name) ? name.toLowerCase() : name));
    const attrs: string[] = [];
    const prose: string[] = [];
    for (const [key, value] of Object.entries(props)) {
      if (typeof value !== "string" || TECHNICAL_ATTRIBUTE.test(key)) continue;
      if (key === "title" || key === "heading" || key === "start") attrs.push(`${key}="${escapeAttribute(value)}"`);
      // A component's prose given as an attribute (`intro="…"`) is text the page shows.
      else if (/^[A-Z]/.test(name) && isProse(value)) prose.push(`<p>${escape(value)}</p>`);
    }
    if (tag === "br" || tag === "hr" || tag === "img") return `<${tag}>`;
    return `<${tag}${attrs.length ? " " + attrs.join(" ") : ""}>${prose.join("")}${children}</${tag}>`;
  }

  /** Whether a function returns what a page shows (JSX or text), so it is rendered where it stands. */
  isComponent(fn: Fn): boolean {
    let found = false;
    const visit = (n: unknown, depth: number): void => {
      if (found || depth > 60 || !n || typeof n !== "object") return;
      const type = (n as { type?: string }).type;
      if (type === "JSXElement" || type === "JSXFragment") {
        found = true;
        return;
      }
      for (const [k, v] of Object.entries(n)) {
        if (k === "loc" || k === "extra" || k === "leadingComments" || k === "trailingComments") continue;
        if (Array.isArray(v)) v.forEach((x) => visit(x, depth + 1));
        else if (v && typeof v === "object") visit(v, depth + 1);
      }
    };
    visit(fn.body, 0);
    return found;
  }

  usedAsElements(): Set<string> {
    const used = new Set<string>();
    const visit = (n: unknown, depth: number): void => {
      if (depth > 200 || !n || typeof n !== "object") return;
      const node = n as { type?: string; name?: { type?: string; name?: string } };
      if (node.type === "JSXOpeningElement" && node.name?.type === "JSXIdentifier") used.add(node.name.name!);
      for (const [k, v] of Object.entries(n)) {
        if (k === "loc" || k === "extra") continue;
        if (Array.isArray(v)) v.forEach((x) => visit(x, depth + 1));
        else if (v && typeof v === "object") visit(v, depth + 1);
      }
    };
    visit(this.program, 0);
    return used;
  }

  /** The file as a page: what its components render and the text its data holds, in the file's order. */
  render(): string {
    const used = this.usedAsElements();
    const parts: { index: number; html: string }[] = [];
    const data: { index: number; names: string[] }[] = [];
    this.program.body.forEach((statement, index) => {
      const s = this.unwrap(statement);
      if (!s) return;
      const fns: [string, Fn][] = [];
      if (s.type === "FunctionDeclaration") fns.push([s.id?.name ?? "", s]);
      else if (s.type === "ArrowFunctionExpression" || s.type === "FunctionExpression") fns.push(["", s]);
      else if (s.type === "VariableDeclaration") {
        const names: string[] = [];
        for (const d of s.declarations) {
          if (d.id.type !== "Identifier") continue;
          const fn = this.functions.get(d.id.name);
          if (fn) fns.push([d.id.name, fn]);
          else names.push(d.id.name);
        }
        if (names.length) data.push({ index, names });
      } else if (s.type === "ObjectExpression" || s.type === "ArrayExpression" || s.type === "TemplateLiteral") {
        parts.push({ index, html: dataHtml(this.evaluate(s, this.top)) });
      }
      for (const [name, fn] of fns) {
        if (name && used.has(name)) continue; // expanded where it is used
        if (this.isComponent(fn))
          parts.push({ index, html: `<div>${this.html(this.apply(fn, [{}], this.top))}</div>` });
        else if (fn.params.length === 0) {
          const v = this.apply(fn, [], this.top);
          if (typeof v === "string") parts.push({ index, html: `<div>${dataHtml(v)}</div>` });
        }
      }
    });
    // Data nothing rendered is shown where it is declared.
    for (const { index, names } of data) {
      const html = names
        .filter((n) => !this.consumed.has(n))
        .map((n) => {
          const v = this.lookup(n, this.top);
          const body = dataHtml(v);
          // Rows kept as data are named by their constant (SUBPROCESSORS): the name is the table's only title.
          const rows = Array.isArray(v) && v.length > 0 && v.every((x) => isRecord(x));
          return rows && body.startsWith("<table>") ? `<h3>${escape(wordsOf(n))}</h3>${body}` : body;
        })
        .join("\n");
      if (html.trim()) parts.push({ index, html: `<section>${html}</section>` });
    }
    parts.sort((a, b) => a.index - b.index);
    return `<html><body>\n${parts.map((p) => p.html).join("\n")}\n</body></html>`;
  }
}

/**
 * The HTML a source file renders, or null when it does not parse as JavaScript or TypeScript (then it is
 * read as the text it is).
 */
export function sourceHtml(text: string): string | null {
  let program: t.Program | null = null;
  for (const plugins of [["typescript", "jsx"], ["typescript"], ["jsx"]] as const) {
    try {
      program = parse(text, {
        sourceType: "unambiguous",
        plugins: [...plugins],
        errorRecovery: true,
        allowReturnOutsideFunction: true,
      }).program;
      break;
    } catch {
      continue;
    }
  }
  if (!program) return null;
  return new SourceRenderer(text, program).render();
}
