import {defineCheck} from '../src/model/check.js';
import type {CallInfo} from '../src/scan/calls.js';

const WEAK_HASHES: ReadonlySet<string> = new Set(['md4', 'md5', 'sha', 'sha1']);
const WEAK_CRYPT_METHODS: ReadonlySet<string> = new Set(['METHOD_CRYPT', 'METHOD_MD5', 'METHOD_BLOWFISH']);
/** Short names worth a closer look: the cheap first test for every call. */
const CANDIDATES: ReadonlySet<string> = new Set([...WEAK_HASHES, 'new', 'crypt', 'mksalt']);

/** Flagged unless `usedforsecurity=` is passed with a view other than "True" (§5.3 B324). */
function forSecurity(call: CallInfo): boolean {
  const v = call.kwView('usedforsecurity');
  return v === undefined || v === 'True';
}

/** The weak hashlib algorithm a call asks for, or null. */
function hashlibAlgorithm(call: CallInfo, fn: string): string | null {
  if (WEAK_HASHES.has(fn)) return fn;
  if (fn !== 'new') return null;
  const name = call.args.length > 0 ? call.argView(0) : call.kwView('name');
  return typeof name === 'string' && WEAK_HASHES.has(name.toLowerCase()) ? name : null;
}

/** The weak crypt method a `crypt.crypt` / `crypt.mksalt` call names, or null. */
function cryptMethod(call: CallInfo, fn: string): string | null {
  const v =
    fn === 'crypt'
      ? call.args.length > 1
        ? call.argView(1)
        : call.kwView('salt')
      : call.args.length > 0
        ? call.argView(0)
        : call.kwView('method');
  return typeof v === 'string' && WEAK_CRYPT_METHODS.has(v) ? v : null;
}

export default defineCheck({
  id: 'B324',
  slug: 'hashlib-insecure',
  title: 'weak hash (MD4, MD5, SHA-1) from hashlib or crypt',
  category: 'crypto',
  severity: 'high',
  confidence: 'high',
  cwe: 327,
  banditName: 'hashlib_insecure_functions',
  docs: {
    what:
      'Finds hashlib.md4/md5/sha/sha1 and hashlib.new with one of those algorithms (any case; a bare name or an ' +
      'attribute counts by its last part, so hashlib.new(algos.SHA1) is flagged) ' +
      'unless the call says usedforsecurity=False, and crypt.crypt / crypt.mksalt with the METHOD_CRYPT, METHOD_MD5 ' +
      'or METHOD_BLOWFISH methods (medium severity).',
    why:
      'MD5 and SHA-1 collisions are cheap to compute and MD4 is broken outright, so a digest used for signatures, ' +
      'integrity checks, tokens or password storage can be forged or reversed by brute force. The legacy crypt ' +
      'methods (DES crypt, MD5-crypt, and Blowfish as crypt exposes it) are fast enough to crack leaked hashes.',
    example: 'token_hash = hashlib.md5(token.encode()).hexdigest()',
    fix:
      'Use hashlib.sha256 (or sha3_256, blake2b) for integrity and identifiers, hmac with SHA-256 for authentication, ' +
      'and a slow KDF (hashlib.scrypt, argon2, bcrypt) for passwords. When MD5 is only a checksum or cache key, say ' +
      'so: hashlib.md5(data, usedforsecurity=False).',
    differences:
      'Same trigger as Bandit: a dotted part "hashlib" (or "crypt") anywhere in the resolved name, and the ' +
      'usedforsecurity keyword read through Bandit\'s view, so usedforsecurity=flag (a variable) also silences it.',
    references: ['https://docs.python.org/3/library/hashlib.html#hashlib.new'],
  },
  callNames: CANDIDATES,
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      const fn = call.name;
      const parts = call.qualname.split('.');
      if (parts.includes('hashlib')) {
        const algorithm = hashlibAlgorithm(call, fn);
        if (algorithm === null || !forSecurity(call)) return;
        ctx.report(node, {message: `${algorithm.toUpperCase()} hash from ${call.qualname} used for security`});
      } else if (parts.includes('crypt') && (fn === 'crypt' || fn === 'mksalt')) {
        const method = cryptMethod(call, fn);
        if (method === null) return;
        ctx.report(node, {severity: 'medium', message: `${call.qualname} with the weak ${method.replace('METHOD_', '')} method`});
      }
    },
  },
});
