/** One tree-sitter parser per thread, created on first use. */
import Parser from 'tree-sitter';
import Python from 'tree-sitter-python';
import {SourceError} from './source.js';
import {idOf, startOf, type SyntaxNode, type Tree} from './syntax.js';

let parser: Parser | null = null;

/**
 * tree-sitter finds a node's parent by walking down from the root, so `node.parent` costs
 * the node's depth, and a walk up from deep inside nested code costs its depth squared
 * (1,000 nested calls took minutes). Parents asked for are remembered per tree (the cache
 * is emptied when it grows large, and dropped with the tree). When a walk up keeps missing
 * the cache (deep code), the rest of the way to the root is found in one walk down, which
 * remembers every parent on it.
 */
const parents = new WeakMap<object, Map<number, SyntaxNode | null>>();
const PARENT_CACHE_LIMIT = 200_000;
/** Misses in a row, each for the parent just returned, before the ancestors are found in one walk down. */
const DEEP_WALK = 32;
let parentCacheInstalled = false;
let lastMiss: SyntaxNode | null = null;
let missesInARow = 0;

/**
 * Remember the parent of every node on the way down from the root to `node`, found with a
 * tree cursor (the binding's childWithDescendant crashes the process); false when the way
 * is lost (then the caller asks tree-sitter as usual).
 */
function rememberAncestors(node: SyntaxNode, cache: Map<number, SyntaxNode | null>): boolean {
  const target = idOf(node);
  const start = startOf(node);
  const end = node.endIndex;
  const cursor = node.tree.walk();
  let parent = cursor.currentNode;
  if (idOf(parent) === target) return false;
  for (;;) {
    if (!cursor.gotoFirstChild()) return false;
    let child = cursor.currentNode;
    // The child whose span holds the node: the node itself, or the way on down.
    while (idOf(child) !== target && !(startOf(child) <= start && child.endIndex >= end && child.endIndex > startOf(child))) {
      if (!cursor.gotoNextSibling()) return false;
      child = cursor.currentNode;
    }
    if (cache.size >= PARENT_CACHE_LIMIT) cache.clear();
    cache.set(idOf(child), parent);
    if (idOf(child) === target) return true;
    parent = child;
  }
}

/**
 * Forget a tree's remembered parents once the file is done: they hold node objects, and a
 * node keeps its whole tree (native memory) alive until the collector gets to it.
 */
export function releaseTree(tree: Tree): void {
  parents.delete(tree);
  if (lastMiss && lastMiss.tree === tree) lastMiss = null;
}

function installParentCache(sample: SyntaxNode): void {
  parentCacheInstalled = true;
  // Nodes are instances of per-type subclasses of the binding's SyntaxNode, which owns `parent`.
  let proto = Object.getPrototypeOf(sample) as object | null;
  while (proto && !Object.prototype.hasOwnProperty.call(proto, 'parent')) proto = Object.getPrototypeOf(proto) as object | null;
  const desc = proto ? Object.getOwnPropertyDescriptor(proto, 'parent') : undefined;
  const original = desc?.get;
  if (!proto || !desc || !original) return;
  Object.defineProperty(proto, 'parent', {
    configurable: true,
    enumerable: desc.enumerable ?? false,
    get(this: SyntaxNode): SyntaxNode | null {
      let cache = parents.get(this.tree);
      if (!cache) {
        cache = new Map();
        parents.set(this.tree, cache);
      }
      const id = idOf(this);
      let p = cache.get(id);
      if (p === undefined) {
        missesInARow = lastMiss && lastMiss.tree === this.tree && idOf(lastMiss) === id ? missesInARow + 1 : 0;
        if (missesInARow >= DEEP_WALK && rememberAncestors(this, cache)) p = cache.get(id);
        if (p === undefined) {
          p = original.call(this) as SyntaxNode | null;
          if (cache.size >= PARENT_CACHE_LIMIT) cache.clear();
          cache.set(id, p);
        }
        lastMiss = p;
      }
      return p;
    },
  });
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

/**
 * Parse Python text. Throws SourceError for text tree-sitter cannot parse without risk
 * (see MAX_INDENT_LEVELS).
 */
export function parsePython(text: string): Tree {
  const widths = indentationWidthCount(text, MAX_INDENT_LEVELS);
  if (widths > MAX_INDENT_LEVELS) {
    throw new SourceError(
      `indented too deeply to parse safely (lines start at more than ${MAX_INDENT_LEVELS} different indentation widths; ` +
        'CPython itself refuses more than 100 nested blocks)',
    );
  }
  lastMiss = null; // holds a node, hence its tree: let the previous tree go
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(Python as unknown as Parser.Language);
  }
  // The binding's default buffer is 32 KiB; give it room for the whole file at once.
  const tree = parser.parse(text, undefined, {bufferSize: Math.max(64 * 1024, text.length * 2 + 1024)});
  if (!parentCacheInstalled) installParentCache(tree.rootNode);
  return tree;
}
