// How deep an HTML text's elements nest, estimated in one linear pass before parse5 reads it. parse5 (as the
// WHATWG algorithm says) looks through the open elements for most start tags, so a page of 20,000 nested <div>s
// (100 KB) took it 14 s, and 25,000 held a reader until DOCUMENT_READ_TIMEOUT_MS; no document a person writes
// nests more than a few dozen elements deep. The estimate follows the parser's main rules: void elements and
// comments open nothing, an end tag closes the elements opened since the one it names (and is ignored when none is
// open), an element whose end tag may be left out (p, li, td …) closes an open one of its name, and a raw-text
// element's content (script, style …) holds no tags. A Word file's XML is weighed the same way before mammoth
// reads it: 3,000 nested tables (a 1.4 KB file) overflowed mammoth's stack, answered as a damaged file.

/** Deepest nesting of elements the HTML reader accepts. */
export const MAX_HTML_DEPTH = 256;

export class HtmlTooDeep extends Error {
  constructor(readonly maxDepth: number) {
    super(`the markup nests elements more than ${maxDepth} deep`);
    this.name = "HtmlTooDeep";
  }
}

const VOID = new Set(
  "area base br col embed hr img input keygen link meta param source track wbr frame basefont bgsound".split(" "),
);
const OPTIONAL_END = new Set(
  "p li dt dd tr td th option optgroup rb rt rp rtc tbody thead tfoot colgroup caption html head body".split(" "),
);
const RAW_TEXT = new Set("script style textarea title xmp iframe noembed noframes noscript plaintext".split(" "));
const FOREIGN = new Set(["svg", "math"]);

const isNameChar = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 58 || c === 95;

/**
 * Throws HtmlTooDeep when the elements of `html` nest deeper than `maxDepth`. Linear in the text's length. `xml`:
 * the text is XML (a Word file's parts): every "<x/>" closes itself, and no element is void, raw text or closed
 * by its like.
 */
export function checkHtmlNesting(html: string, maxDepth = MAX_HTML_DEPTH, xml = false): void {
  const stack: string[] = [];
  const open = new Map<string, number>();
  const push = (name: string) => {
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
    if (stack.length > maxDepth) throw new HtmlTooDeep(maxDepth);
  };
  // Pops up to and including the innermost `name` (known to be open): each element is pushed once, popped once.
  const closeThrough = (name: string) => {
    for (;;) {
      const top = stack.pop()!;
      open.set(top, open.get(top)! - 1);
      if (top === name) return;
    }
  };
  let i = 0;
  for (;;) {
    const lt = html.indexOf("<", i);
    if (lt < 0 || lt + 1 >= html.length) return;
    if (html.startsWith("<!--", lt)) {
      const end = html.indexOf("-->", lt + 4);
      if (end < 0) return;
      i = end + 3;
      continue;
    }
    const closing = html.charCodeAt(lt + 1) === 47; // "/"
    let j = lt + (closing ? 2 : 1);
    const nameStart = j;
    while (j < html.length && isNameChar(html.charCodeAt(j))) j++;
    if (j === nameStart) {
      // "<!doctype …>", "<?xml …>", "</>" or a lone "<": no element.
      i = lt + 1;
      if (html.charCodeAt(lt + 1) === 33 || html.charCodeAt(lt + 1) === 63) {
        const gt = html.indexOf(">", lt);
        if (gt < 0) return;
        i = gt + 1;
      }
      continue;
    }
    const name = html.slice(nameStart, j).toLowerCase();
    const gt = html.indexOf(">", j);
    if (gt < 0) return;
    i = gt + 1;
    if (closing) {
      if (open.get(name)) closeThrough(name);
      continue;
    }
    const selfClosing = html.charCodeAt(gt - 1) === 47;
    if (xml) {
      if (!selfClosing) push(name);
      continue;
    }
    if (VOID.has(name)) continue;
    // "<x/>" closes itself only inside SVG or MathML; in HTML the slash is ignored.
    if (selfClosing && (FOREIGN.has(name) || open.get("svg") || open.get("math"))) continue;
    if (OPTIONAL_END.has(name) && open.get(name)) closeThrough(name);
    push(name);
    if (RAW_TEXT.has(name)) {
      const end = new RegExp(`</${name}`, "gi");
      end.lastIndex = i;
      if (!end.exec(html)) return;
      i = end.lastIndex - name.length - 2;
    }
  }
}
