/**
 * Transport security vocabulary shared by B113, B501 and B502–B504
 * (bandit-parity.md §5.1, §5.5): the HTTP client calls Bandit recognises and the
 * protocol versions it treats as broken.
 */

/** Protocol constants of `ssl` and pyOpenSSL for SSLv2, SSLv3, TLS 1.0 and TLS 1.1 (Bandit's `bad_protocol_versions`). */
export const BAD_PROTOCOL_VERSIONS: ReadonlySet<string> = new Set([
  'PROTOCOL_SSLv2',
  'SSLv2_METHOD',
  'SSLv23_METHOD',
  'PROTOCOL_SSLv3',
  'PROTOCOL_TLSv1',
  'SSLv3_METHOD',
  'TLSv1_METHOD',
  'PROTOCOL_TLSv1_1',
  'TLSv1_1_METHOD',
]);

/** HTTP verb functions of requests and httpx. */
export const HTTP_VERBS: ReadonlySet<string> = new Set(['get', 'options', 'head', 'post', 'put', 'patch', 'delete']);

/** httpx's other entry points that take `timeout=` and `verify=`. */
const HTTPX_EXTRA: ReadonlySet<string> = new Set(['request', 'stream', 'Client', 'AsyncClient']);

/**
 * Which HTTP client library a call belongs to, judged as Bandit does from the qualname's
 * first and last parts only: `requests.<verb>` (also `requests.api.get`), or
 * `httpx.<verb|request|stream|Client|AsyncClient>`. Null for anything else, including
 * methods of a session (`requests.Session().get` has the qualname `.get`).
 */
export function httpClientOf(qualname: string, name: string): 'requests' | 'httpx' | null {
  const dot = qualname.indexOf('.');
  if (dot < 0) return null;
  const root = qualname.slice(0, dot);
  if (root === 'requests') return HTTP_VERBS.has(name) ? 'requests' : null;
  if (root === 'httpx') return HTTP_VERBS.has(name) || HTTPX_EXTRA.has(name) ? 'httpx' : null;
  return null;
}

/** Whether a view (§2.4) names a broken protocol version. */
export function isBadProtocol(v: unknown): v is string {
  return typeof v === 'string' && BAD_PROTOCOL_VERSIONS.has(v);
}
