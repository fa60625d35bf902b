/**
 * Python string literals: prefixes, escape decoding, f-string segments.
 * A `concatenated_string` is one literal; if any piece is an f-string the whole is an
 * f-string whose adjacent literal text fuses into single segments.
 */
import type {SyntaxNode} from './syntax.js';

export interface FStringSegment {
  /** Decoded literal text of the segment. */
  readonly value: string;
  /** 1-based line where the segment's text starts. */
  readonly line: number;
  /** 1-based column where the segment's text starts. */
  readonly column: number;
}

export type LiteralInfo =
  | {readonly kind: 'plain'; readonly value: string; readonly node: SyntaxNode}
  | {readonly kind: 'bytes'; readonly value: string; readonly node: SyntaxNode}
  | {readonly kind: 'fstring'; readonly segments: readonly FStringSegment[]; readonly node: SyntaxNode};

interface Prefix {
  readonly raw: boolean;
  readonly bytes: boolean;
  readonly fmt: boolean;
  /** Length of prefix + opening quote. */
  readonly open: number;
  /** Length of the closing quote. */
  readonly close: number;
}

function parsePrefix(text: string): Prefix | null {
  let i = 0;
  let raw = false;
  let bytes = false;
  let fmt = false;
  while (i < text.length && i < 3) {
    const c = text[i]!;
    if (c === 'r' || c === 'R') raw = true;
    else if (c === 'b' || c === 'B') bytes = true;
    else if (c === 'f' || c === 'F' || c === 't' || c === 'T') fmt = true;
    else if (c === 'u' || c === 'U') {
      /* no effect */
    } else break;
    i++;
  }
  const q = text[i];
  if (q !== '"' && q !== "'") return null;
  const triple = text.startsWith(q.repeat(3), i);
  const qlen = triple ? 3 : 1;
  // An unterminated literal (syntax error) has no closing quote.
  const close = text.length - i >= 2 * qlen && text.endsWith(q.repeat(qlen)) ? qlen : 0;
  return {raw, bytes, fmt, open: i + qlen, close};
}

/** Python's one-character escapes (after the backslash) and what they stand for. */
export const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Decode backslash escapes as Python does for a non-raw literal. */
export function decodeEscapes(s: string, bytes: boolean): string {
  if (!s.includes('\\')) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      i++;
      continue;
    }
    const n = s[i + 1]!;
    if (n === '\n') {
      i += 2;
      continue;
    }
    if (n === '\r') {
      i += s[i + 2] === '\n' ? 3 : 2;
      continue;
    }
    const simple = SIMPLE_ESCAPES[n];
    if (simple !== undefined) {
      out += simple;
      i += 2;
      continue;
    }
    if (n >= '0' && n <= '7') {
      let j = i + 1;
      while (j < s.length && j < i + 4 && s[j]! >= '0' && s[j]! <= '7') j++;
      out += String.fromCodePoint(parseInt(s.slice(i + 1, j), 8));
      i = j;
      continue;
    }
    const hexLen = n === 'x' ? 2 : !bytes && n === 'u' ? 4 : !bytes && n === 'U' ? 8 : 0;
    if (hexLen > 0) {
      const hex = s.slice(i + 2, i + 2 + hexLen);
      if (hex.length === hexLen && /^[0-9a-fA-F]+$/.test(hex)) {
        const cp = parseInt(hex, 16);
        if (cp <= 0x10ffff) {
          out += String.fromCodePoint(cp);
          i += 2 + hexLen;
          continue;
        }
      }
    }
    // \N{NAME} needs the Unicode name table, which Node does not ship: keep it as written.
    out += c + n;
    i += 2;
  }
  return out;
}

function decodeBody(body: string, p: Prefix, inFString: boolean): string {
  let s = p.raw ? body : decodeEscapes(body, p.bytes);
  if (inFString) s = s.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
  return s;
}

type Token = {readonly value: string; readonly line: number; readonly column: number} | 'interp';

/** Decode one `string` node into its prefix and a stream of literal text and interpolations. */
function pieceOf(node: SyntaxNode): {p: Prefix; tokens: Token[]} | null {
  const text = node.text;
  const p = parsePrefix(text);
  if (!p) return null;
  if (!p.fmt) {
    const value = decodeBody(text.slice(p.open, text.length - p.close), p, false);
    return {p, tokens: [{value, line: node.startPosition.row + 1, column: node.startPosition.column + 1}]};
  }
  // f-string: literal text lies between string_start, interpolations and string_end.
  const tokens: Token[] = [];
  const base = node.startIndex;
  let cursor = -1;
  let row = node.startPosition.row;
  let col = node.startPosition.column;
  for (const child of node.children) {
    const t = child.type;
    if (t === 'string_start') {
      cursor = child.endIndex;
      row = child.endPosition.row;
      col = child.endPosition.column;
    } else if (t === 'interpolation' || t === 'string_end') {
      if (cursor >= 0 && child.startIndex > cursor) {
        tokens.push({value: decodeBody(text.slice(cursor - base, child.startIndex - base), p, true), line: row + 1, column: col + 1});
      }
      if (t === 'interpolation') {
        tokens.push('interp');
        cursor = child.endIndex;
        row = child.endPosition.row;
        col = child.endPosition.column;
      } else cursor = -1;
    }
  }
  return {p, tokens};
}

function fuse(tokens: readonly Token[]): FStringSegment[] {
  const segments: FStringSegment[] = [];
  let value = '';
  let line = -1;
  let column = -1;
  for (const t of tokens) {
    if (t === 'interp') {
      if (value !== '') segments.push({value, line, column});
      value = '';
      line = -1;
    } else if (t.value !== '') {
      if (line < 0) {
        line = t.line;
        column = t.column;
      }
      value += t.value;
    }
  }
  if (value !== '') segments.push({value, line, column});
  return segments;
}

/** Fuse the decoded parts of a literal (a `string` or `concatenated_string`). */
export function literalInfo(node: SyntaxNode): LiteralInfo | null {
  const pieces =
    node.type === 'string'
      ? [pieceOf(node)]
      : node.type === 'concatenated_string'
        ? node.namedChildren.filter(c => c.type === 'string').map(pieceOf)
        : [null];
  if (pieces.length === 0 || pieces.some(x => !x)) return null;
  const ps = pieces as {p: Prefix; tokens: Token[]}[];
  const plainValue = () => ps.map(x => x.tokens.map(t => (t === 'interp' ? '' : t.value)).join('')).join('');
  if (ps.some(x => x.p.bytes)) return {kind: 'bytes', value: plainValue(), node};
  if (!ps.some(x => x.p.fmt)) return {kind: 'plain', value: plainValue(), node};
  return {kind: 'fstring', segments: fuse(ps.flatMap(x => x.tokens)), node};
}

/**
 * The literal's value for simple uses (plain strings only): `null` for f-strings,
 * bytes, and anything that is not a string literal.
 */
export function plainString(node: SyntaxNode | null): string | null {
  if (!node || (node.type !== 'string' && node.type !== 'concatenated_string')) return null;
  const info = literalInfo(node);
  return info && info.kind === 'plain' ? info.value : null;
}

/** Whether a node is a string literal of any kind. */
export function isStringLiteral(node: SyntaxNode | null): boolean {
  return !!node && (node.type === 'string' || node.type === 'concatenated_string');
}
