// pdf-parse (and the pdf.js worker it loads) bundles core-js, whose polyfill replaces Array.prototype.push
// for the whole process: Node 20's push fails a corner case no code here meets (a length past 2^32 − 1), and
// the replacement is a JavaScript function about five times slower. Every push in the API paid for it (the
// risk recompute's chain walks, the parsing of every result row). Imported before pdf-parse, this keeps the
// engine's own push to put back once pdf.js is loaded.

/** Array.prototype.push as the engine has it (captured when this module first loads). */
const NATIVE_PUSH = Array.prototype.push;

/** Puts the engine's push back where a bundled polyfill replaced it. */
export function keepNativePush(): void {
  if (Array.prototype.push !== NATIVE_PUSH)
    Object.defineProperty(Array.prototype, "push", { value: NATIVE_PUSH, writable: true, configurable: true });
}

/** Whether Array.prototype.push is the engine's own. */
export const pushIsNative = (): boolean => Array.prototype.push === NATIVE_PUSH;
