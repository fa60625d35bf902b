import {defineCheck} from '../src/model/check.js';
import {plainString} from '../src/scan/strings.js';
import {unwrap, type SyntaxNode} from '../src/scan/syntax.js';
import {NON_SECRET_VALUES, isPasswordLike, mentionsPasswordName, nonSecretReason, quoteSecret} from './lib/passwords.js';

/**
 * Whether the def's header (up to the `:` outside brackets) contains a quote: a string
 * default needs one. Reads only the source text, which is much cheaper than the tree.
 */
function headerHasQuote(src: string, def: SyntaxNode): boolean {
  const end = def.endIndex;
  let depth = 0;
  for (let i = def.startIndex; i < end; i++) {
    const c = src.charCodeAt(i);
    if (c === 34 || c === 39) return true;
    if (c === 40 || c === 91) depth++;
    else if (c === 41 || c === 93) depth--;
    else if (c === 58 && depth <= 0) return false;
  }
  return false;
}

export default defineCheck({
  id: 'B107',
  slug: 'hardcoded-password-default',
  title: 'hard-coded password as a parameter default',
  category: 'secrets',
  severity: 'low',
  confidence: 'medium',
  cwe: 259,
  banditName: 'hardcoded_password_default',
  prefilter: mentionsPasswordName,
  docs: {
    what: 'Finds functions whose password-like parameter (password, token, db_pass, client_secret…) defaults to a string literal.',
    why:
      'A default credential is used whenever a caller forgets to pass one, so the code silently runs with a secret that is ' +
      'published with the source and shared by every deployment.',
    example: 'def connect(host, user="app", password="admin123"):',
    fix: 'Make the parameter required, or default it to None and read the real value at run time (os.environ, a secret store).',
    differences:
      `${NON_SECRET_VALUES} ` +
      'Bandit lines the defaults up as if they all belonged to the regular parameters, so with defaulted positional-only ' +
      'parameters (def f(a="x", /, password="y")) it pairs the wrong values, may quote another parameter\'s default, and never ' +
      'looks at positional-only parameters; pyvet pairs every default with its own parameter. pyvet also checks keyword-only ' +
      'parameters (def f(*, password="y")) and async def, which Bandit skips. A default that is plainly not a secret does not end ' +
      'the search: a later password-like parameter can still be reported. One finding per function, on the def line.',
  },
  visit: {
    function_definition(node, ctx) {
      if (!headerHasQuote(ctx.source, node)) return;
      const params = node.childForFieldName('parameters');
      if (!params) return;
      for (const p of params.namedChildren) {
        if (p.type !== 'default_parameter' && p.type !== 'typed_default_parameter') continue;
        const name = p.childForFieldName('name');
        if (!name || name.type !== 'identifier' || !isPasswordLike(name.text)) continue;
        const value = plainString(unwrap(p.childForFieldName('value')));
        if (value === null || nonSecretReason(value, name.text) !== null) continue;
        ctx.report(p, {
          at: node,
          span: node,
          message: `parameter ${name.text} defaults to ${quoteSecret(value)}, which looks like a hard-coded secret`,
        });
        return;
      }
    },
  },
});
