import {defineCheck, type CheckContext} from '../src/model/check.js';
import {literalInfo} from '../src/scan/strings.js';
import {isConstantNode} from '../src/scan/values.js';
import {unwrap, type SyntaxNode} from '../src/scan/syntax.js';
import {NON_SECRET_VALUES, isPasswordLike, mentionsPasswordName, nonSecretReason, quoteSecret} from './lib/passwords.js';

/** A plain `=` (not annotated). */
function isPlainAssignment(n: SyntaxNode | null): n is SyntaxNode {
  return !!n && n.type === 'assignment' && !n.childForFieldName('type');
}

function isStringNode(n: SyntaxNode | null): n is SyntaxNode {
  return !!n && (n.type === 'string' || n.type === 'concatenated_string');
}

/** The name of an identifier, or the final name of an attribute; null for other targets. */
function targetName(target: SyntaxNode | null): string | null {
  const t = unwrap(target);
  if (!t) return null;
  if (t.type === 'identifier') return t.text;
  if (t.type === 'attribute') return t.childForFieldName('attribute')?.text ?? null;
  return null;
}

/** `(x)` as an assignment target: tree-sitter reads it as a one-element tuple pattern. */
function unwrapTarget(n: SyntaxNode | null): SyntaxNode | null {
  let t = unwrap(n);
  while (t && t.type === 'tuple_pattern' && t.childCount === 3) t = unwrap(t.namedChildren.find(c => c.type !== 'comment'));
  return t;
}

/** The value at the bottom of an assignment chain `t1 = t2 = v`. */
function chainValue(assign: SyntaxNode): SyntaxNode | null {
  let v = unwrap(assign.childForFieldName('right'));
  while (isPlainAssignment(v)) v = unwrap(v.childForFieldName('right'));
  return v;
}

/** A dict value that is a constant, as text to judge and quote (null: None, True, False, ... or a float, never a secret). */
function constantValue(v: SyntaxNode): string | null {
  switch (v.type) {
    case 'integer':
      return v.text;
    case 'string':
    case 'concatenated_string': {
      const info = literalInfo(v);
      return info && info.kind !== 'fstring' ? info.value : null;
    }
    default:
      return null;
  }
}

/*
 * Cheap tests on the source text, run before any tree access (asking tree-sitter for
 * fields, children or parents is what costs time here).
 */

/** The text may hold a password word; non-ASCII text and backslash escapes go on to the full test. */
const MAY_HOLD_PASSWORD_WORD = /pas|pwd|token|secret|[^\x00-\x7f]|\\/i;

function mayHoldPasswordWord(src: string, node: SyntaxNode): boolean {
  return MAY_HOLD_PASSWORD_WORD.test(src.slice(node.startIndex, node.endIndex));
}

function isQuote(c: number): boolean {
  return c === 34 || c === 39;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 12;
}

/** The node may end with a string literal: a closing quote, or `)` after one (or after a line that may end in a comment). */
function mayEndWithString(src: string, node: SyntaxNode): boolean {
  let i = node.endIndex - 1;
  const last = src.charCodeAt(i);
  if (isQuote(last)) return true;
  if (last !== 41 /* ) */) return false;
  let newline = false;
  for (i--; i >= node.startIndex; i--) {
    const c = src.charCodeAt(i);
    if (c === 10 || c === 13) newline = true;
    else if (!isSpace(c)) return isQuote(c) || newline;
  }
  return false;
}

/** The assignment's own target may be a subscript (`d[...] =`, `(d[...]) =`), judged from its first characters. */
function targetMayBeSubscript(src: string, node: SyntaxNode): boolean {
  const end = node.endIndex;
  for (let i = node.startIndex; i < end; i++) {
    const c = src.charCodeAt(i);
    const nameChar = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c > 127;
    if (nameChar || isSpace(c)) continue;
    return c !== 61 /* = */ && c !== 44 /* , */ && c !== 58 /* : */ && c !== 42 /* * */;
  }
  return false;
}

/** The assignment is the value of another one (`a = <node>`): the text before it ends with a plain `=`. */
function mayBeChained(src: string, node: SyntaxNode): boolean {
  for (let i = node.startIndex - 1; i >= 0; i--) {
    const c = src.charCodeAt(i);
    if (isSpace(c) || c === 10 || c === 13 || c === 40 /* ( */ || c === 92 /* \ */) continue;
    if (c !== 61) return false;
    const before = src.charCodeAt(i - 1);
    return before !== 61 && before !== 33 && before !== 60 && before !== 62 && before !== 58;
  }
  return false;
}

/** Whether the source text of a node contains a quote character. */
function hasQuote(src: string, node: SyntaxNode): boolean {
  const end = node.endIndex;
  for (let i = node.startIndex; i < end; i++) if (isQuote(src.charCodeAt(i))) return true;
  return false;
}

/** Whether a node's text starts like a string literal: up to two prefix letters, then a quote (or a parenthesis). */
function startsLikeString(src: string, node: SyntaxNode): boolean {
  const i = node.startIndex;
  for (let k = i; k < i + 3; k++) {
    const c = src.charCodeAt(k);
    if (isQuote(c) || c === 40) return true;
    // r R b B u U f F
    if (c !== 114 && c !== 82 && c !== 98 && c !== 66 && c !== 117 && c !== 85 && c !== 102 && c !== 70) return false;
  }
  return false;
}

