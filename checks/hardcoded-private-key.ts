import {defineCheck} from '../src/model/check.js';
import type {LiteralInfo} from '../src/scan/strings.js';
import type {SyntaxNode} from '../src/scan/syntax.js';

/** A PEM private-key header: `-----BEGIN RSA PRIVATE KEY-----`, `-----BEGIN PRIVATE KEY-----`, … */
const MARKER = /-----BEGIN ([A-Z0-9]+(?: [A-Z0-9]+)* )?PRIVATE KEY-----/;
const ANY_MARKER = /-----(?:BEGIN|END) [A-Z0-9 ]*-----/g;
/** Key material: a run of base64 characters, once the header and footer lines are taken out. */
const MATERIAL = /[A-Za-z0-9+/=]{16,}/;

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
    differences: "pyvet's own check; Bandit has no equivalent.",
  },
  visit: {
    literal(node, ctx) {
      if (!node.text.includes('KEY')) return;
      const info = ctx.literal(node);
      if (!info) return;
      for (const text of texts(info)) {
        const m = MARKER.exec(text);
        if (!m) continue;
        if (!MATERIAL.test(text.replace(ANY_MARKER, '')) && !isJoined(node)) continue;
        const kind = m[1] ? `${m[1].trim()} private key` : 'private key';
        ctx.report(node, {message: `string literal holds a PEM ${kind}`});
        return;
      }
    },
  },
});
