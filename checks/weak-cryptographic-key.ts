import {defineCheck} from '../src/model/check.js';
import type {CallInfo} from '../src/scan/calls.js';
import type {Lit} from '../src/scan/values.js';

type KeyType = 'DSA' | 'RSA' | 'EC';

/** Bandit's default thresholds: below `high` is high severity, below `medium` is medium. */
const THRESHOLDS: Readonly<Record<KeyType, {readonly high: number; readonly medium: number}>> = {
  DSA: {high: 1024, medium: 2048},
  RSA: {high: 1024, medium: 2048},
  EC: {high: 160, medium: 224},
};

/** Key sizes of the curves in `cryptography`'s ec module; any other curve counts as 224 bits. */
const CURVE_BITS: ReadonlyMap<string, number> = new Map([
  ['SECT571K1', 571],
  ['SECT571R1', 570],
  ['SECP521R1', 521],
  ['BrainpoolP512R1', 512],
  ['SECT409K1', 409],
  ['SECT409R1', 409],
  ['BrainpoolP384R1', 384],
  ['SECP384R1', 384],
  ['SECT283K1', 283],
  ['SECT283R1', 283],
  ['BrainpoolP256R1', 256],
  ['SECP256K1', 256],
  ['SECP256R1', 256],
  ['SECT233K1', 233],
  ['SECT233R1', 233],
  ['SECP224R1', 224],
  ['SECP192R1', 192],
  ['SECT163K1', 163],
  ['SECT163R2', 163],
]);

/** Python truthiness of a view, as `a or b` sees it (null is falsy). */
function truthy(v: Lit | undefined): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'number') return v !== 0;
  if (v.kind === 'bytes') return v.value.length > 0;
  if (v.kind === 'list' || v.kind === 'tuple' || v.kind === 'set') return v.items.length > 0;
  return true;
}

/** The first truthy view of a keyword or a positional slot, else the library default. */
function sizeFrom(call: CallInfo, keyword: string, position: number): Lit {
  const kw = call.kwView(keyword);
  if (truthy(kw)) return kw!;
  const pos = call.argView(position);
  if (truthy(pos)) return pos!;
  return 2048;
}

function keySize(call: CallInfo): {type: KeyType; size: Lit} | null {
  switch (call.qualname) {
    case 'cryptography.hazmat.primitives.asymmetric.dsa.generate_private_key':
      return {type: 'DSA', size: sizeFrom(call, 'key_size', 0)};
    case 'cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key':
      return {type: 'RSA', size: sizeFrom(call, 'key_size', 1)};
    case 'cryptography.hazmat.primitives.asymmetric.ec.generate_private_key': {
      const curve = truthy(call.kwView('curve')) ? call.kwView('curve') : call.argView(0);
      return {type: 'EC', size: (typeof curve === 'string' && CURVE_BITS.get(curve)) || 224};
    }
    case 'Crypto.PublicKey.DSA.generate':
    case 'Cryptodome.PublicKey.DSA.generate':
      return {type: 'DSA', size: sizeFrom(call, 'bits', 0)};
    case 'Crypto.PublicKey.RSA.generate':
    case 'Cryptodome.PublicKey.RSA.generate':
      return {type: 'RSA', size: sizeFrom(call, 'bits', 0)};
    default:
      return null;
  }
}

export default defineCheck({
  id: 'B505',
  slug: 'weak-cryptographic-key',
  title: 'cryptographic key too short',
  category: 'crypto',
  severity: 'high',
  confidence: 'high',
  cwe: 326,
  banditName: 'weak_cryptographic_key',
  docs: {
    what:
      'Finds RSA, DSA and elliptic-curve key generation (cryptography\'s generate_private_key, PyCrypto/PyCryptodome ' +
      'RSA.generate and DSA.generate) with a literal key size below today\'s minimum: under 2048 bits for RSA and DSA, ' +
      'under 224 bits for EC curves. Under 1024 bits (160 for EC) is high severity.',
    why:
      'Short keys can be broken with affordable computing power (512-bit RSA in hours, 1024-bit within reach of well-funded ' +
      'attackers), after which signatures can be forged and recorded traffic decrypted.',
    example: 'key = rsa.generate_private_key(public_exponent=65537, key_size=1024)',
    fix: 'Use at least 2048-bit RSA/DSA keys (3072 or more for long-lived keys) or a 256-bit curve such as ec.SECP256R1().',
    differences:
      'Same as Bandit: only literal sizes are judged (a variable is not), and an EC curve is only recognised when written as ' +
      'a name or attribute (curve=ec.SECP192R1); the usual call form ec.SECP192R1() is not seen.',
  },
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (!call.name.includes('generate')) return;
      const key = keySize(call);
      if (!key || typeof key.size !== 'number') return;
      const limits = THRESHOLDS[key.type];
      if (key.size >= limits.medium) return;
      ctx.report(node, {
        severity: key.size < limits.high ? 'high' : 'medium',
        message: `${key.type} key of ${key.size} bits is too short (use at least ${limits.medium})`,
      });
    },
  },
});