/** Whether an assignment further out in the same chain has a password-like target (it reports instead). */
function outerTargetIsPasswordLike(assign: SyntaxNode): boolean {
  let from = assign;
  let a = assign.parent;
  while (a && a.type === 'parenthesized_expression') a = a.parent;
  while (isPlainAssignment(a) && unwrap(a.childForFieldName('right'))?.id === from.id) {
    const name = targetName(a.childForFieldName('left'));
    if (name !== null && isPasswordLike(name)) return true;
    from = a;
    a = a.parent;
    while (a && a.type === 'parenthesized_expression') a = a.parent;
  }
  return false;
}

function report(ctx: CheckContext, at: SyntaxNode, name: string, value: string | null): void {
  if (value === null || nonSecretReason(value, name) !== null) return;
  ctx.report(at, {message: `${quoteSecret(value)} looks like a hard-coded secret for ${name}`});
}

export default defineCheck({
  id: 'B105',
  slug: 'hardcoded-password-string',
  title: 'hard-coded password string',
  category: 'secrets',
  severity: 'low',
  confidence: 'medium',
  cwe: 259,
  banditName: 'hardcoded_password_string',
  prefilter: mentionsPasswordName,
  docs: {
    what:
      'Finds string literals stored under a password-like name: assigned to a variable or attribute such as password, db_pass, ' +
      'SECRET_KEY or api_token; stored under such a dict key or subscript ({"password": "…"}, os.environ["TOKEN"] = "…"); ' +
      'or compared with such a name (if password == "…").',
    why:
      'A credential written in the source is shared with everyone who can read the repository, its history, backups and ' +
      'built artefacts, and it cannot be rotated without a code change. Comparing input with a literal is a built-in backdoor.',
    example: 'DB_PASSWORD = "s3cr3t-prod"',
    fix:
      'Read secrets at run time from the environment or a secret manager (os.environ["DB_PASSWORD"], a vault client, a ' +
      'mounted file), and check passwords against a stored hash with a constant-time comparison.',
    differences:
      `${NON_SECRET_VALUES} For dict entries pyvet also skips None, True, False, ... and float values under a password-like ` +
      'key ({"password": None} is a missing value, {"pass_through": True} a switch); Bandit reports any constant there.',
  },
  // Bandit inspects each string and looks at its parent; asking tree-sitter for a parent is
  // slow, so the four parent cases are visited from the parent's side instead.
  visit: {
    assignment(node, ctx) {
      const src = ctx.source;
      // Cases 1 and 3 both assign a string (which ends the statement) to a password-like target.
      if (!mayEndWithString(src, node) || !mayHoldPasswordWord(src, node) || !isPlainAssignment(node)) return;
      const value = chainValue(node);
      if (!isStringNode(value)) return;
      const info = ctx.literal(value);
      if (!info || info.kind !== 'plain') return;
      // Case 1: `password = "…"`, `a = self.password = "…"`: one finding, from the outermost password-like target.
      const name = targetName(unwrapTarget(node.childForFieldName('left')));
      if (name !== null) {
        if (isPasswordLike(name) && !(mayBeChained(src, node) && outerTargetIsPasswordLike(node))) {
          report(ctx, value, name, info.value);
        }
        return;
      }
      // Case 3: `d["password"] = "…"`: a subscript target whose index is a password-like string.
      if (!targetMayBeSubscript(src, node)) return;
      const left = unwrapTarget(node.childForFieldName('left'));
      if (left?.type !== 'subscript') return;
      for (const c of left.children) if (c.type === ',') return; // `d["password",]`: a tuple index
      for (const c of left.namedChildren) {
        const k = unwrap(c);
        if (!isStringNode(k)) continue;
        const key = ctx.literal(k);
        if (key?.kind === 'plain' && isPasswordLike(key.value)) report(ctx, k, key.value, info.value);
      }
    },
    pair(node, ctx) {
      // Case 2: `{"password": <constant>}` in a dict display.
      const src = ctx.source;
      if (!startsLikeString(src, node) || !mayHoldPasswordWord(src, node)) return;
      const key = unwrap(node.childForFieldName('key'));
      if (!isStringNode(key)) return;
      const name = ctx.literal(key);
      if (name?.kind !== 'plain' || !isPasswordLike(name.value)) return;
      const v = unwrap(node.childForFieldName('value'));
      if (!isConstantNode(v) || node.parent?.type !== 'dictionary') return;
      report(ctx, key, name.value, constantValue(v!));
    },
    comparison_operator(node, ctx) {
      // Case 4: `password == "…"`: every plain string operand quotes the second operand.
      const src = ctx.source;
      if (!hasQuote(src, node) || !mayHoldPasswordWord(src, node)) return;
      const operands = node.namedChildren.filter(c => c.type !== 'comment').map(c => unwrap(c)!);
      const name = targetName(operands[0] ?? null);
      if (name === null || !isPasswordLike(name)) return;
      const second = operands[1] ?? null;
      const value = isStringNode(second) ? ctx.literal(second) : null;
      if (value?.kind !== 'plain') return;
      for (const op of operands) if (isStringNode(op) && ctx.literal(op)?.kind === 'plain') report(ctx, op, name, value.value);
    },
  },
});
