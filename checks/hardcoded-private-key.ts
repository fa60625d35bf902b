import {defineCheck} from '../src/model/check.js';
import type {LiteralInfo} from '../src/scan/strings.js';
import type {SyntaxNode} from '../src/scan/syntax.js';

/** A PEM private-key header: `-----BEGIN RSA PRIVATE KEY-----`, `-----BEGIN PRIVATE KEY-----`, … */
const MARKER = /-----BEGIN ([A-Z0-9]+(?: [A-Z0-9]+)* )?PRIVATE KEY-----/;
/** Key material: the body right after the header starts with a run of base64 characters. */
const MATERIAL = /^[A-Za-z0-9+/=]{16,}/;
/** RFC 1421 header lines of an encrypted PEM key (Proc-Type, DEK-Info), before the base64 body. */
const PEM_HEADER_LINE = /^[A-Za-z-]+:[^\n]*\n/;

/**
 * Whether key material follows the header at `at`: the text up to the END line (or the
 * end of the string), past PEM header lines, starts with base64. A docstring that shows
 * the format (`-----BEGIN EC PRIVATE KEY-----\n<key bytes>\n-----END…`) has none.
 */
function hasMaterial(text: string, at: number): boolean {
  const end = text.indexOf('-----END', at);
  let body = text.slice(at, end < 0 ? at + 800 : end);
  // Whatever follows the header on its own line is not part of the key.
  const eol = body.indexOf('\n');
  if (eol >= 0 && !MATERIAL.test(body.slice(0, eol).trim())) body = body.slice(eol + 1);
  body = body.replace(/^\s+/, '');
  while (PEM_HEADER_LINE.test(body)) body = body.replace(PEM_HEADER_LINE, '').replace(/^\s+/, '');
  return MATERIAL.test(body);
}

function texts(info: LiteralInfo): string[] {
  return info.kind === 'fstring' ? info.segments.map(s => s.value) : [info.value];
}

/** An operand of `+` (or `%`): the rest of the key is joined on at run time. */
function isJoined(node: SyntaxNode): boolean {
  let p = node.parent;
  while (p && p.type === 'parenthesized_expression') p = p.parent;
  return p?.type === 'binary_operator';
}

export default defineCheck({
  id: 'R101',
  slug: 'hardcoded-private-key',
  title: 'private key in source',
  category: 'secrets',
  severity: 'high',
  confidence: 'high',
  cwe: 321,
  prefilter: /PRIVATE KEY/,
  docs: {
    what:
      'Finds string literals (str, bytes or f-string text, docstrings included) holding a PEM private key: a ' +
      '-----BEGIN … PRIVATE KEY----- header (RSA, EC, DSA, OPENSSH, ENCRYPTED or none). A literal that is only the ' +
      'header line, with no key material after it, is a marker used to recognise keys and is not reported, unless it ' +
      'is joined to the rest of the key with + or %.',
    why:
      'Anyone who can read the source (every clone, fork, package, backup and CI log) holds the key and can ' +
      'impersonate the service, decrypt its traffic or sign as it. Removing it from the current version does not help: ' +
      'it stays in the repository history and must be revoked and replaced.',
    example:
      'SIGNING_KEY = """-----BEGIN RSA PRIVATE KEY-----\n' +
      'MIIEowIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM2Oi...\n' +
      '-----END RSA PRIVATE KEY-----"""',
    fix:
      'Revoke the key, generate a new one, and load it at run time from a file outside the repository with tight ' +
      'permissions, or from a secret store (Vault, Barbican, a KMS); in tests, generate a throwaway key.',
    differences:
      "pyvet's own check; Bandit has no equivalent. The review table asks only for the BEGIN … PRIVATE KEY----- " +
      'marker; pyvet also asks for key material after it, since docstrings and API documentation quote the ' +
      'header and footer to describe a field.',
  },
  visit: {
    literal(node, ctx) {
      if (!node.text.includes('KEY')) return;
      const info = ctx.literal(node);
      if (!info) return;
      for (const text of texts(info)) {
        const m = MARKER.exec(text);
        if (!m) continue;
        if (!hasMaterial(text, m.index + m[0].length) && !isJoined(node)) continue;
        const kind = m[1] ? `${m[1].trim()} private key` : 'private key';
        ctx.report(node, {message: `string literal holds a PEM ${kind}`});
        return;
      }
    },
  },
});
