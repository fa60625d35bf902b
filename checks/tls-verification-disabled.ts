import {defineCheck, type CheckContext} from '../src/model/check.js';
import {shortName} from '../src/scan/names.js';
import {plainString} from '../src/scan/strings.js';
import {unwrap, type SyntaxNode} from '../src/scan/syntax.js';
import {assignmentTarget} from './lib/access-targets.js';

/** Keywords that turn verification off when they are `False`. */
const OFF_WHEN_FALSE: ReadonlySet<string> = new Set(['verify_ssl', 'ssl_verify']);

/** `ssl.CERT_NONE` (any import spelling), or urllib3's string forms 'CERT_NONE' / 'NONE'. */
function isCertNone(node: SyntaxNode | null | undefined, ctx: CheckContext): boolean {
  const v = unwrap(node);
  if (!v) return false;
  if (v.type === 'identifier' || v.type === 'attribute') return shortName(ctx.names.resolve(v)) === 'CERT_NONE';
  const s = plainString(v);
  return s === 'CERT_NONE' || s === 'NONE';
}

function isLiteral(node: SyntaxNode | null | undefined, type: 'true' | 'false'): boolean {
  return unwrap(node)?.type === type;
}

export default defineCheck({
  id: 'R503',
  slug: 'tls-verification-disabled',
  title: 'disabled TLS verification',
  category: 'config',
  severity: 'high',
  confidence: 'high',
  cwe: 295,
  prefilter: /check_hostname|verify_mode|verify_ssl|ssl_verify|insecure|cert_reqs|CERT_NONE|disable_warnings|aiohttp/,
  docs: {
    what:
      'Finds TLS certificate or host name checking switched off outside requests/httpx: ctx.check_hostname = False, ' +
      'ctx.verify_mode = ssl.CERT_NONE, the keywords verify_ssl=False, ssl_verify=False, insecure=True and ' +
      'cert_reqs=ssl.CERT_NONE (or "CERT_NONE"), and urllib3.disable_warnings(…), which silences the warning urllib3 ' +
      'gives for unverified HTTPS requests.',
    why:
      'Without certificate and host name checks, TLS still encrypts but no longer proves who is at the other end: anyone ' +
      'who can intercept the connection (a hostile network, a compromised proxy or DNS) can present their own certificate ' +
      'and read or alter the traffic, tokens and passwords included. Silencing urllib3\'s warning hides exactly that ' +
      'situation from the logs.',
    example: 'ctx = ssl.create_default_context()\nctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE',
    fix:
      'Keep the defaults of ssl.create_default_context() and the client libraries. For an internal certificate authority ' +
      'load its bundle (ctx.load_verify_locations(cafile=…), cacert=/ca_file= options) instead of turning checks off, and ' +
      'let the warning stand if an unverified request is ever made.',
    differences:
      'Bandit\'s B501 covers verify=False on requests and httpx, and B323 ssl._create_unverified_context; neither is ' +
      'reported here. The keywords are reported on any call, at the line of their value; only the literals False and ' +
      'True count. cert_reqs also accepts "NONE", which urllib3 reads as CERT_NONE. verify=False on other clients is ' +
      'not reported. aiohttp\'s ssl=False (the newer spelling of its verify_ssl=False) is reported on calls that ' +
      'resolve to aiohttp (aiohttp.TCPConnector(ssl=False)); on other libraries ssl=False means no TLS at all.',
  },
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      const q = call.qualname;
      if (call.name === 'disable_warnings' && (q === 'urllib3.disable_warnings' || q.endsWith('.urllib3.disable_warnings'))) {
        ctx.report(node, {message: `${q}() hides urllib3's warnings about unverified HTTPS requests`});
        return;
      }
      for (const kw of call.keywords) {
        const name = kw.name;
        let off = false;
        if (OFF_WHEN_FALSE.has(name)) off = isLiteral(kw.value, 'false');
        // aiohttp reads ssl=False as "do not verify"; elsewhere (redis, ldap3) it means "no TLS at all".
        else if (name === 'ssl') off = q.startsWith('aiohttp.') && isLiteral(kw.value, 'false');
        else if (name === 'insecure') off = isLiteral(kw.value, 'true');
        else if (name === 'cert_reqs') off = isCertNone(kw.value, ctx);
        if (off) ctx.report(node, {at: kw.value, message: `${q || call.name} is called with ${kw.node.text}: the server certificate is not checked`});
      }
    },
    assignment(node, ctx) {
      const target = assignmentTarget(node);
      const attr = target?.name;
      if ((attr !== 'check_hostname' && attr !== 'verify_mode') || target?.type !== 'attribute') return;
      const left = target.node;
      const right = node.childForFieldName('right');
      if (attr === 'check_hostname' ? isLiteral(right, 'false') : isCertNone(right, ctx) && unwrap(right)?.type !== 'string') {
        ctx.report(node, {
          message:
            attr === 'check_hostname'
              ? `${left.text} = False: the host name in the certificate is not checked`
              : `${left.text} = CERT_NONE: the server certificate is not checked`,
        });
      }
    },
  },
});
