/**
 * Shared vocabulary of the review checks (checks/review-checks.md "Shared definitions").
 * Defined once here; checks import these rather than re-typing them.
 */

/** Authorization-like name, tested on the last dotted segment (case-insensitive). */
const AUTHZ =
  /authori[sz]e|authenticate|polic(?:y|ies)|permission|permitted|allow|^can_|^check_|enforce|access|is_admin|has_perm|verify_(?:user|token|signature)/i;

export function isAuthorizationLike(name: string): boolean {
  const last = name.slice(name.lastIndexOf('.') + 1);
  return AUTHZ.test(last);
}

/** Secret-like name: the whole identifier or an `_`-separated part of it (case-insensitive). */
const SECRET_WORD = /^(?:pass(?:wd|word)?|pwd|secret|token|api_?key|private_?key|credential|auth_?key)$/i;

export function isSecretLike(name: string): boolean {
  const id = name.slice(name.lastIndexOf('.') + 1).replace(/^-+/, '').replace(/-/g, '_');
  if (SECRET_WORD.test(id)) return true;
  const parts = id.split('_').filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    if (SECRET_WORD.test(parts[i]!)) return true;
    // two-part words: api_key, private_key, auth_key
    if (i + 1 < parts.length && SECRET_WORD.test(`${parts[i]}_${parts[i + 1]}`)) return true;
  }
  return false;
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

/** `mock.patch.stopall` (either package), which stops every patcher started with `start()`. */
export function isMockStopall(qualname: string): boolean {
  return qualname === 'mock.patch.stopall' || qualname === 'unittest.mock.patch.stopall';
}
