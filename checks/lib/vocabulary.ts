/**
 * Shared vocabulary of the review checks (checks/review-checks.md "Shared definitions").
 * Defined once here; checks import these rather than re-typing them.
 */

/**
 * The words of an identifier, lower case: its `_`-separated parts and camelCase humps,
 * leading and trailing underscores dropped (`_allowCrossCell` → allow, cross, cell).
 */
export function identifierWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .split(/[_\-.\s]+/)
    .filter(Boolean)
    .map(w => w.toLowerCase());
}

/**
 * Words that name authorization wherever they stand: authorize/authorise and their
 * forms, authenticate, policy, permission, permitted, perm(s) (has_perm), privilege, acl,
 * rbac.
 */
const AUTHZ_WORD = /^(?:authori[sz]\w*|authenticat\w*|authn|authz|polic(?:y|ies)|permissions?|permitted|perms?|privileges?|privileged|acls?|rbac)$/;

/** `is_admin`, `has_access`, `check_owner`, `is_accessible`: a predicate about a role or access. */
const PREDICATE_WORD: ReadonlySet<string> = new Set(['is', 'has', 'can', 'check', 'verify', 'ensure']);
const ROLE_WORD = /^(?:admin|administrator|superuser|owner|access|accessible|roles?)$/;

/** `verify_user`, `verify_token`, `verify_signature` (review-checks.md). */
const VERIFY_OBJECT: ReadonlySet<string> = new Set(['user', 'token', 'signature']);

/**
 * Words that make a name a decision only in an authorization context: `can_x` and
 * `check_x` (first word), `allow`/`allowed`/`enforce`/`permit` (anywhere).
 */
const FIRST_ONLY_WEAK: ReadonlySet<string> = new Set(['can', 'check', 'may']);
const WEAK_ANYWHERE: ReadonlySet<string> = new Set(['allow', 'allows', 'allowed', 'enforce', 'enforces', 'permit', 'permits']);

/**
 * Words that turn the meaning round: a `True` from `requires_authentication`, `is_denied`
 * or `is_not_allowed` asks for more checking, not less.
 */
const NEGATION: ReadonlySet<string> = new Set([
  'deny', 'denied', 'denies', 'disallow', 'disallowed', 'forbid', 'forbidden', 'reject', 'rejected', 'block',
  'blocked', 'restrict', 'restricted', 'require', 'requires', 'required', 'need', 'needs', 'must', 'not', 'never',
  'prevent', 'refuse', 'refused', 'revoke', 'revoked',
]);

/**
 * What a weak word may be about and still not be authorization: transport and protocol
 * capabilities (`can_write_eof`, `check_hostname`, `enforce_ssl`), Django's database router
 * (`allow_migrate`, `allow_relation`), and library options (`allow_redirects`,
 * `allow_reuse_address`, `allow_nan`, `allow_pickle`).
 */
const TECHNICAL_OBJECT: ReadonlySet<string> = new Set([
  'eof', 'hostname', 'host', 'ssl', 'tls', 'https', 'cert', 'certs', 'certificate', 'redirect', 'redirects',
  'reuse', 'address', 'port', 'relation', 'syncdb', 'nan', 'inf',
  'unicode', 'pickle', 'abbrev', 'none', 'null', 'blank', 'empty', 'link', 'assign', 'affix', 'seek', 'read',
  'write', 'flush', 'cache', 'retry', 'retries', 'update', 'reload', 'reconnect', 'resume', 'interrupt',
  'compile', 'import', 'imports', 'dtype', 'type', 'types', 'overflow', 'duplicates', 'extra', 'mutation',
]);

/** How an identifier names an authorization decision. */
export type AuthorizationName =
  /** Only authorization reads this way: has_permission, authorize, is_admin, check_policy. */
  | 'strong'
  /** A decision word whose object decides (can_edit, _allow_cross_cell_resize, enforce). */
  | 'weak';

