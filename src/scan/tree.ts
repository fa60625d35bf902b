/**
 * pyvet's syntax tree: tree-sitter's parse of a file, copied into flat arrays (one entry per
 * node, in document order) as soon as it is parsed, and the native tree freed at once.
 *
 * Node-tree-sitter answers every property of every node with a call into native code (its
 * parent, end, fields, children), and a native tree lives until the garbage collector
 * finalises the last node object that refers to it. Here a node is an index into typed
 * arrays: reading a parent, a field or a span is an array read, a query over a subtree is a
 * loop over a range of indices, and memory is ordinary JavaScript memory.
 *
 * The arrays come from pyvet's native addon (native/flat_tree.c: tree-sitter parses and
 * copies in one call) or, where the addon could not be built, from node-tree-sitter's tree
 * walked with a cursor (the same arrays, more slowly; see flattenWithCursor).
 *
 * The node API is the part of node-tree-sitter's SyntaxNode that pyvet uses, with the same
 * names and meanings, so that code reads the same. Nodes are created on first use and kept:
 * the same node is always the same object.
 */
import {lineOfOffset} from './lines.js';

/** Flag bits per node, as native/flat_tree.c writes them. */
export const NAMED = 1;
export const MISSING = 2;
export const EXTRA = 4;
export const HAS_ERROR = 8;
export const IS_ERROR = 16;

export const ERROR_SYMBOL = 0xffff;

export interface Point {
  row: number;
  column: number;
}

/** Symbol and field names of the grammar, and the lookups built from them. */
export class Grammar {
  readonly fieldIds = new Map<string, number>();
  private readonly symbolsByName = new Map<string, number[]>();
  private masks = new WeakMap<readonly string[], Uint8Array>();
  private readonly masksByKey = new Map<string, Uint8Array>();

  private readonly names: (string | null)[];

  /** Names by symbol id (null where not known yet: see learn) and by field id (index 0 unused). */
  constructor(symbolNames: readonly (string | null)[], readonly fieldNames: readonly string[]) {
    this.names = [...symbolNames];
    fieldNames.forEach((name, id) => {
      if (id > 0 && !this.fieldIds.has(name)) this.fieldIds.set(name, id);
    });
    this.names.forEach((name, id) => {
      if (name !== null) this.index(name, id);
    });
    this.symbolsByName.set('ERROR', [ERROR_SYMBOL]);
  }

  private index(name: string, id: number): void {
    const list = this.symbolsByName.get(name) ?? [];
    list.push(id);
    this.symbolsByName.set(name, list);
  }

  /** Whether the symbol's name is known. */
  knows(symbol: number): boolean {
    return symbol === ERROR_SYMBOL || this.names[symbol] != null;
  }

  /** Record a symbol's name, seen on a node (node-tree-sitter lists only named symbols' names). */
  learn(symbol: number, name: string): void {
    if (this.knows(symbol)) return;
    this.names[symbol] = name;
    this.index(name, symbol);
    this.masks = new WeakMap();
    this.masksByKey.clear();
  }

  typeName(symbol: number): string {
    return symbol === ERROR_SYMBOL ? 'ERROR' : (this.names[symbol] ?? '');
  }

  /** A table, by symbol, of which symbols have one of these type names (cached per array and per list). */
  maskOf(types: readonly string[] | string): Uint8Array {
    let mask = typeof types === 'string' ? undefined : this.masks.get(types);
    if (mask) return mask;
    const key = typeof types === 'string' ? types : types.join(' ');
    mask = this.masksByKey.get(key);
    if (!mask) {
      mask = new Uint8Array(65536);
      for (const t of typeof types === 'string' ? [types] : types) for (const s of this.symbolsByName.get(t) ?? []) mask[s] = 1;
      this.masksByKey.set(key, mask);
    }
    if (typeof types !== 'string') this.masks.set(types, mask);
    return mask;
  }
}

/** The arrays of one parsed file (see native/flat_tree.c for the layout). */
export interface FlatArrays {
  readonly count: number;
  /** Start and end of each node, as offsets into the source string. */
  readonly start: Uint32Array;
  readonly end: Uint32Array;
  /** Index of each node's parent, -1 for the root. */
  readonly parent: Int32Array;
  /** Index just past each node's last descendant (its subtree is [i, after[i])). */
  readonly after: Uint32Array;
  readonly symbol: Uint16Array;
  /** Field id under which the node sits in its parent, 0 for none. */
  readonly field: Uint16Array;
  readonly flags: Uint8Array;
}

/** Bytes per node in the native addon's layout. */
const NODE_BYTES = 21;

/** Views over the native addon's buffer (its node count first, then each array in turn). */
export function arraysFromBuffer(buffer: ArrayBuffer): FlatArrays {
  const n = new Uint32Array(buffer, 0, 1)[0]!;
  if (4 + n * NODE_BYTES > buffer.byteLength) throw new Error('pyvet native: node arrays larger than their buffer');
  let o = 4;
  const start = new Uint32Array(buffer, o, n);
  const end = new Uint32Array(buffer, (o += n * 4), n);
  const parent = new Int32Array(buffer, (o += n * 4), n);
  const after = new Uint32Array(buffer, (o += n * 4), n);
  const symbol = new Uint16Array(buffer, (o += n * 4), n);
  const field = new Uint16Array(buffer, (o += n * 2), n);
  const flags = new Uint8Array(buffer, (o += n * 2), n);
  return {count: n, start, end, parent, after, symbol, field, flags};
}

