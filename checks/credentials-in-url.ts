import {defineCheck} from '../src/model/check.js';
import {isDocstring, type SyntaxNode} from '../src/scan/syntax.js';
import {maskSecret} from './lib/vocabulary.js';

/** `scheme://user:password@host`; the user may be empty (`redis://:pw@host`), the host too at an f-string hole. */
const CREDENTIAL_URL = /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*):\/\/([^\s/?#@:]*):([^\s/?#@]+)@([^\s/?#@]*)/g;

/** Placeholders of review-checks.md: a template or a mask, not a password; `[user:passwd@]` marks an optional part in usage text. */
const PLACEHOLDER = /[{%$<*[\]]|xxx/i;

/** The word itself standing in for a password in documentation: user:password@host, user:pass@host. */
const PLACEHOLDER_WORD = /^(?:pass(?:w(?:or)?d)?|pwd|pw|secret|mypassword|yourpassword)$/i;

/** A string statement (docstring or bare string): documentation, whose URLs are examples. */
function isStringStatement(node: SyntaxNode): boolean {
  const p = node.parent;
  return !!p && isDocstring(p);
}

export default defineCheck({
  id: 'R103',
  slug: 'credentials-in-url',
  title: 'credentials in URL',
  category: 'secrets',
  severity: 'medium',
  confidence: 'high',
  cwe: 798,
  prefilter: source => source.includes('://') && source.includes('@'),
  docs: {
    what:
      'Finds string literals (and the literal text of f-strings) holding a URL with a password in it, ' +
      "scheme://user:password@host, where the password is not empty and not a placeholder (it contains none of {, %, " +
      '$, <, *, [, ] and not xxx; a user written as a template, [user or <user>, marks the whole URL as one). The user part may be empty, as in redis://:password@host. Strings that stand alone as ' +
      'statements (docstrings) are documentation and are not inspected.',
    why:
      'A password in a connection URL is in the source for everyone who can read it, and URLs travel further than ' +
      'other strings: they are logged, shown in error messages and tracebacks, and passed on the command line where ' +
      'other users of the host can see them.',
    example: "engine = sqlalchemy.create_engine('mysql+pymysql://nova:Sup3rS3cret@db.internal/nova')",
    fix:
      "Build the URL at run time from a password read from configuration or a secret store (f'mysql+pymysql://nova:" +
      "{password}@{host}/nova'), or pass the credentials separately; rotate the password that was committed.",
    differences:
      "pyvet's own check; Bandit has no equivalent. Besides the review table's placeholder characters, square " +
      "brackets count (help text writes optional parts as scheme://[user:passwd@]host), and so does a templated user. " +
      'A password that is only the word itself (password, passwd, pass, pwd, pw, secret) is the documentation\'s ' +
      'way of writing "your password here" (user:password@host in help text) and is not reported.',
  },
  visit: {
    literal(node, ctx) {
      if (!node.text.includes('://')) return;
      const info = ctx.literal(node);
      if (!info || isStringStatement(node)) return;
      const texts = info.kind === 'fstring' ? info.segments.map(s => s.value) : [info.value];
      for (const text of texts) {
        for (const m of text.matchAll(CREDENTIAL_URL)) {
          const [, , user, password, host] = m;
          if (!password || PLACEHOLDER.test(password) || PLACEHOLDER_WORD.test(password) || /[[\]<{]/.test(user ?? '')) continue;
          const who = user ? ` for user '${user}'` : '';
          const where = host ? ` at ${host}` : '';
          ctx.report(node, {message: `URL embeds a password${who}${where} (${maskSecret(password)})`});
          return;
        }
      }
    },
  },
});
