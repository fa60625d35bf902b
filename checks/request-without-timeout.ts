import {defineCheck} from '../src/model/check.js';
import {httpClientOf} from './lib/tls.js';

export default defineCheck({
  id: 'B113',
  slug: 'request-without-timeout',
  title: 'network request without a timeout',
  category: 'timeouts',
  severity: 'medium',
  confidence: 'low',
  cwe: 400,
  banditName: 'request_without_timeout',
  docs: {
    what:
      'Finds requests calls (requests.get, post, put, patch, delete, head, options) that pass no timeout, and requests or ' +
      'httpx calls that pass timeout=None.',
    why:
      'requests waits forever by default: a server that accepts the connection and then stalls holds the worker, thread or ' +
      'cron job indefinitely, and enough of them exhaust the service. timeout=None turns httpx\'s default limit off as well.',
    example: 'resp = requests.get(url)',
    fix: 'Always pass a timeout, e.g. requests.get(url, timeout=10) or timeout=(3.05, 27) for separate connect and read limits.',
    differences:
      'Same as Bandit: a timeout that is a call, an expression or a subscript (timeout=cfg["t"]) counts as missing, a variable ' +
      'counts as present, **kwargs never supplies one, and session methods (requests.Session().get) are not checked.',
  },
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      const lib = httpClientOf(call.qualname, call.name);
      if (!lib) return;
      const timeout = call.kwView('timeout');
      if (lib === 'requests' && (timeout === undefined || timeout === null)) {
        ctx.report(node, {message: `${call.qualname} is called without a timeout and can wait forever`});
      } else if (timeout === 'None') {
        ctx.report(node, {message: `${call.qualname} is called with timeout=None and can wait forever`});
      }
    },
  },
});