/**
 * Whether a name (its last dotted part) names an authorization decision that a `True`
 * grants; null when it does not. Leading underscores and camelCase are looked through
 * (`_check_quota`, `canEdit`). A negation (`requires_auth`, `is_denied`) is never one, nor
 * a weak word about a technical capability (`can_write_eof`, `allow_migrate`).
 */
export function authorizationName(name: string): AuthorizationName | null {
  const words = identifierWords(name.slice(name.lastIndexOf('.') + 1));
  if (words.length === 0 || words.some(w => NEGATION.has(w))) return null;
  if (words.some(w => AUTHZ_WORD.test(w))) return 'strong';
  for (let i = 0; i + 1 < words.length; i++) {
    if (PREDICATE_WORD.has(words[i]!) && ROLE_WORD.test(words[i + 1]!)) return 'strong';
    if (words[i] === 'verify' && VERIFY_OBJECT.has(words[i + 1]!)) return 'strong';
  }
  const weak = FIRST_ONLY_WEAK.has(words[0]!) || words.some(w => WEAK_ANYWHERE.has(w));
  if (!weak) return null;
  if (words.length === 1) return words[0] === 'enforce' || words[0] === 'allow' || words[0] === 'permit' ? 'weak' : null;
  if (words.join('_') === 'allow_migrate') return null; // Django's database router
  return words.some(w => TECHNICAL_OBJECT.has(w)) ? null : 'weak';
}

/** Authorization-like name (review-checks.md "Shared definitions"), as `authorizationName` reads it. */
export function isAuthorizationLike(name: string): boolean {
  return authorizationName(name) !== null;
}

/** Secret-like name: the whole identifier or an `_`-separated part of it (case-insensitive). */
const SECRET_WORD = /^(?:pass(?:wd|word)?|pwd|secret|token|api_?key|private_?key|credential|auth_?key)$/i;

/**
 * Words that, after the secret word, make the name about the secret rather than the secret
 * itself: where it is (`password_file`, `token_url`), what it looks like (`token_format`,
 * `password_regex`, `password_length`), how it is handled (`password_hash_algorithm`,
 * `token_ttl`, `secret_name`, `token_provider`).
 */
const SECRET_METADATA: ReadonlySet<string> = new Set([
  'file', 'files', 'path', 'dir', 'directory', 'location', 'format', 'type', 'url', 'uri', 'endpoint', 'name',
  'names', 'id', 'ids', 'ttl', 'expiry', 'expires', 'expiration', 'lifetime', 'age', 'length', 'len', 'size',
  'chars', 'charset', 'regex', 'regexp', 'pattern', 'policy', 'algorithm', 'algorithms', 'algo', 'mode', 'strategy',
  'header', 'field', 'prefix', 'suffix', 'env', 'var', 'cache', 'provider', 'backend', 'driver', 'plugin', 'manager',
  'store', 'scope', 'scopes', 'timeout', 'count', 'min', 'max', 'enabled', 'required', 'rotation', 'history',
  'hint', 'help', 'label', 'prompt', 'description', 'version', 'method', 'methods', 'complexity', 'validity',
  'expire', 'expires_in', 'retries', 'interval', 'class', 'module',
]);

/**
 * Secret-like name (review-checks.md "Shared definitions"): the whole identifier or an
 * `_`-separated part of it is a secret word, and no word after the last secret word says
 * the name is about the secret rather than the secret (`password_file`, `token_format`,
 * `secret_name`, `password_regex`). `-` counts as `_` and leading dashes are dropped.
 */
export function isSecretLike(name: string): boolean {
  const id = name.slice(name.lastIndexOf('.') + 1).replace(/^-+/, '').replace(/-/g, '_');
  if (SECRET_WORD.test(id)) return true;
  const parts = id.split('_').filter(Boolean);
  let last = -1;
  for (let i = 0; i < parts.length; i++) {
    if (SECRET_WORD.test(parts[i]!)) last = i;
    // two-part words: api_key, private_key, auth_key
    else if (i + 1 < parts.length && SECRET_WORD.test(`${parts[i]}_${parts[i + 1]}`)) last = i + 1;
  }
  if (last < 0) return false;
  return !parts.slice(last + 1).some(p => SECRET_METADATA.has(p.toLowerCase()));
}

