import {defineCheck} from '../src/model/check.js';
import {plainString} from '../src/scan/strings.js';
import {unwrap, type SyntaxNode} from '../src/scan/syntax.js';
import {pairKey} from './lib/access.js';
import {pairText} from './lib/access-targets.js';

/** A dict entry whose text ends in False (parentheses allowed): the cheap test before the real one. */
const FALSE_AT_END = /False[\s)]*$/;

/** A JWT decode call: `jwt.decode`/`jwt.decode_complete` of PyJWT, `jose.jwt.decode` of python-jose. */
function isJwtDecode(qualname: string): boolean {
  return /(?:^|\.)jwt\.decode(?:_complete)?$/.test(qualname);
}

/** The `'none'` entry (any case) of an algorithms list or string, or null. */
function noneAlgorithm(value: SyntaxNode | null | undefined): SyntaxNode | null {
  const v = unwrap(value);
  if (!v) return null;
  if (v.type === 'list' || v.type === 'tuple' || v.type === 'set') {
    for (const el of v.namedChildren) if (plainString(el)?.toLowerCase() === 'none') return el;
    return null;
  }
  return plainString(v)?.toLowerCase() === 'none' ? v : null;
}

export default defineCheck({
  id: 'R705',
  slug: 'jwt-signature-not-verified',
  title: 'token signature not verified',
  category: 'access',
  severity: 'high',
  confidence: 'high',
  cwe: 347,
  prefilter: /verify|algorithms/,
  docs: {
    what:
      'Finds JSON Web Tokens decoded without checking their signature: jwt.decode(…, verify=False) (also the third ' +
      'positional argument of PyJWT 1.x), an options dict with "verify_signature": False, and an algorithms list that ' +
      'accepts "none".',
    why:
      'The signature is the only thing that ties a token to the party that issued it. Decoded without it, the claims ' +
      '(user id, roles, expiry) are whatever the client wrote: anyone can mint an admin token. Accepting the "none" ' +
      'algorithm has the same effect, since an unsigned token then passes as valid.',
    example: 'claims = jwt.decode(token, options={"verify_signature": False})',
    fix:
      'Decode with the issuer\'s key and a fixed list of expected algorithms: jwt.decode(token, key, algorithms=["RS256"]). ' +
      'If the claims are needed before the key is known (to pick the key by "kid"), read only the header with ' +
      'jwt.get_unverified_header() and then verify the token with the chosen key.',
    differences:
      'No Bandit equivalent. The options entry is reported in any dict literal ({"verify_signature": False} built ahead ' +
      'of the call counts too), since that key belongs to JWT libraries. "none" is matched in any case ("None", "NONE") ' +
      'in algorithms= of a JWT decode call. Only the literal False counts.',
  },
  callNames: ['decode', 'decode_complete'],
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (!isJwtDecode(call.qualname)) return;
      // PyJWT 1.x: decode(jwt, key='', verify=True, …); python-jose's third parameter is algorithms.
      const verify = call.keyword('verify')?.value ?? (call.qualname.startsWith('jwt.') ? call.args[2] : undefined);
      if (unwrap(verify)?.type === 'false') {
        ctx.report(node, {at: verify!, message: `${call.qualname} is called with verify=False: the signature is not checked`});
      }
      const none = noneAlgorithm(call.keyword('algorithms')?.value);
      if (none) {
        ctx.report(node, {at: none, message: `${call.qualname} accepts the ${none.text} algorithm: unsigned tokens pass`});
      }
    },
    pair(node, ctx) {
      const text = pairText(node);
      if (!FALSE_AT_END.test(text) || !text.includes('verify_signature')) return;
      if (unwrap(node.childForFieldName('value'))?.type !== 'false' || pairKey(node) !== 'verify_signature') return;
      ctx.report(node, {message: '"verify_signature": False turns off the token signature check'});
    },
  },
});
