import {defineCheck} from '../src/model/check.js';

interface Connector {
  /** 0-based position of the timeout parameter. */
  readonly slot: number;
  /** Constructed without a host, the object connects later (its connect() takes a timeout). */
  readonly lazy: boolean;
}

/**
 * Constructors and the positional slot of their timeout parameter (CPython 3.8–3.13 signatures):
 * urlopen(url, data, timeout); create_connection(address, timeout); HTTPConnection(host, port, timeout);
 * HTTPSConnection(host, port, key_file, cert_file, timeout) up to 3.11, keyword-only from 3.12;
 * SMTP(host, port, local_hostname, timeout); SMTP_SSL(host, port, local_hostname, keyfile, certfile,
 * timeout) up to 3.11, keyword-only from 3.12; FTP(host, user, passwd, acct, timeout);
 * Telnet(host, port, timeout); POP3(host, port, timeout); IMAP4(host, port, timeout) (3.9+).
 */
const CONNECTORS: ReadonlyMap<string, Connector> = new Map([
  ['urllib.request.urlopen', {slot: 2, lazy: false}],
  ['socket.create_connection', {slot: 1, lazy: false}],
  ['http.client.HTTPConnection', {slot: 2, lazy: false}],
  ['http.client.HTTPSConnection', {slot: 4, lazy: false}],
  ['smtplib.SMTP', {slot: 3, lazy: true}],
  ['smtplib.SMTP_SSL', {slot: 5, lazy: true}],
  ['ftplib.FTP', {slot: 4, lazy: true}],
  ['telnetlib.Telnet', {slot: 2, lazy: true}],
  ['poplib.POP3', {slot: 2, lazy: false}],
  ['imaplib.IMAP4', {slot: 2, lazy: false}],
]);

export default defineCheck({
  id: 'R303',
  slug: 'connection-without-timeout',
  title: 'connection without timeout',
  category: 'timeouts',
  severity: 'medium',
  confidence: 'low',
  cwe: 400,
  docs: {
    what:
      'Finds standard-library network connections opened with no timeout, neither as the timeout= keyword nor in ' +
      'its positional slot: urllib.request.urlopen (3rd argument), socket.create_connection (2nd), ' +
      'http.client.HTTPConnection (3rd) and HTTPSConnection (5th up to Python 3.11, keyword-only since 3.12), ' +
      'smtplib.SMTP (4th) and SMTP_SSL (6th up to 3.11, keyword-only since 3.12), ftplib.FTP (5th), ' +
      'telnetlib.Telnet (3rd), poplib.POP3 (3rd) and imaplib.IMAP4 (3rd, Python 3.9+). An explicit timeout=None (or ' +
      'None in the slot) is reported too: it waits forever. SMTP, SMTP_SSL, FTP and Telnet created without a host do ' +
      'not connect yet and are not reported; calls that pass *args or **kwargs are not reported either, since the ' +
      'timeout may be in them.',
    why:
      'Without a timeout these calls use the global socket default, which is no timeout at all unless something ' +
      'set one: a peer that accepts the connection and then says nothing blocks the caller forever, and a handful of ' +
      'such peers can exhaust a service\'s worker threads.',
    example: "with urllib.request.urlopen('https://metadata.internal/latest') as resp:\n    data = resp.read()",
    fix:
      "Pass an explicit timeout suited to the operation: urllib.request.urlopen(url, timeout=10), " +
      "smtplib.SMTP(host, 587, timeout=30). (B113 covers requests and httpx.)",
    differences:
      "pyvet's own check; Bandit's B113 only covers requests and httpx, and says nothing about the standard library. " +
      'The review table asks for "no timeout argument (keyword or its positional slot)"; pyvet also reports an explicit ' +
      'timeout=None, which waits forever like no timeout at all, and does not report calls that pass *args/**kwargs ' +
      '(the timeout may be in them) or the lazy constructors (SMTP, SMTP_SSL, FTP, Telnet) created without a host, ' +
      'which connect later through a method that takes its own timeout. Subclasses outside the table (IMAP4_SSL, ' +
      'POP3_SSL) are not looked at.',
  },
  callNames: CONNECTORS.keys(),
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      const conn = CONNECTORS.get(call.qualname);
      if (!conn || call.hasKwargsSplat || call.args.some(a => a.type === 'list_splat')) return;
      if (conn.lazy && call.args.length === 0 && !call.keyword('host')) return;
      const timeout = call.keyword('timeout')?.value ?? call.args[conn.slot];
      if (timeout && timeout.type !== 'none') return;
      ctx.report(node, {
        message: timeout
          ? `${call.qualname} is given timeout=None: it waits forever for an unresponsive peer`
          : `${call.qualname} is called with no timeout: an unresponsive peer blocks it indefinitely`,
      });
    },
  },
});
