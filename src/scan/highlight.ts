/**
 * Syntax highlighting for source excerpts, from the tree pyvet already parsed (no second
 * parser): keywords, literals, comments and the names defined or called, only over the lines
 * that excerpts will show.
 * The result is a flat list of spans [start, end, kind, ...] in string offsets.
 */
import type {Finding} from '../model/finding.js';
import type {Tree} from './syntax.js';

export const HIGHLIGHT_KINDS = ['keyword', 'string', 'comment', 'number', 'constant', 'function', 'type', 'decorator'] as const;
export type HighlightKind = (typeof HIGHLIGHT_KINDS)[number];

const KEYWORDS = [
  'and', 'as', 'assert', 'async', 'await', 'break', 'case', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'exec', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'match', 'nonlocal',
  'not', 'or', 'pass', 'print', 'raise', 'return', 'try', 'while', 'with', 'yield',
];

const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);
const KIND_OF_TYPE: ReadonlyMap<string, HighlightKind> = new Map([
  ['comment', 'comment'],
  ['string', 'string'],
  ['integer', 'number'],
  ['float', 'number'],
  ['true', 'constant'],
  ['false', 'constant'],
  ['none', 'constant'],
  ['decorator', 'decorator'],
]);

/** The kind of a node, or undefined: keywords, literals, comments, and names being defined or called. */
function kindOf(tree: Tree, i: number): HighlightKind | undefined {
  const node = tree.node(i);
  const type = node.type;
  if (!node.isNamed) return KEYWORD_SET.has(type) ? 'keyword' : undefined;
  const kind = KIND_OF_TYPE.get(type);
  if (kind || type !== 'identifier') return kind;
  const field = node.fieldName;
  const parent = node.parent;
  if (!parent || !field) return undefined;
  if (field === 'name' && parent.type === 'function_definition') return 'function';
  if (field === 'name' && parent.type === 'class_definition') return 'type';
  if (field === 'function' && parent.type === 'call') return 'function';
  // obj.method(...): the attribute's last name
  if (field === 'attribute' && parent.type === 'attribute' && parent.fieldName === 'function' && parent.parent?.type === 'call') return 'function';
  return undefined;
}

/** Merge [first, last] row ranges (0-based, inclusive). */
export function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** Spans for the rows excerpts of these findings show (context rows around each). */
export function highlightExcerpts(tree: Tree, findings: readonly Finding[], context: number): number[] {
  if (findings.length === 0) return [];
  const ranges = mergeRanges(findings.map(f => [Math.max(0, f.line - 1 - context), f.endLine - 1 + context]));
  const out: number[] = [];
  for (const [first, last] of ranges) {
    const from = tree.offsetOfRow(first);
    const to = tree.offsetOfRow(last + 1);
    // Document order: an outer span comes before the spans inside it, which are drawn over it.
    for (let i = 0; i < tree.count; i++) {
      if (tree.end[i]! <= from) {
        i = tree.after[i]! - 1; // nothing inside ends later
        continue;
      }
      if (tree.start[i]! >= to) break;
      const kind = kindOf(tree, i);
      if (kind) out.push(tree.start[i]!, tree.end[i]!, HIGHLIGHT_KINDS.indexOf(kind));
    }
  }
  return out;
}
