/**
 * Bandit's lossy reading of argument values (bandit-parity.md §2.4), reproduced
 * exactly because several checks only agree with Bandit through its quirks:
 * `True` is the string "True", a bare name is its own name, an attribute is its
 * last part, and anything computed is null.
 */
import {literalInfo} from './strings.js';
import {unwrap, type SyntaxNode} from './syntax.js';

export type Lit =
  | string
  | number
  | {readonly kind: 'bytes'; readonly value: string}
  | {readonly kind: 'list' | 'tuple' | 'set'; readonly items: readonly Lit[]}
  | {readonly kind: 'dict'; readonly node: SyntaxNode}
  | {readonly kind: 'ellipsis'}
  | {readonly kind: 'complex'; readonly text: string}
  | null;

/** Parse a Python integer or float literal's text. */
export function parseNumber(text: string): number | null {
  const t = text.replace(/_/g, '').toLowerCase();
  if (/^0x[0-9a-f]+$/.test(t)) return parseInt(t.slice(2), 16);
  if (/^0o[0-7]+$/.test(t)) return parseInt(t.slice(2), 8);
  if (/^0b[01]+$/.test(t)) return parseInt(t.slice(2), 2);
  if (/^[0-9]+l?$/.test(t)) return parseInt(t, 10); // `l`: Python 2 long
  if (/^0[0-7]+$/.test(t)) return parseInt(t, 8); // Python 2 octal
  const f = Number(t);
  return Number.isFinite(f) || t === 'inf' ? f : null;
}

export function lit(node: SyntaxNode | null): Lit {
  const n = unwrap(node);
  if (!n) return null;
  switch (n.type) {
    case 'string':
    case 'concatenated_string': {
      const info = literalInfo(n);
      if (!info) return null;
      if (info.kind === 'plain') return info.value;
      if (info.kind === 'bytes') return {kind: 'bytes', value: info.value};
      return null;
    }
    case 'integer': {
      return parseNumber(n.text);
    }
    case 'float': {
      const t = n.text;
      if (/[jJ]$/.test(t)) return {kind: 'complex', text: t};
      return parseNumber(t);
    }
    case 'true':
      return 'True';
    case 'false':
      return 'False';
    case 'none':
      return 'None';
    case 'ellipsis':
      return {kind: 'ellipsis'};
    case 'identifier':
      return n.text;
    case 'list':
    case 'tuple':
    case 'set':
      return {kind: n.type, items: n.namedChildren.filter(c => c.type !== 'comment').map(lit)};
    case 'dictionary':
      return {kind: 'dict', node: n};
    default:
      return null;
  }
}

/** `view(e)`: an attribute access reads as its last name; anything else as `lit`. */
export function view(node: SyntaxNode | null): Lit {
  const n = unwrap(node);
  if (!n) return null;
  if (n.type === 'attribute') return n.childForFieldName('attribute')?.text ?? null;
  return lit(n);
}

/** Python `==` between a view and a string or number. */
export function litEquals(v: Lit, x: string | number): boolean {
  if (v === null) return false;
  if (typeof v === 'string' || typeof v === 'number') return v === x;
  return false;
}

/** Python truthiness of a view (null and non-literals count as unknown → undefined). */
export function litTruthy(v: Lit): boolean | undefined {
  if (v === null) return undefined;
  if (typeof v === 'string') return v.length > 0; // note: "False" and "None" are truthy strings in Bandit's view
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'object') {
    if (v.kind === 'bytes') return v.value.length > 0;
    if (v.kind === 'list' || v.kind === 'tuple' || v.kind === 'set') return v.items.length > 0;
    if (v.kind === 'dict') return v.node.namedChildren.some(c => c.type !== 'comment');
  }
  return true;
}

/** Literal node types whose value is a compile-time constant (strings, numbers, True/False/None). */
export function isConstantNode(node: SyntaxNode | null): boolean {
  const n = unwrap(node);
  if (!n) return false;
  switch (n.type) {
    case 'integer':
    case 'float':
    case 'true':
    case 'false':
    case 'none':
    case 'ellipsis':
      return true;
    case 'string':
    case 'concatenated_string': {
      const info = literalInfo(n);
      return !!info && info.kind !== 'fstring';
    }
    default:
      return false;
  }
}
