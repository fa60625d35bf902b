/**
 * Parsing: tree-sitter-python, through pyvet's native addon (parse and copy the tree into
 * flat arrays in one call, see tree.ts), or, where the addon is not built, through
 * node-tree-sitter with the tree copied by a cursor walk. One parser per thread.
 */
import fs from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import Parser from 'tree-sitter';
import Python from 'tree-sitter-python';
import {SourceError} from './source.js';
import {EXTRA, Grammar, HAS_ERROR, IS_ERROR, MISSING, NAMED, Tree, arraysFromBuffer, type FlatArrays} from './tree.js';

interface NativeAddon {
  setLanguage(language: unknown): void;
  names(): [string[], string[]];
  parse(text: string, reuse?: ArrayBuffer): ArrayBuffer | null;
}

/** Where the addon is built: native/build/Release under the package root. */
function addonPath(): string | null {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'native', 'build', 'Release', 'pyvet_flat_tree.node');
    if (fs.existsSync(candidate)) return candidate;
    if (fs.existsSync(path.join(dir, 'package.json'))) return null;
    dir = path.dirname(dir);
  }
  return null;
}

let addon: NativeAddon | null | undefined;
let grammar: Grammar | null = null;
let fallbackParser: Parser | null = null;

function loadAddon(): NativeAddon | null {
  if (process.env.PYVET_NATIVE === '0') return null;
  try {
    const file = addonPath();
    if (!file) return null;
    const a = createRequire(import.meta.url)(file) as NativeAddon;
    a.setLanguage((Python as unknown as {language: unknown}).language);
    return a;
  } catch {
    return null;
  }
}

/** How trees are built in this thread: 'native' (pyvet's addon) or 'cursor' (the slower fallback). */
export function parserKind(): 'native' | 'cursor' {
  if (addon === undefined) addon = loadAddon();
  return addon ? 'native' : 'cursor';
}

function grammarOf(): Grammar {
  if (grammar) return grammar;
  if (parserKind() === 'native') {
    const [symbols, fields] = addon!.names();
    grammar = new Grammar(symbols, fields);
  } else {
    // node-tree-sitter keeps the grammar's names in its binding, behind the language object.
    const require = createRequire(import.meta.url);
    const main = require.resolve('tree-sitter');
    const binding = createRequire(main)('node-gyp-build')(path.dirname(main)) as {
      getNodeTypeNamesById(l: unknown): string[];
      getNodeFieldNamesById(l: unknown): (string | null)[];
    };
    grammar = new Grammar(
      binding.getNodeTypeNamesById(Python).map(n => n ?? null),
      binding.getNodeFieldNamesById(Python).map(n => n ?? ''),
    );
  }
  return grammar;
}

/**
 * The same arrays as the addon writes, from node-tree-sitter's tree, walked with a cursor;
 * `grammar` learns the names of the symbols met (node-tree-sitter lists only named ones).
 */
export function flattenWithCursor(text: string, grammar?: Grammar): FlatArrays {
  if (!fallbackParser) {
    fallbackParser = new Parser();
    fallbackParser.setLanguage(Python as unknown as Parser.Language);
  }
  const tree = fallbackParser.parse(text, undefined, {bufferSize: Math.max(64 * 1024, text.length * 2 + 1024)});
  const start: number[] = [];
  const end: number[] = [];
  const parent: number[] = [];
  const after: number[] = [];
  const symbol: number[] = [];
  const field: number[] = [];
  const flags: number[] = [];
  const stack: number[] = [];
  const cursor = tree.walk();
  for (;;) {
    const at = start.length;
    const node = cursor.currentNode;
    if (grammar && !grammar.knows(node.typeId)) grammar.learn(node.typeId, node.type);
    start.push(cursor.startIndex);
    end.push(cursor.endIndex);
    parent.push(stack.length ? stack[stack.length - 1]! : -1);
    after.push(0);
    symbol.push(node.typeId);
    field.push(cursor.currentFieldId ?? 0);
    flags.push(
      (node.isNamed ? NAMED : 0) | (node.isMissing ? MISSING : 0) | (node.isExtra ? EXTRA : 0) | (node.hasError ? HAS_ERROR : 0) | (node.isError ? IS_ERROR : 0),
    );
    if (cursor.gotoFirstChild()) {
      stack.push(at);
      continue;
    }
    after[at] = start.length;
    let done = false;
    while (!cursor.gotoNextSibling()) {
      if (!stack.length || !cursor.gotoParent()) {
        done = true;
        break;
      }
      after[stack.pop()!] = start.length;
    }
    if (done) break;
  }
  while (stack.length) after[stack.pop()!] = start.length;
  return {
    count: start.length,
    start: Uint32Array.from(start),
    end: Uint32Array.from(end),
    parent: Int32Array.from(parent),
    after: Uint32Array.from(after),
    symbol: Uint16Array.from(symbol),
    field: Uint16Array.from(field),
    flags: Uint8Array.from(flags),
  };
}

