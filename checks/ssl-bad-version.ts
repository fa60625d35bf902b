import {defineCheck} from '../src/model/check.js';
import {isBadProtocol} from './lib/tls.js';

export default defineCheck({
  id: 'B502',
  slug: 'ssl-bad-version',
  title: 'broken SSL/TLS protocol version',
  category: 'crypto',
  severity: 'high',
  confidence: 'high',
  cwe: 327,
  banditName: 'ssl_with_bad_version',
  docs: {
    what:
      'Finds calls that pass a broken protocol version (SSLv2, SSLv3, TLS 1.0, TLS 1.1 constants of ssl or pyOpenSSL) as ' +
      'ssl_version= or method=. ssl.wrap_socket(ssl_version=…) is high severity; the same keywords on any other call medium.',
    why:
      'SSL 2/3 and TLS 1.0/1.1 have practical attacks (DROWN, POODLE, BEAST) and are disabled by modern servers and ' +
      'browsers. Pinning one of them makes the connection weak to anyone who can watch or tamper with the network.',
    example: 'ctx = SSL.Context(method=SSL.TLSv1_METHOD)',
    fix:
      'Use ssl.create_default_context() (or ssl.PROTOCOL_TLS_CLIENT) and raise the floor if needed: ' +
      'ctx.minimum_version = ssl.TLSVersion.TLSv1_2. With pyOpenSSL use SSL.TLS_METHOD and set_min_proto_version.',
    differences:
      'Same as Bandit: only the ssl_version= and method= keywords are read (a protocol passed positionally or as protocol= ' +
      'is not seen); the constant matches by its last name, so ssl.PROTOCOL_SSLv3, PROTOCOL_SSLv3 and "PROTOCOL_SSLv3" all count. ' +
      'Reported on the line of the offending keyword value.',
  },
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      // Only the keywords method= and ssl_version= matter: no need to read the arguments otherwise.
      const text = call.text;
      if (!text.includes('method') && !text.includes('ssl_version')) return;
      if (call.qualname === 'ssl.wrap_socket' || call.qualname === 'pyOpenSSL.SSL.Context') {
        const kwName = call.qualname === 'ssl.wrap_socket' ? 'ssl_version' : 'method';
        const v = call.kwView(kwName);
        if (!isBadProtocol(v)) return;
        ctx.report(node, {at: call.keyword(kwName)!.value, message: `${call.qualname} uses the broken protocol version ${v}`});
        return;
      }
      const method = call.kwView('method');
      const version = call.kwView('ssl_version');
      const bad = isBadProtocol(method) ? method : isBadProtocol(version) ? version : null;
      if (bad === null) return;
      const at = (call.keyword('method') ?? call.keyword('ssl_version'))!.value;
      ctx.report(node, {
        at,
        severity: 'medium',
        confidence: 'medium',
        message: `${call.qualname || 'call'} asks for the broken protocol version ${bad}`,
      });
    },
  },
});