export class Tree {
  readonly rootNode: SyntaxNode;
  readonly count: number;
  readonly start: Uint32Array;
  readonly end: Uint32Array;
  readonly parentOf: Int32Array;
  readonly after: Uint32Array;
  readonly symbol: Uint16Array;
  readonly field: Uint16Array;
  readonly flags: Uint8Array;
  private readonly nodes: (SyntaxNode | undefined)[];
  private lineStarts: number[] | null = null;

  constructor(
    /** The source text that was parsed. */
    readonly text: string,
    arrays: FlatArrays,
    readonly grammar: Grammar,
  ) {
    this.count = arrays.count;
    this.start = arrays.start;
    this.end = arrays.end;
    this.parentOf = arrays.parent;
    this.after = arrays.after;
    this.symbol = arrays.symbol;
    this.field = arrays.field;
    this.flags = arrays.flags;
    // Preallocated, so that it stays a plain array and not a dictionary as nodes are added out of order.
    this.nodes = new Array<SyntaxNode | undefined>(this.count);
    this.rootNode = this.node(0);
  }

  /** The node at an index (the same object each time). */
  node(i: number): SyntaxNode {
    return (this.nodes[i] ??= new SyntaxNode(this, i));
  }

  private rows(): number[] {
    let starts = this.lineStarts;
    if (!starts) {
      starts = [0];
      const text = this.text;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    return starts;
  }

  /** Where a 0-based row starts (the text's length past the last row). */
  offsetOfRow(row: number): number {
    const starts = this.rows();
    return row < starts.length ? starts[Math.max(0, row)]! : this.text.length;
  }

  /** The 0-based row and column (string units) of an offset; rows end at '\n', as tree-sitter counts them. */
  pointAt(offset: number): Point {
    const starts = this.rows();
    const row = lineOfOffset(starts, offset);
    return {row, column: offset - starts[row]!};
  }
}

export class SyntaxNode {
  constructor(
    readonly tree: Tree,
    /** The node's index in its tree (document order). */
    readonly id: number,
  ) {}

  get type(): string {
    return this.tree.grammar.typeName(this.tree.symbol[this.id]!);
  }

  get typeId(): number {
    return this.tree.symbol[this.id]!;
  }

  get startIndex(): number {
    return this.tree.start[this.id]!;
  }

  get endIndex(): number {
    return this.tree.end[this.id]!;
  }

  get startPosition(): Point {
    return this.tree.pointAt(this.tree.start[this.id]!);
  }

  get endPosition(): Point {
    return this.tree.pointAt(this.tree.end[this.id]!);
  }

  get text(): string {
    const t = this.tree;
    return t.text.slice(t.start[this.id]!, t.end[this.id]!);
  }

  get isNamed(): boolean {
    return (this.tree.flags[this.id]! & NAMED) !== 0;
  }

  get isMissing(): boolean {
    return (this.tree.flags[this.id]! & MISSING) !== 0;
  }

  get isExtra(): boolean {
    return (this.tree.flags[this.id]! & EXTRA) !== 0;
  }

  /** Whether this node is, or holds, a syntax error or a missing token. */
  get hasError(): boolean {
    return (this.tree.flags[this.id]! & HAS_ERROR) !== 0;
  }

  get isError(): boolean {
    return (this.tree.flags[this.id]! & IS_ERROR) !== 0;
  }

  get parent(): SyntaxNode | null {
    const p = this.tree.parentOf[this.id]!;
    return p < 0 ? null : this.tree.node(p);
  }

  get childCount(): number {
    const t = this.tree;
    let n = 0;
    for (let c = this.id + 1, end = t.after[this.id]!; c < end; c = t.after[c]!) n++;
    return n;
  }

  get namedChildCount(): number {
    const t = this.tree;
    let n = 0;
    for (let c = this.id + 1, end = t.after[this.id]!; c < end; c = t.after[c]!) if (t.flags[c]! & NAMED) n++;
    return n;
  }

  get children(): SyntaxNode[] {
    const t = this.tree;
    const out: SyntaxNode[] = [];
    for (let c = this.id + 1, end = t.after[this.id]!; c < end; c = t.after[c]!) out.push(t.node(c));
    return out;
  }

  get namedChildren(): SyntaxNode[] {
    const t = this.tree;
    const out: SyntaxNode[] = [];
    for (let c = this.id + 1, end = t.after[this.id]!; c < end; c = t.after[c]!) if (t.flags[c]! & NAMED) out.push(t.node(c));
    return out;
  }

  child(index: number): SyntaxNode | null {
    const t = this.tree;
    let k = 0;
    for (let c = this.id + 1, end = t.after[this.id]!; c < end; c = t.after[c]!) if (k++ === index) return t.node(c);
    return null;
  }