/**
 * The most indentation levels handed to tree-sitter-python. Its scanner saves its stack of
 * indentation widths in tree-sitter's 1 KiB state buffer, 2 bytes a level, after one byte
 * per open string delimiter (up to 255): beyond about 384 levels the state no longer fits,
 * and tree-sitter aborts the whole process (`Assertion 'length <= 1024' failed`), worker
 * threads and all. CPython itself stops at 100 levels ("too many levels of indentation").
 */
export const MAX_INDENT_LEVELS = 380;

/**
 * An upper bound on the indentation levels tree-sitter-python could stack for this text:
 * the number of different indentation widths its scanner can measure. The stack holds
 * strictly increasing widths, each measured at the start of some line (after a newline,
 * form feed or comment: spaces count 1, tabs 8, a backslash-newline continues the count).
 * Cheap (one look at the start of each line) and safe whatever the brackets and strings.
 */
export function indentationWidthCount(text: string, stopAbove = Infinity): number {
  try {
    return countWidths(text, stopAbove);
  } finally {
    // Reset only what this text marked (cheaper than a fresh 64 KiB table per file).
    for (const w of marked) seenWidths[w] = 0;
    marked.length = 0;
  }
}

/** Widths seen so far (16 bits, as the scanner keeps them), and which were marked. */
const seenWidths = new Uint8Array(65536);
const marked: number[] = [];
/** Widths at the line continuations of the current line (reused from line to line). */
const restarts: number[] = [];

function countWidths(text: string, stopAbove: number): number {
  let count = 0;
  const n = text.length;
  const note = (width: number) => {
    const w = width & 0xffff; // the scanner keeps widths in 16 bits
    if (w > 0 && !seenWidths[w]) {
      seenWidths[w] = 1;
      marked.push(w);
      count++;
    }
  };
  // `i` is always just after a newline (or at the start); measure that line's indentation,
  // and, for a backslash continuation, the width counted from each continuation on too.
  for (let i = 0; i < n; ) {
    let width = 0;
    // The width at each line continuation: the parser may also start counting afresh there.
    if (restarts.length) restarts.length = 0;
    let j = i;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x20) {
        width++;
      } else if (c === 0x09) {
        width += 8;
      } else if (c === 0x0c || c === 0x0d) {
        if (c === 0x0d && text.charCodeAt(j + 1) === 0x0a) continue; // CRLF: the LF ends the line
        width = 0;
        if (restarts.length) restarts.length = 0;
      } else if (c === 0x5c && (text.charCodeAt(j + 1) === 0x0a || (text.charCodeAt(j + 1) === 0x0d && text.charCodeAt(j + 2) === 0x0a))) {
        j += text.charCodeAt(j + 1) === 0x0a ? 1 : 2;
        restarts.push(width);
      } else {
        break;
      }
    }
    note(width);
    for (let k = 0; k < restarts.length; k++) note(width - restarts[k]!);
    if (count > stopAbove) return count;
    const nl = text.indexOf('\n', j);
    if (nl < 0) break;
    i = nl + 1;
  }
  return count;
}

/** The largest node arrays kept for reuse (bytes): larger ones are allocated per file. */
const SCRATCH_LIMIT = 32 * 1024 * 1024;
let scratch: ArrayBuffer | undefined;

export interface ParseOptions {
  /**
   * Write the node arrays into a buffer this thread reuses from file to file: the tree is
   * valid only until the next such parse. For a scan that is done with each tree before it
   * parses the next (allocating a fresh buffer per file costs collections).
   */
  readonly reuseBuffer?: boolean;
}

/**
 * Parse Python text. Throws SourceError for text tree-sitter cannot parse without risk
 * (see MAX_INDENT_LEVELS).
 */
export function parsePython(text: string, opts: ParseOptions = {}): Tree {
  const widths = indentationWidthCount(text, MAX_INDENT_LEVELS);
  if (widths > MAX_INDENT_LEVELS) {
    throw new SourceError(
      `indented too deeply to parse safely (lines start at more than ${MAX_INDENT_LEVELS} different indentation widths; ` +
        'CPython itself refuses more than 100 nested blocks)',
    );
  }
  const g = grammarOf();
  if (addon) {
    const buffer = opts.reuseBuffer ? addon.parse(text, scratch) : addon.parse(text);
    if (!buffer) throw new SourceError('tree-sitter could not parse this file');
    if (opts.reuseBuffer && buffer !== scratch && buffer.byteLength <= SCRATCH_LIMIT) scratch = buffer;
    return new Tree(text, arraysFromBuffer(buffer), g);
  }
  return new Tree(text, flattenWithCursor(text, g), g);
}
