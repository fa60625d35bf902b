/**
 * Hard-coded passwords (B105–B107): Bandit's password-like name pattern
 * (bandit-parity.md §5.1) and pyvet's list of values that are plainly not secrets.
 */

/** One password word: password and its misspellings, pass, passphrase, pwd, token, secret, secrete. */
const WORD = '(?:pas+wo?r?d|pass(?:phrase)?|pwd|token|secrete?)';

/** Bandit's pattern: the word as the whole name or as an `_`-delimited part of it. */
const PASSWORD_LIKE = new RegExp(`^${WORD}$|_${WORD}_|^${WORD}_|_${WORD}$`, 'iu');

const PASSWORD_WORD = new RegExp(`^${WORD}$`, 'iu');

/**
 * Whether a name is password-like. Python's `$` also matches before a final newline,
 * which only matters for names taken from string values (dict keys, subscripts).
 */
const ANY_WORD = /pas+wo?r?d|passphrase|pwd|token|secret|_pass|pass_/i;
/** `pass` alone is a Python keyword, so as a whole name it can only be spelt in another case. */
const BARE_PASS = /\b(?!pass\b)[Pp][Aa][Ss][Ss]\b/;

/** Prefilter for B105–B107: the file mentions a name that could be password-like. */
export function mentionsPasswordName(source: string): boolean {
  return ANY_WORD.test(source) || BARE_PASS.test(source);
}

export function isPasswordLike(name: string): boolean {
  if (PASSWORD_LIKE.test(name)) return true;
  return name.endsWith('\n') && PASSWORD_LIKE.test(name.slice(0, -1));
}

/** Authentication schemes and OAuth grant/token types: protocol words, not secrets. */
const PROTOCOL_WORDS: ReadonlySet<string> = new Set([
  'bearer',
  'basic',
  'digest',
  'negotiate',
  'jwt',
  'client_credentials',
  'authorization_code',
  'device_code',
  'implicit',
  'refresh_token',
  'access_token',
  'id_token',
  'password',
]);

/** Strings that read as a yes/no or empty setting. */
const SETTING_WORDS: ReadonlySet<string> = new Set(['yes', 'no', 'true', 'false', 'on', 'off', 'none', 'null', 'nil']);

/** Python's keywords: what a tokenizer compares a `token` variable with. */
const PYTHON_KEYWORDS: ReadonlySet<string> = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

/**
 * Last name parts that make a name describe a secret rather than hold it:
 * `token_type`, `PASSWORD_FIELD`, `SECRET_ENV`, `TOKEN_URL`, `password_min_length`.
 */
const DESCRIPTOR_PARTS: ReadonlySet<string> = new Set([
  'type', 'types', 'kind', 'name', 'names', 'field', 'fields', 'label', 'prompt', 'env', 'envvar', 'var', 'variable',
  'url', 'uri', 'endpoint', 'path', 'file', 'filename', 'dir', 'header', 'param', 'format', 'fmt', 'pattern', 'regex',
  're', 'length', 'len', 'min', 'max', 'size', 'ttl', 'timeout', 'expiry', 'expires', 'lifetime', 'age', 'count',
  'state', 'status', 'mode', 'policy', 'scheme', 'method', 'style', 'class', 'version', 'help', 'message', 'msg',
  'error', 'description', 'title', 'placeholder',
]);

/** A URL that carries a user (and maybe a password): `scheme://user:pass@host`. */
const URL_WITH_USER = /:\/\/[^\s/]*@/;

