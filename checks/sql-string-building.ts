import {defineCheck, type CheckContext, type ReportOptions} from '../src/model/check.js';
import {type SyntaxNode} from '../src/scan/syntax.js';
import {astParent, calledName, looksLikeSql, plainQueryContext} from './lib/sql-query.js';
import {describeSource, originOf} from './lib/taint.js';

const EXECUTE = new Set(['execute', 'executemany']);

/**
 * Bandit's confidence (medium when the query goes straight into execute(), low otherwise),
 * then the data flow: request data in `query` makes it high, a constant query low.
 */
function report(
  ctx: CheckContext,
  node: SyntaxNode,
  query: SyntaxNode,
  wrapper: SyntaxNode | null,
  replace: boolean,
  where: Pick<ReportOptions, 'at' | 'span'>,
): void {
  const name = wrapper && wrapper.type === 'call' ? calledName(wrapper) : '';
  const executed = EXECUTE.has(name) && !replace;
  const origin = originOf(ctx, node, query, 'sql');
  const {source} = origin;
  const into = executed ? ` and passed to ${name}()` : '';
  ctx.report(node, {
    ...where,
    confidence: source ? 'high' : origin.constant ? 'low' : executed ? 'medium' : 'low',
    ...(source ? {source} : {}),
    message: source
      ? `SQL text is built from ${describeSource(source)}${into}: use query parameters`
      : origin.constant
        ? `SQL text is assembled from constant strings only${into}`
        : executed
          ? `SQL text built from strings is passed to ${name}(): use query parameters`
          : 'this looks like SQL built from strings: use query parameters',
  });
}

const OPERATOR = /[+%*\-/&|^@<>.]/;

/** The next (or, going back, previous) character that is not white space or a line continuation; '#' for a comment. */
function neighbour(source: string, from: number, step: 1 | -1): string {
  for (let i = from; i >= 0 && i < source.length; i += step) {
    const c = source[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\\') continue;
    return c;
  }
  return '';
}

/** Whether the literal [start, end) may be an operand or a method receiver (a comment nearby: maybe). */
function operandContext(source: string, start: number, end: number): boolean {
  const after = neighbour(source, end, 1);
  if (after === '#' || OPERATOR.test(after)) return true;
  const before = neighbour(source, start - 1, -1);
  // `(` or `,` or `=` before and `)`/`,`/end after: an argument, a value, an item — not an operand.
  return before !== '' && OPERATOR.test(before) && before !== '.';
}

export default defineCheck({
  id: 'B608',
  slug: 'sql-string-building',
  title: 'string-built SQL query',
  category: 'input',
  severity: 'medium',
  confidence: 'medium',
  cwe: 89,
  banditName: 'hardcoded_sql_expressions',
  // Bandit's SQL shapes start with one of these words, followed by white space (or an escape such as \n).
  prefilter: /(?:select|delete|insert|update)[\s\\]/i,
  docs: {
    what:
      'Finds SQL statements (SELECT … FROM, DELETE FROM, INSERT INTO … VALUES, UPDATE … SET) assembled with +, % ' +
      'formatting, .format() or an f-string. Confidence is high when request data reaches the query (the finding shows ' +
      'where it came from), low when the query is built from constants only, and otherwise medium when the result goes ' +
      'straight into execute() or executemany(), low elsewhere.',
    why:
      'A value pasted into SQL text becomes part of the statement: a quote in it ends the literal and the rest is read as ' +
      'SQL, so whoever controls the value can read or change other rows (SQL injection).',
    example: 'cursor.execute(f"SELECT * FROM users WHERE name = \'{name}\'")',
    fix:
      'Keep the SQL constant and pass values as parameters: cursor.execute("SELECT * FROM users WHERE name = %s", (name,)). ' +
      'Table or column names cannot be parameters: pick them from a fixed allow-list.',
    differences:
      'Same test, severity and line as Bandit, including its quirks: for + and % chains the text is the examined string followed by the other ' +
      'string operands of the chain (strings sharing the examined string\'s own operation are left out), an f-string is ' +
      'judged once on its literal text, and .replace() lowers the confidence. A plain SQL constant that is only assigned or passed is not reported. ' +
      'Confidence also uses the data flow inside the function, asked about the expression that builds the query (the whole + or % chain, ' +
      'the .format() or .replace() call, the f-string): high, with the source shown, when request data reaches it; low when it is built ' +
      'from constants only (literals, or local names only ever bound to constants); otherwise Bandit\'s (medium when the result goes ' +
      'straight into execute() or executemany(), low otherwise).',
  },
  visit: {
    literal(node, ctx) {
      const info = ctx.literal(node);
      if (!info || info.kind === 'bytes') return;
      if (info.kind === 'plain') {
        // Only an operand of + or % (or the receiver of .format/.replace) is judged: look
        // at the characters around the literal before asking the tree for its parent.
        if (!operandContext(ctx.source, node.startIndex, node.endIndex)) return;
        const q = plainQueryContext(node, info.value, ctx);
        if (!q || !looksLikeSql(q.text)) return;
        report(ctx, node, q.query, q.wrapper, q.replace, {span: q.span});
        return;
      }
      const segments = info.segments;
      if (segments.length === 0) return;
      const text = segments.map(s => s.value).join('');
      if (!looksLikeSql(text)) return;
      const line = segments[0]!.line;
      const start = node.startPosition;
      const column = line === start.row + 1 ? start.column + 1 : 1;
      report(ctx, node, node, astParent(node), false, {at: {line, column}});
    },
  },
});