  namedChild(index: number): SyntaxNode | null {
    const t = this.tree;
    let k = 0;
    for (let c = this.id + 1, end = t.after[this.id]!; c < end; c = t.after[c]!) if (t.flags[c]! & NAMED && k++ === index) return t.node(c);
    return null;
  }

  get firstChild(): SyntaxNode | null {
    const t = this.tree;
    return this.id + 1 < t.after[this.id]! ? t.node(this.id + 1) : null;
  }

  get lastChild(): SyntaxNode | null {
    const t = this.tree;
    let last = -1;
    for (let c = this.id + 1, end = t.after[this.id]!; c < end; c = t.after[c]!) last = c;
    return last < 0 ? null : t.node(last);
  }

  get firstNamedChild(): SyntaxNode | null {
    const t = this.tree;
    for (let c = this.id + 1, end = t.after[this.id]!; c < end; c = t.after[c]!) if (t.flags[c]! & NAMED) return t.node(c);
    return null;
  }

  get lastNamedChild(): SyntaxNode | null {
    const t = this.tree;
    let last = -1;
    for (let c = this.id + 1, end = t.after[this.id]!; c < end; c = t.after[c]!) if (t.flags[c]! & NAMED) last = c;
    return last < 0 ? null : t.node(last);
  }

  get nextSibling(): SyntaxNode | null {
    const t = this.tree;
    const p = t.parentOf[this.id]!;
    if (p < 0) return null;
    const next = t.after[this.id]!;
    return next < t.after[p]! ? t.node(next) : null;
  }

  get nextNamedSibling(): SyntaxNode | null {
    const t = this.tree;
    const p = t.parentOf[this.id]!;
    if (p < 0) return null;
    for (let c = t.after[this.id]!, end = t.after[p]!; c < end; c = t.after[c]!) if (t.flags[c]! & NAMED) return t.node(c);
    return null;
  }

  get previousSibling(): SyntaxNode | null {
    const t = this.tree;
    const p = t.parentOf[this.id]!;
    if (p < 0) return null;
    let prev = -1;
    for (let c = p + 1; c < this.id; c = t.after[c]!) prev = c;
    return prev < 0 ? null : t.node(prev);
  }

  get previousNamedSibling(): SyntaxNode | null {
    const t = this.tree;
    const p = t.parentOf[this.id]!;
    if (p < 0) return null;
    let prev = -1;
    for (let c = p + 1; c < this.id; c = t.after[c]!) if (t.flags[c]! & NAMED) prev = c;
    return prev < 0 ? null : t.node(prev);
  }

  /** The first child under this field name, or null. */
  childForFieldName(name: string): SyntaxNode | null {
    const t = this.tree;
    const f = t.grammar.fieldIds.get(name);
    if (f === undefined) return null;
    for (let c = this.id + 1, end = t.after[this.id]!; c < end; c = t.after[c]!) if (t.field[c] === f) return t.node(c);
    return null;
  }

  childrenForFieldName(name: string): SyntaxNode[] {
    const t = this.tree;
    const f = t.grammar.fieldIds.get(name);
    const out: SyntaxNode[] = [];
    if (f === undefined) return out;
    for (let c = this.id + 1, end = t.after[this.id]!; c < end; c = t.after[c]!) if (t.field[c] === f) out.push(t.node(c));
    return out;
  }

  /** The field name under which this node sits in its parent, or null. */
  get fieldName(): string | null {
    const f = this.tree.field[this.id]!;
    return f ? (this.tree.grammar.fieldNames[f] ?? null) : null;
  }

  /**
   * This node and its descendants of the given types, in document order (as tree-sitter's
   * descendantsOfType). Pass the same array each time: its lookup table is cached per array.
   */
  descendantsOfType(types: readonly string[] | string): SyntaxNode[] {
    const t = this.tree;
    const mask = t.grammar.maskOf(types);
    const sym = t.symbol;
    const out: SyntaxNode[] = [];
    for (let i = this.id, end = t.after[this.id]!; i < end; i++) if (mask[sym[i]!]) out.push(t.node(i));
    return out;
  }

  /**
   * The smallest named node here that holds the character at this offset (as tree-sitter's
   * namedDescendantForIndex), or this node.
   */
  namedDescendantForIndex(index: number): SyntaxNode {
    const t = this.tree;
    let node = this.id;
    let named = this.id;
    for (let descended = true; descended; ) {
      descended = false;
      for (let c = node + 1, end = t.after[node]!; c < end; c = t.after[c]!) {
        if (t.end[c]! <= index && !(t.end[c] === index && t.start[c] === index)) continue;
        if (t.start[c]! > index) break;
        node = c;
        if (t.flags[c]! & NAMED) named = c;
        descended = true;
        break;
      }
    }
    return t.node(named);
  }

  /** Whether `other` is this node or inside it. */
  contains(other: SyntaxNode): boolean {
    return other.tree === this.tree && other.id >= this.id && other.id < this.tree.after[this.id]!;
  }

  toString(): string {
    return `(${this.type} ${this.startIndex}-${this.endIndex})`;
  }
}
