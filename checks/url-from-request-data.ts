import {defineCheck} from '../src/model/check.js';
import {argument, describeSource, requestDataIn} from './lib/taint.js';
import {mayHoldRequestData} from '../src/scan/flow.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

/** HTTP client calls and the position of their URL argument (keyword `url` otherwise). */
const URL_CALLS: ReadonlyMap<string, number> = new Map([
  ...METHODS.flatMap(m => [`requests.${m}`, `requests.api.${m}`, `httpx.${m}`].map(q => [q, 0] as const)),
  ['requests.request', 1],
  ['requests.api.request', 1],
  ['httpx.request', 1],
  ['httpx.stream', 1],
  ['urllib.request.urlopen', 0],
  ['urllib.request.Request', 0],
]);

/** A constant `scheme://host/` start: only the path or query can come from the request. */
const FIXED_HOST = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\s{}%]+[/?#]/i;

export default defineCheck({
  id: 'R802',
  slug: 'url-from-request-data',
  title: 'outgoing request to a URL from request data',
  category: 'input',
  severity: 'medium',
  confidence: 'medium',
  cwe: 918,
  prefilter: mayHoldRequestData,
  docs: {
    what:
      'Finds request data (request.args, request.json…, input(), sys.argv) that reaches the URL of an outgoing HTTP request ' +
      'made with requests, httpx, urllib.request.urlopen or urllib.request.Request within one function.',
    why:
      'Server-side request forgery: the server fetches whatever the caller names, including internal services, cloud metadata ' +
      'endpoints (169.254.169.254) and file:// URLs, and often returns the answer or leaks it through timing and errors.',
    example: 'url = request.args["callback"]\nrequests.post(url, json=payload, timeout=5)',
    fix:
      'Do not let the request choose the host: map a request value to a configured URL, or parse the URL and check its scheme ' +
      'and host against an allow-list before fetching. Build URLs from a fixed base and quote the parts taken from the request.',
    differences:
      'When the URL starts with a constant scheme://host/ and only its path or query comes from the request, the finding is ' +
      'reported with low confidence: the caller can reach other paths on that host, not other hosts.',
    references: ['https://owasp.org/www-community/attacks/Server_Side_Request_Forgery'],
  },
  callNames: URL_CALLS.keys(),
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      const index = URL_CALLS.get(call.qualname);
      if (index === undefined) return;
      const url = argument(call, index, 'url');
      const source = requestDataIn(ctx, node, url, 'url');
      if (!source || !url) return;
      const fixedHost = FIXED_HOST.test(ctx.flow(node).prefixOf(url));
      ctx.report(node, {
        source,
        confidence: fixedHost ? 'low' : 'medium',
        message: fixedHost
          ? `${call.qualname}() puts request data ${describeSource(source)} in the path of a URL on a fixed host`
          : `${call.qualname}() fetches a URL built from request data ${describeSource(source)}`,
      });
    },
  },
});
