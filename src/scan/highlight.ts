/**
 * Syntax highlighting for source excerpts, from the tree pyvet already parsed (no second
 * parser): a small tree-sitter query run only over the lines that excerpts will show.
 * The result is a flat list of spans [start, end, kind, ...] in string offsets.
 */
import Parser from 'tree-sitter';
import Python from 'tree-sitter-python';
import type {Finding} from '../model/finding.js';
import type {Tree} from './syntax.js';

export const HIGHLIGHT_KINDS = ['keyword', 'string', 'comment', 'number', 'constant', 'function', 'type', 'decorator'] as const;
export type HighlightKind = (typeof HIGHLIGHT_KINDS)[number];

const KEYWORDS = [
  'and', 'as', 'assert', 'async', 'await', 'break', 'case', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'exec', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'match', 'nonlocal',
  'not', 'or', 'pass', 'print', 'raise', 'return', 'try', 'while', 'with', 'yield',
];

// Later patterns are more specific; where spans nest (a call inside an f-string), the inner one is drawn last.
const QUERY = `
[${KEYWORDS.map(k => `"${k}"`).join(' ')}] @keyword
(comment) @comment
(string) @string
[(integer) (float)] @number
[(true) (false) (none)] @constant
(decorator) @decorator
(function_definition name: (identifier) @function)
(class_definition name: (identifier) @type)
(call function: (identifier) @function)
(call function: (attribute attribute: (identifier) @function))
`;

let query: Parser.Query | null = null;

function compiled(): Parser.Query {
  query ??= new Parser.Query(Python as unknown as Parser.Language, QUERY);
  return query;
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
  const q = compiled();
  const out: number[] = [];
  for (const [first, last] of ranges) {
    const caps = q.captures(tree.rootNode, {startPosition: {row: first, column: 0}, endPosition: {row: last + 1, column: 0}});
    for (const c of caps) {
      out.push(c.node.startIndex, c.node.endIndex, HIGHLIGHT_KINDS.indexOf(c.name as HighlightKind));
    }
  }
  return out;
}
