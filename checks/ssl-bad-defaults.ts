import {defineCheck, type CheckContext} from '../src/model/check.js';
import {isAsyncDef, unwrap} from '../src/scan/syntax.js';
import {BAD_PROTOCOL_VERSIONS} from './lib/tls.js';

/** Per file: whether any broken protocol name occurs in the source at all (most files: no). */
const mentionsBadProtocol = new WeakMap<CheckContext, boolean>();
const BAD_NAME_TEXT = /PROTOCOL_(?:SSLv|TLSv1)|(?:SSLv2|SSLv23|SSLv3|TLSv1|TLSv1_1)_METHOD/;

export default defineCheck({
  id: 'B503',
  slug: 'ssl-bad-defaults',
  title: 'function defaults to a broken SSL/TLS version',
  category: 'crypto',
  severity: 'medium',
  confidence: 'medium',
  cwe: 327,
  banditName: 'ssl_with_bad_defaults',
  prefilter: /PROTOCOL_|_METHOD/,
  docs: {
    what:
      'Finds functions whose positional parameters default to a broken protocol constant such as ssl.PROTOCOL_SSLv3 or ' +
      'SSL.TLSv1_METHOD.',
    why:
      'Every caller that does not pass a version gets SSLv2/SSLv3/TLS 1.0/TLS 1.1, which have practical attacks; the weak ' +
      'choice is hidden in a signature where reviewers of the calling code will not see it.',
    example: 'def open_channel(host, version=ssl.PROTOCOL_TLSv1):',
    fix: 'Default to a modern negotiated protocol (ssl.PROTOCOL_TLS_CLIENT, SSL.TLS_METHOD) and set a minimum version of TLS 1.2.',
    differences:
      'Same as Bandit: only defaults written as attribute accesses (ssl.PROTOCOL_SSLv2) of positional parameters are ' +
      'looked at; bare names, strings, keyword-only parameters and async def are not. One finding per function, on the def line.',
  },
  visit: {
    function_definition(node, ctx) {
      let mentions = mentionsBadProtocol.get(ctx);
      if (mentions === undefined) {
        mentions = BAD_NAME_TEXT.test(ctx.source);
        mentionsBadProtocol.set(ctx, mentions);
      }
      if (!mentions || isAsyncDef(node)) return;
      const params = node.childForFieldName('parameters');
      if (!params) return;
      for (const p of params.namedChildren) {
        const t = p.type;
        if (t === 'keyword_separator' || t === 'list_splat_pattern') return; // keyword-only parameters follow
        if (t !== 'default_parameter' && t !== 'typed_default_parameter') continue;
        const value = unwrap(p.childForFieldName('value'));
        if (!value || value.type !== 'attribute') continue;
        const last = value.childForFieldName('attribute')?.text ?? '';
        if (!BAD_PROTOCOL_VERSIONS.has(last)) continue;
        ctx.report(p, {at: node, span: node, message: `parameter defaults to the broken protocol version ${last}`});
        return;
      }
    },
  },
});
