import {defineCheck} from '../src/model/check.js';

export default defineCheck({
  id: 'B504',
  slug: 'ssl-no-version',
  title: 'ssl.wrap_socket without a protocol version',
  category: 'crypto',
  severity: 'low',
  confidence: 'medium',
  cwe: 327,
  banditName: 'ssl_with_no_version',
  docs: {
    what: 'Finds ssl.wrap_socket() calls that do not pass ssl_version=.',
    why:
      'ssl.wrap_socket leaves the protocol to the library default, which on older Pythons still allowed SSLv3 or TLS 1.0, and ' +
      'it skips hostname checks. The function is deprecated and was removed in Python 3.12.',
    example: 'conn = ssl.wrap_socket(sock)',
    fix:
      'Create a context and wrap through it: ctx = ssl.create_default_context(); conn = ctx.wrap_socket(sock, ' +
      'server_hostname=host), with ctx.minimum_version = ssl.TLSVersion.TLSv1_2 if you need a floor.',
    differences:
      'Same as Bandit: a version passed positionally is not seen, and one given as a call or expression (ssl_version=pick()) ' +
      'counts as missing.',
  },
  callNames: ['wrap_socket'],
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (call.qualname !== 'ssl.wrap_socket') return;
      const v = call.kwView('ssl_version');
      if (v !== undefined && v !== null) return;
      ctx.report(node, {message: 'ssl.wrap_socket is called without ssl_version='});
    },
  },
});
