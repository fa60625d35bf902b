import {defineCheck} from '../src/model/check.js';
import {httpClientOf} from './lib/tls.js';

export default defineCheck({
  id: 'B501',
  slug: 'request-no-cert-validation',
  title: 'certificate verification turned off (verify=False)',
  category: 'config',
  severity: 'high',
  confidence: 'high',
  cwe: 295,
  banditName: 'request_with_no_cert_validation',
  docs: {
    what: 'Finds requests and httpx calls (get, post, …, httpx.Client, httpx.stream…) that pass verify=False.',
    why:
      'Without certificate verification the client accepts any certificate, so anyone on the network path (a rogue Wi-Fi ' +
      'access point, a compromised proxy) can impersonate the server and read or change the traffic, credentials included.',
    example: 'requests.post(api_url, json=payload, verify=False)',
    fix:
      'Keep the default verify=True. For a private certificate authority pass its bundle: verify="/etc/ssl/private-ca.pem" ' +
      '(or set REQUESTS_CA_BUNDLE).',
    differences: 'Same as Bandit: only a literal False is reported (verify=0 or a variable is not), on the line of the verify value.',
  },
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (!httpClientOf(call.qualname, call.name)) return;
      const verify = call.keyword('verify');
      if (!verify || call.kwView('verify') !== 'False') return;
      ctx.report(node, {at: verify.value, message: `${call.qualname} is called with verify=False, so the server certificate is not checked`});
    },
  },
});