/** Words of a field name or label: each a letter then letters or digits, joined by `_`, `-`, `.` or spaces, maybe ending in `:` or `.`. */
const LABEL = /^\p{L}[\p{L}\p{N}]*(?:[ _.-]+\p{L}[\p{L}\p{N}]*)*[:.]?$/u;
const WORD_SPLIT = /[ _.:-]+/u;
/** lowerCamelCase field names (newPassword, accessToken) split at each capital. */
const CAMEL_SPLIT = /[ _.:-]+|(?<=\p{Ll})(?=\p{Lu})/u;
const URL_WITHOUT_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^\s@]*$/i;
const URL_PATH = /^\/[\w.~%+{}<>:/-]*$/u;
const ENV_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const FORMAT_FIELD = /\{\{.*\}\}|\{[\w.[\]]*(?:![rsa])?(?::[^{}]*)?\}|%(?:\([\w.-]+\))?[-#0 +]*\d*(?:\.\d+)?[sdirfx]|\$\{[\w.:-]+\}|^\$[A-Za-z_]\w*$/;
const ANGLE_PLACEHOLDER = /^<[^<>]+>$/;
const MASK = /^(?:\*{2,}|x{3,}|X{3,}|•{2,}|\.{3,}|…)$/u;

/**
 * Why a string value next to a password-like name is plainly not a secret, or null when
 * it may be one. `name` is the password-like name it is assigned to, compared with, or
 * passed as. The list is pyvet's (Bandit reports all of these); keep it in step with the
 * `differences` text of B105–B107.
 */
/** Words that start a camelCase field name (newPassword, accessToken, csrfToken). */
const FIELD_PREFIXES: ReadonlySet<string> = new Set([
  'new', 'old', 'current', 'confirm', 'repeat', 'user', 'admin', 'root', 'db', 'access', 'refresh', 'auth', 'api',
  'csrf', 'xsrf', 'id', 'client', 'session', 'bearer', 'reset', 'login', 'account', 'app', 'master', 'initial',
]);

/**
 * A field name or label that names a password rather than being one: words joined by
 * separators with a password word among them ("Password:", "X-Auth-Token", "password_field"),
 * or a camelCase name made of field-name words ending in one ("newPassword"); "testPass"
 * is not one.
 */
function isFieldLabel(v: string): boolean {
  if (WORD_SPLIT.test(v)) return v.split(WORD_SPLIT).some(w => PASSWORD_WORD.test(w));
  if (!/^\p{Ll}/u.test(v)) return PASSWORD_WORD.test(v);
  const parts = v.split(CAMEL_SPLIT);
  if (parts.length < 2) return PASSWORD_WORD.test(v);
  return PASSWORD_WORD.test(parts[parts.length - 1]!) && parts.slice(0, -1).every(p => FIELD_PREFIXES.has(p.toLowerCase()));
}

export function nonSecretReason(value: string, name: string): string | null {
  const v = value.trim();
  if (v === '') return 'an empty string';
  if (v.length <= 2) return 'too short to be a secret';
  const lower = v.toLowerCase();
  if (lower === name.trim().toLowerCase()) return 'the name itself';
  const parts = name.toLowerCase().split(/[_\s.-]+/).filter(Boolean);
  if (parts.length > 1 && DESCRIPTOR_PARTS.has(parts[parts.length - 1]!) && !URL_WITH_USER.test(v)) {
    return 'the name describes a secret rather than holding one';
  }
  if (SETTING_WORDS.has(lower)) return 'a yes/no setting';
  if (PYTHON_KEYWORDS.has(v)) return 'a Python keyword';
  if (PROTOCOL_WORDS.has(lower) || lower.startsWith('urn:ietf:params:oauth:')) return 'an authentication scheme or grant type';
  if (LABEL.test(v) && isFieldLabel(v)) return 'a field name or label';
  if (URL_WITHOUT_CREDENTIALS.test(v)) return 'a URL without credentials';
  if (URL_PATH.test(v)) return 'a path';
  if (ENV_NAME.test(v)) return 'an environment variable name';
  if (ANGLE_PLACEHOLDER.test(v) || MASK.test(v)) return 'a placeholder';
  if (FORMAT_FIELD.test(v)) return 'a format string';
  return null;
}

/** The value quoted in a message: short, on one line. */
export function quoteSecret(value: string): string {
  const oneLine = value.replace(/[\r\n\t]/g, ' ');
  const short = oneLine.length > 40 ? `${oneLine.slice(0, 37)}...` : oneLine;
  return JSON.stringify(short);
}

/** The part of `differences` that B105–B107 share. */
export const NON_SECRET_VALUES =
  'pyvet does not report values that are plainly not secrets (Bandit reports them all): ' +
  'an empty or blank string; a value of one or two characters; a value equal to the name it is assigned to (ignoring case); ' +
  'any value (other than a URL with a user part, scheme://user@…) under a name of two or more parts whose last part says ' +
  'that it describes a secret rather than holds it (token_type, PASSWORD_FIELD, SECRET_ENV, TOKEN_URL, password_min_length), ' +
  'the last part being one of: type, types, kind, name, names, field, fields, label, prompt, env, envvar, var, variable, url, ' +
  'uri, endpoint, path, file, filename, dir, header, param, format, fmt, pattern, regex, re, length, len, min, max, size, ttl, ' +
  'timeout, expiry, expires, lifetime, age, count, state, status, mode, policy, scheme, method, style, class, version, help, ' +
  'message, msg, error, description, title, placeholder; ' +
  'the words yes, no, true, false, on, off, none, null, nil; a Python keyword ("lambda", "def": a tokenizer\'s token); ' +
  'a field name or label, i.e. words (a letter, then letters or digits) joined by _, -, . or spaces (a name starting in lower case is also split at capitals), ' +
  'optionally ending in ":" or ".", one of which is a password word (password, passwd, pass, passphrase, pwd, token, secret: ' +
  '"password", "Password:", "new_password", "X-Auth-Token", "csrfToken"); ' +
  'an authentication scheme or OAuth grant/token type (bearer, basic, digest, negotiate, jwt, client_credentials, ' +
  'authorization_code, device_code, implicit, refresh_token, access_token, id_token, password, urn:ietf:params:oauth:…); ' +
  'a URL with no "@" in it (so no user or password part); a path (starts with "/", no spaces); ' +
  'an upper-case environment variable name with at least one underscore ("DB_PASSWORD"); ' +
  'a placeholder ("<password>", "***", "xxxx", "..."); ' +
  'and a format string containing {name}, {}, {{ name }}, %s, %(name)s or ${NAME}. ' +
  'Weak but real passwords such as "changeme", "admin", "hunter2" or "password1" are still reported.';
