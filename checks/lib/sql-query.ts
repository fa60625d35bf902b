/**
 * B608's reading of a string literal (bandit-parity.md §5.6): which query text a string
 * contributes to, which node wraps the finished expression, and the SQL pattern itself.
 */
import type {CheckContext} from '../../src/model/check.js';
import {unwrap, type SyntaxNode} from '../../src/scan/syntax.js';

// Python's `\s` for str patterns (str.isspace()), which JavaScript's `\s` does not match exactly.
const WS = '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';

// Python's case-insensitive `i` also matches dotless ı and dotted İ; JavaScript's does not.
const I = '[i\\u0131\\u0130]';

/** Bandit's SQL shape: searched anywhere, case-insensitive, `.` matching newlines, no word boundaries. */
export const SQL_PATTERN = new RegExp(
  `select${WS}.*from${WS}|delete${WS}+from${WS}|${I}nsert${WS}+${I}nto${WS}.*values(?:${WS}|\\()|update${WS}.*set${WS}`,
  'isu',
);

export function looksLikeSql(text: string): boolean {
  return text.length >= 10 && SQL_PATTERN.test(text);
}

/**
 * The parent a node has in CPython's AST: parentheses do not exist there, and the
 * arguments of a call hang directly from the call.
 */
export function astParent(node: SyntaxNode): SyntaxNode | null {
  let p = node.parent;
  if (!p) return null;
  let t = p.type;
  while (t === 'parenthesized_expression') {
    p = p.parent;
    if (!p) return null;
    t = p.type;
  }
  return t === 'argument_list' ? p.parent : p;
}

export interface QueryContext {
  /** The text tested against SQL_PATTERN. */
  readonly text: string;
  /** What holds the finished expression (confidence is medium when it is an execute call). */
  readonly wrapper: SyntaxNode | null;
  /** `"…".replace(…)`: Bandit lowers the confidence. */
  readonly replace: boolean;
  /** The string's CPython parent, whose statement a `# nosec` may sit on. */
  readonly span: SyntaxNode;
  /** The expression that builds the query: the topmost binary operation, or the `.format()` / `.replace()` call. */
  readonly query: SyntaxNode;
}

/**
 * Plain string operands of a `+`/`%` chain, left to right, skipping the string's own
 * operation. Iterative: a chain of thousands of operands nests that deep.
 */
function collectOperands(top: SyntaxNode, skip: number, out: SyntaxNode[]): void {
  const stack: SyntaxNode[] = [top];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type !== 'binary_operator') {
      out.push(n);
      continue;
    }
    if (n.id === skip) continue;
    const right = unwrap(n.childForFieldName('right'));
    const left = unwrap(n.childForFieldName('left'));
    if (right) stack.push(right);
    if (left) stack.push(left);
  }
}

/**
 * Where a plain string literal sits: the operand of a binary operation (the text is the
 * chain's strings joined by spaces, this one first), or the receiver of `.format` /
 * `.replace`. Any other place gives `null`: a string that is only assigned, passed or
 * returned is never judged.
 */
export function plainQueryContext(node: SyntaxNode, value: string, ctx: CheckContext): QueryContext | null {
  const parent = astParent(node);
  if (!parent) return null;
  const type = parent.type;
  if (type === 'binary_operator') {
    let top = parent;
    for (let up = astParent(top); up && up.type === 'binary_operator'; up = astParent(top)) top = up;
    const parts = [value];
    if (top.id !== parent.id) {
      const operands: SyntaxNode[] = [];
      collectOperands(top, parent.id, operands);
      for (const o of operands) {
        if (o.type !== 'string' && o.type !== 'concatenated_string') continue;
        const info = ctx.literal(o);
        if (info && info.kind === 'plain') parts.push(info.value);
      }
    }
    return {text: parts.join(' '), wrapper: astParent(top), replace: false, span: parent, query: top};
  }
  if (type === 'attribute') {
    const method = parent.childForFieldName('attribute')?.text;
    if (method !== 'format' && method !== 'replace') return null;
    const holder = astParent(parent);
    const query = holder && holder.type === 'call' ? holder : parent;
    return {text: value, wrapper: holder ? astParent(holder) : null, replace: method === 'replace', span: parent, query};
  }
  return null;
}

/** The called name Bandit compares with execute/executemany: raw text, no alias resolution. */
export function calledName(call: SyntaxNode): string {
  const callee = unwrap(call.childForFieldName('function'));
  if (!callee) return '';
  if (callee.type === 'identifier') return callee.text;
  if (callee.type === 'attribute') return callee.childForFieldName('attribute')?.text ?? '';
  return '';
}