/**
 * A default that stands in for a secret rather than being one: the option's own name in
 * another case (`--client_secret` defaulting to 'CLIENT_SECRET'), a template (`<password>`,
 * `${TOKEN}`, `{token}`, `%(password)s`) or a mask (`xxx`, `***`).
 */
export function isPlaceholderSecret(value: string, optionName: string): boolean {
  const v = value.trim();
  const norm = (x: string) => x.replace(/^-+/, '').replace(/[-_\s]/g, '').toLowerCase();
  if (norm(v) === norm(optionName)) return true;
  return /^(?:<[^>]*>|\$\{[^}]*\}|\$[A-Z_]+|\{[^}]*\}|%\([^)]*\)s|x{3,}|\*+)$/i.test(v);
}

/** Sleep calls (resolved qualnames). */
export const SLEEP_CALLS: ReadonlySet<string> = new Set([
  'time.sleep',
  'eventlet.sleep',
  'eventlet.greenthread.sleep',
  'greenthread.sleep',
  'gevent.sleep',
  'asyncio.sleep',
]);

/** Request-data sources: defined beside the data-flow analysis that uses them (src/scan/request-data.ts). */
export {REQUEST_DATA_ATTRIBUTES, REQUEST_OBJECTS} from '../../src/scan/request-data.js';

/**
 * A secret shown in a message: a short prefix (at most 4 characters, and never more than
 * a third of the value) followed by `****`, on one line. Messages never carry a secret in full.
 */
export function maskSecret(value: string): string {
  const oneLine = value.replace(/[\r\n\t]+/g, ' ');
  const keep = Math.min(4, Math.floor(oneLine.length / 3));
  return `${oneLine.slice(0, keep)}****`;
}

/** Logging methods (R202): what a logger is called with to record an event. */
export const LOGGING_METHODS: ReadonlySet<string> = new Set([
  'debug',
  'info',
  'warning',
  'warn',
  'error',
  'exception',
  'critical',
  'fatal',
  'log',
]);

/** A logger as a receiver: `LOG`, `logger`, `logging`, `log` (any case, optional leading `_`). */
const LOGGER_NAME = /^_?(?:log|logger|logging)$/i;

/**
 * A logging call by resolved qualname: a logging method on a logger (`LOG.exception`,
 * `self.logger.error`, `logging.warning`, oslo.log's `logging.error` → `oslo_log.log.error`).
 */
export function isLoggingCall(qualname: string): boolean {
  const dot = qualname.lastIndexOf('.');
  if (dot <= 0 || !LOGGING_METHODS.has(qualname.slice(dot + 1))) return false;
  const receiver = qualname.slice(qualname.lastIndexOf('.', dot - 1) + 1, dot);
  return LOGGER_NAME.test(receiver);
}

/**
 * Mock patchers (R603, R701): `mock.patch`, `mock.patch.object`, `mock.patch.dict` and
 * `mock.patch.multiple`, from the `mock` package or `unittest.mock`, by resolved qualname
 * (`from unittest import mock`, `from unittest.mock import patch` and `import mock` all resolve).
 */
const MOCK_PATCHER = /^(?:unittest\.)?mock\.patch(?:\.(?:object|dict|multiple))?$/;

export function isMockPatcher(qualname: string): boolean {
  return MOCK_PATCHER.test(qualname);
}

/** Calls that return a logger: `logging.getLogger(__name__)`, structlog's `get_logger()`, `log.getChild('x')`. */
export const LOGGER_FACTORIES: ReadonlySet<string> = new Set(['getLogger', 'get_logger', 'getChild']);

/** `mock.patch.stopall` (either package), which stops every patcher started with `start()`. */
export function isMockStopall(qualname: string): boolean {
  return qualname === 'mock.patch.stopall' || qualname === 'unittest.mock.patch.stopall';
}
