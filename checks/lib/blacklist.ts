/**
 * Bandit's blacklists (bandit-parity.md §2.5, §2.6, §5.3, §5.4): the B3xx call entries
 * and the B4xx import entries, one data table shared by checks/blacklist-calls.ts and
 * checks/blacklist-imports.ts, plus the string a call is compared with.
 *
 * Selection: when the first entry that matches is not selected, the next matching entry
 * (in ID order) is reported instead. Bandit behaves the same way, because it removes
 * unselected entries from its blacklist data before matching.
 */
import type {CheckContext, Rule, RuleDocs} from '../../src/model/check.js';
import type {Severity, Theme} from '../../src/model/finding.js';
import type {CallInfo} from '../../src/scan/calls.js';
import type {NameTable} from '../../src/scan/names.js';
import {plainString} from '../../src/scan/strings.js';

export interface BlacklistEntry {
  readonly id: string;
  readonly slug: string;
  /** The entry's name in Bandit (accepted in `# nosec NAME`). */
  readonly banditName: string;
  readonly title: string;
  readonly category: Theme;
  readonly severity: Severity;
  readonly cwe: number;
  /** Qualnames (calls: exact match) or module prefixes (import statements). */
  readonly names: readonly string[];
  /** Completes the finding's message after the quoted name. */
  readonly risk: string;
  readonly docs: RuleDocs;
}

/** `a.{b,c}.d` → `a.b.d`, `a.c.d` (one brace group). */
function expand(pattern: string): string[] {
  const m = /^(.*)\{([^}]*)\}(.*)$/.exec(pattern);
  if (!m) return [pattern];
  return m[2]!.split(',').map(part => `${m[1]}${part}${m[3]}`);
}

function names(...patterns: string[]): string[] {
  return patterns.flatMap(expand);
}

const CALL_MATCHING =
  'Same names as Bandit, compared exactly with the resolved name of the callee (no prefix or wildcard). ' +
  'The name can also come from __import__("…") or importlib.import_module("…").';

const IMPORT_MATCHING =
  'Same matching as Bandit: the imported name (`m.y` for `from m import y`, dots of a relative import dropped) ' +
  'is compared by plain string prefix, and a statement gets one finding, for the first entry in ID order. ' +
  'When that entry is not selected the next matching one is reported (Bandit also drops unselected entries ' +
  'before matching). __import__("…") and importlib.import_module("…") calls, and calls whose resolved name is ' +
  'exactly an entry, are compared exactly.';

const XML_WHY =
  'The standard library XML parsers trust the document: nested entity definitions expand without limit ' +
  '(a few hundred bytes can become gigabytes, the "billion laughs"), and depending on the parser and its ' +
  'settings a DOCTYPE can make it fetch external entities or DTDs. Whoever supplies the XML can exhaust memory ' +
  'and CPU, or make the service read local files or reach internal hosts.';

const XML_IMPORT_WHY =
  'The module parses XML with the standard library parsers, which expand entities without limit and may ' +
  'resolve external references. The import is a marker: any parse of data from outside the program is a ' +
  'denial-of-service (and possibly file disclosure) risk.';

export const CALL_BLACKLIST: readonly BlacklistEntry[] = [
  {
    id: 'B301',
    slug: 'pickle-deserialization',
    banditName: 'pickle',
    title: 'deserialization with pickle or a pickle-based loader',
    category: 'input',
    severity: 'medium',
    cwe: 502,
    names: names(
      'pickle.{loads,load,Unpickler}',
      'dill.{loads,load,Unpickler}',
      'shelve.{open,DbfilenameShelf}',
      'jsonpickle.decode',
      'jsonpickle.unpickler.{decode,Unpickler}',
      'pandas.read_pickle',
    ),
    risk: 'unpickling data can run arbitrary code',
    docs: {
      what:
        'Finds calls that rebuild objects from pickle data: pickle.load/loads/Unpickler and the libraries built on ' +
        'the same format (dill, shelve, jsonpickle, pandas.read_pickle). Writing pickles (pickle.dumps) is not flagged.',
      why:
        'A pickle stream is a small program: it can name any importable callable, such as os.system, and the ' +
        'arguments to call it with. Whoever can supply or alter the bytes runs code in the loading process.',
      example: 'session = pickle.loads(base64.b64decode(request.cookies["session"]))',
      fix:
        'Exchange data in a data-only format (json.loads, or a schema library such as pydantic or msgspec). ' +
        'If pickle must stay, load only bytes you wrote yourself and check an HMAC-SHA256 tag ' +
        '(hmac.compare_digest) before unpickling.',
      differences: CALL_MATCHING + ' cPickle.loads is not listed, as in Bandit (B403 flags the import).',
      references: ['https://docs.python.org/3/library/pickle.html'],
    },
  },
  {
    id: 'B302',
    slug: 'marshal-deserialization',
    banditName: 'marshal',
    title: 'deserialization with marshal',
    category: 'input',
    severity: 'medium',
    cwe: 502,
    names: names('marshal.{load,loads}'),
    risk: 'marshal is not safe against malformed or hostile data',
    docs: {
      what: 'Finds marshal.load and marshal.loads.',
      why:
        'marshal is the interpreter\'s private format for code objects. It changes between Python versions and ' +
        'is not hardened against crafted input: hostile bytes can crash the interpreter or produce code objects ' +
        'that end up being executed.',
      example: 'settings = marshal.loads(sock.recv(4096))',
      fix: 'Use json (json.loads) or another format meant for data exchange; keep marshal for data your own program wrote.',
      differences: CALL_MATCHING,
      references: ['https://docs.python.org/3/library/marshal.html'],
    },
  },
  {
    id: 'B303',
    slug: 'weak-hash-algorithm',
    banditName: 'md5',
    title: 'weak MD2/MD4/MD5/SHA-1 hash from PyCrypto or cryptography',
    category: 'crypto',
    severity: 'medium',
    cwe: 327,
    names: names(
      'Crypto.Hash.{MD2,MD4,MD5,SHA}.new',
      'Cryptodome.Hash.{MD2,MD4,MD5,SHA}.new',
      'cryptography.hazmat.primitives.hashes.{MD5,SHA1}',
    ),
    risk: 'MD2, MD4, MD5 and SHA-1 are broken hash functions',
    docs: {
      what:
        'Finds MD2, MD4, MD5 and SHA-1 hash objects made with PyCrypto or PyCryptodome (Crypto.Hash.MD5.new, ' +
        'Cryptodome.Hash.SHA.new, …) or with the cryptography package (hashes.MD5(), hashes.SHA1()). ' +
        'hashlib is B324\'s business.',
      why:
        'Collisions for these functions can be produced cheaply, so a signature, integrity check or content ' +
        'identifier built on them can be satisfied by a second, attacker-made input; MD2 and MD4 are weaker still.',
      example: 'digest = MD5.new(payload).hexdigest()',
      fix:
        'Use SHA-256 or stronger: SHA256.new(payload), hashes.SHA256(), hashlib.sha256(payload). ' +
        'For passwords use a slow key derivation function (hashlib.scrypt, argon2, bcrypt).',
      differences: CALL_MATCHING,
    },
  },
  {
    id: 'B304',
    slug: 'weak-cipher',
    banditName: 'ciphers',
    title: 'weak or broken cipher',
    category: 'crypto',
    severity: 'high',
    cwe: 327,
    names: names(
      'Crypto.Cipher.{ARC2,ARC4,Blowfish,DES,XOR}.new',
      'Cryptodome.Cipher.{ARC2,ARC4,Blowfish,DES,XOR}.new',
      'cryptography.hazmat.primitives.ciphers.algorithms.{ARC4,Blowfish,CAST5,IDEA,SEED,TripleDES}',
    ),
    risk: 'this cipher has practical attacks',
    docs: {
      what:
        'Finds ciphers with known practical weaknesses: ARC2, ARC4 (RC4), Blowfish, DES and XOR from PyCrypto or ' +
        'PyCryptodome, and ARC4, Blowfish, CAST5, IDEA, SEED and TripleDES from cryptography.',
      why:
        'RC4 leaks plaintext through keystream biases, a DES key can be searched exhaustively, the 64-bit blocks ' +
        'of Blowfish, CAST5, IDEA and 3DES let an observer recover plaintext after a few gigabytes (Sweet32), and ' +
        'XOR is not encryption. Whoever sees the ciphertext can read, and often change, what it protects.',
      example: 'cipher = DES.new(key, DES.MODE_CBC, iv)',
      fix:
        'Use an authenticated modern cipher: AESGCM or ChaCha20Poly1305 from ' +
        'cryptography.hazmat.primitives.ciphers.aead, or the higher-level cryptography.fernet.Fernet.',
      differences: CALL_MATCHING,
    },
  },
  {
    id: 'B305',
    slug: 'ecb-cipher-mode',
    banditName: 'cipher_modes',
    title: 'block cipher in ECB mode',
    category: 'crypto',
    severity: 'medium',
    cwe: 327,
    names: ['cryptography.hazmat.primitives.ciphers.modes.ECB'],
    risk: 'ECB leaks patterns of the plaintext',
    docs: {
      what: 'Finds the ECB mode of the cryptography package (modes.ECB()).',
      why:
        'ECB encrypts every block on its own, so equal plaintext blocks give equal ciphertext blocks: structure ' +
        'shows through, blocks can be cut, reordered or replayed, and an attacker who can get chosen data ' +
        'encrypted next to a secret can recover the secret byte by byte.',
      example: 'encryptor = Cipher(algorithms.AES(key), modes.ECB()).encryptor()',
      fix: 'Use an authenticated mode with a fresh nonce per message: modes.GCM(os.urandom(12)), or the AESGCM class.',
      differences: CALL_MATCHING,
    },
  },
  {
    id: 'B306',
    slug: 'tempfile-mktemp',
    banditName: 'mktemp_q',
    title: 'temporary file name from tempfile.mktemp',
    category: 'config',
    severity: 'medium',
    cwe: 377,
    names: ['tempfile.mktemp'],
    risk: 'the name can be taken by someone else before the file is created',
    docs: {
      what: 'Finds tempfile.mktemp, which returns an unused file name without creating the file.',
      why:
        'Between picking the name and opening it, another local user can create that file or a symlink there; ' +
        'the program then writes into a file the attacker controls, or overwrites a file the attacker points it at.',
      example: 'path = tempfile.mktemp(suffix=".csv")\nwith open(path, "w") as f:\n    f.write(report)',
      fix:
        'Let the library create the file atomically: tempfile.NamedTemporaryFile(delete=False), tempfile.mkstemp(), ' +
        'or tempfile.mkdtemp() for a private directory.',
      differences: CALL_MATCHING,
    },
  },
  {
    id: 'B307',
    slug: 'eval-call',
    banditName: 'eval',
    title: 'use of eval',
    category: 'input',
    severity: 'medium',
    cwe: 78,
    names: ['eval'],
    risk: 'it runs any Python expression it is given',
    docs: {
      what: 'Finds calls to the builtin eval (by name, as Bandit does: builtins.eval(x) is not flagged).',
      why:
        'eval evaluates any Python expression, and through __import__ and object attributes an expression can do ' +
        'anything a program can. If any part of the string comes from a user, a file or the network, its author ' +
        'runs code in your process.',
      example: 'total = eval(request.args["expression"])',
      fix:
        'For Python literals use ast.literal_eval; for data use json.loads; for formulas parse them yourself and map ' +
        'the allowed operators to functions explicitly.',
      differences:
        CALL_MATCHING +
        ' So __import__("eval") is reported as B307, like Bandit. Confidence of a direct eval() call uses the data flow ' +
        'inside the function: high, with the source shown, when request data reaches the expression; low when it is a ' +
        'constant (a literal, or a local name only ever bound to constants); otherwise high, as in Bandit.',
    },
  },
  {
    id: 'B308',
    slug: 'mark-safe-call',
    banditName: 'mark_safe',
    title: 'django mark_safe call',
    category: 'input',
    severity: 'medium',
    cwe: 79,
    names: ['django.utils.safestring.mark_safe'],
    risk: 'it turns off auto-escaping for the value',
    docs: {
      what:
        'Finds every call to django.utils.safestring.mark_safe, whatever its argument. B703 is the companion check ' +
        'that looks at where the argument comes from.',
      why:
        'mark_safe tells Django\'s templates not to escape the value. If any part of the string comes from a user, ' +
        'their markup and script reach the browser as written: cross-site scripting against whoever views the page.',
      example: 'return mark_safe(f"<b>{profile.bio}</b>")',
      fix:
        'Build markup with django.utils.html.format_html("<b>{}</b>", profile.bio), which escapes each argument, or ' +
        'escape the untrusted parts with conditional_escape before marking the result safe.',
      differences: CALL_MATCHING,
    },
  },
  {
    id: 'B310',
    slug: 'urllib-urlopen',
    banditName: 'urllib_urlopen',
    title: 'urllib URL opener that accepts any scheme',
    category: 'input',
    severity: 'medium',
    cwe: 22,
    names: names(
      'urllib.request.{urlopen,urlretrieve,URLopener,FancyURLopener}',
      'six.moves.urllib.request.{urlopen,urlretrieve,URLopener,FancyURLopener}',
    ),
    risk: 'it also opens file:// and other non-HTTP URLs',
    docs: {
      what: 'Finds urllib.request.urlopen, urlretrieve, URLopener and FancyURLopener (also through six.moves).',
      why:
        'These functions follow whatever scheme the URL names: file:// reads local files and ftp:// or custom ' +
        'handlers reach other services. A URL that a user can influence becomes local file disclosure or ' +
        'server-side request forgery.',
      example: 'body = urllib.request.urlopen(feed_url).read()',
      fix:
        'Check the URL first (urllib.parse.urlsplit(url).scheme == "https", and the host against an allow list), or ' +
        'use an HTTP-only client such as requests or httpx with a timeout.',
      differences:
        CALL_MATCHING +
        ' As in Bandit the URL is not inspected, so a constant https:// URL is flagged too; the Python 2 names ' +
        '(urllib.urlopen, urllib2.urlopen) are not listed.',
    },
  },
  {
    id: 'B311',
    slug: 'pseudo-random-generator',
    banditName: 'random',
    title: 'predictable random numbers from the random module',
    category: 'crypto',
    severity: 'low',
    cwe: 330,
    names: names('random.{Random,random,randrange,randint,choice,choices,uniform,triangular,randbytes,sample,getrandbits}'),
    risk: 'its output is predictable and unfit for secrets',
    docs: {
      what:
        'Finds the generator functions of the random module (random, randint, randrange, choice, choices, sample, ' +
        'uniform, triangular, randbytes, getrandbits, and random.Random). random.SystemRandom, shuffle and seed are ' +
        'not flagged.',
      why:
        'random uses the Mersenne Twister: after observing enough outputs anyone can compute the past and future ' +
        'ones. Tokens, passwords, nonces or identifiers made with it can be guessed.',
      example: 'reset_code = "".join(random.choice(string.digits) for _ in range(6))',
      fix:
        'Use the secrets module (secrets.token_urlsafe(32), secrets.choice(alphabet), secrets.randbelow(n)) or ' +
        'random.SystemRandom(). random is fine for simulations, sampling and games where nobody gains by guessing.',
      differences: CALL_MATCHING,
    },
  },
  {
    id: 'B312',
    slug: 'telnet-client',
    banditName: 'telnetlib',
    title: 'cleartext Telnet connection',
    category: 'crypto',
    severity: 'high',
    cwe: 319,
    names: ['telnetlib.Telnet'],
    risk: 'Telnet sends everything, passwords included, in cleartext',
    docs: {
      what: 'Finds telnetlib.Telnet connections.',
      why:
        'Telnet has neither encryption nor server authentication: anyone on the network path reads the login and ' +
        'the whole session, and can inject commands into it.',
      example: 'tn = telnetlib.Telnet("switch-01.lan")\ntn.write(password.encode() + b"\\n")',
      fix: 'Use SSH (paramiko, asyncssh, fabric) with host key checking.',
      differences: CALL_MATCHING + ' Only the Telnet class is listed (telnetlib.Telnet.open is not), as in Bandit.',
    },
  },
  {
    id: 'B313',
    slug: 'xml-celementtree-parse',
    banditName: 'xml_bad_cElementTree',
    title: 'parsing XML with xml.etree.cElementTree',
    category: 'input',
    severity: 'medium',
    cwe: 20,
    names: names('xml.etree.cElementTree.{parse,iterparse,fromstring,XMLParser}'),
    risk: 'the parser is not hardened against hostile XML',
    docs: {
      what: 'Finds parse, iterparse, fromstring and XMLParser of xml.etree.cElementTree (removed in Python 3.9).',
      why: XML_WHY,
      example: 'import xml.etree.cElementTree as ET\nroot = ET.fromstring(request.body)',
      fix: 'Parse untrusted XML with defusedxml: defusedxml.ElementTree.fromstring(request.body).',
      differences: CALL_MATCHING,
      references: ['https://docs.python.org/3/library/xml.html#xml-vulnerabilities'],
    },
  },
  {
    id: 'B314',
    slug: 'xml-elementtree-parse',
    banditName: 'xml_bad_ElementTree',
    title: 'parsing XML with xml.etree.ElementTree',
    category: 'input',
    severity: 'medium',
    cwe: 20,
    names: names('xml.etree.ElementTree.{parse,iterparse,fromstring,XMLParser}'),
    risk: 'the parser is not hardened against hostile XML',
    docs: {
      what: 'Finds parse, iterparse, fromstring and XMLParser of xml.etree.ElementTree.',
      why: XML_WHY,
      example: 'import xml.etree.ElementTree as ET\ntree = ET.parse(uploaded_file)',
      fix: 'Parse untrusted XML with defusedxml: defusedxml.ElementTree.parse(uploaded_file).',
      differences: CALL_MATCHING,
      references: ['https://docs.python.org/3/library/xml.html#xml-vulnerabilities'],
    },
  },
  {
    id: 'B315',
    slug: 'xml-expatreader-parser',
    banditName: 'xml_bad_expatreader',
    title: 'expat SAX reader from xml.sax.expatreader',
    category: 'input',
    severity: 'medium',
    cwe: 20,
    names: ['xml.sax.expatreader.create_parser'],
    risk: 'the parser is not hardened against hostile XML',
    docs: {
      what: 'Finds xml.sax.expatreader.create_parser.',
      why: XML_WHY,
      example: 'parser = xml.sax.expatreader.create_parser()\nparser.parse(stream)',
      fix: 'Use defusedxml.expatreader.create_parser(), which refuses entity tricks.',
      differences: CALL_MATCHING,
      references: ['https://docs.python.org/3/library/xml.html#xml-vulnerabilities'],
    },
  },
  {
    id: 'B316',
    slug: 'xml-expatbuilder-parse',
    banditName: 'xml_bad_expatbuilder',
    title: 'parsing XML with xml.dom.expatbuilder',
    category: 'input',
    severity: 'medium',
    cwe: 20,
    names: names('xml.dom.expatbuilder.{parse,parseString}'),
    risk: 'the parser is not hardened against hostile XML',
    docs: {
      what: 'Finds xml.dom.expatbuilder.parse and parseString.',
      why: XML_WHY,
      example: 'doc = xml.dom.expatbuilder.parseString(payload)',
      fix: 'Use defusedxml.expatbuilder.parseString(payload).',
      differences: CALL_MATCHING,
      references: ['https://docs.python.org/3/library/xml.html#xml-vulnerabilities'],
    },
  },
  {
    id: 'B317',
    slug: 'xml-sax-parse',
    banditName: 'xml_bad_sax',
    title: 'parsing XML with xml.sax',
    category: 'input',
    severity: 'medium',
    cwe: 20,
    names: names('xml.sax.{parse,parseString,make_parser}'),
    risk: 'the parser is not hardened against hostile XML',
    docs: {
      what: 'Finds xml.sax.parse, parseString and make_parser.',
      why: XML_WHY,
      example: 'xml.sax.parseString(body, FeedHandler())',
      fix: 'Use defusedxml.sax.parseString(body, FeedHandler()) (or defusedxml.sax.make_parser()).',
      differences: CALL_MATCHING,
      references: ['https://docs.python.org/3/library/xml.html#xml-vulnerabilities'],
    },
  },
  {
    id: 'B318',
    slug: 'xml-minidom-parse',
    banditName: 'xml_bad_minidom',
    title: 'parsing XML with xml.dom.minidom',
    category: 'input',
    severity: 'medium',
    cwe: 20,
    names: names('xml.dom.minidom.{parse,parseString}'),
    risk: 'the parser is not hardened against hostile XML',
    docs: {
      what: 'Finds xml.dom.minidom.parse and parseString.',
      why: XML_WHY,
      example: 'dom = xml.dom.minidom.parseString(soap_request)',
      fix: 'Use defusedxml.minidom.parseString(soap_request).',
      differences: CALL_MATCHING,
      references: ['https://docs.python.org/3/library/xml.html#xml-vulnerabilities'],
    },
  },
  {
    id: 'B319',
    slug: 'xml-pulldom-parse',
    banditName: 'xml_bad_pulldom',
    title: 'parsing XML with xml.dom.pulldom',
    category: 'input',
    severity: 'medium',
    cwe: 20,
    names: names('xml.dom.pulldom.{parse,parseString}'),
    risk: 'the parser is not hardened against hostile XML',
    docs: {
      what: 'Finds xml.dom.pulldom.parse and parseString.',
      why: XML_WHY,
      example: 'events = xml.dom.pulldom.parse(upload)',
      fix: 'Use defusedxml.pulldom.parse(upload).',
      differences: CALL_MATCHING,
      references: ['https://docs.python.org/3/library/xml.html#xml-vulnerabilities'],
    },
  },
  {
    id: 'B321',
    slug: 'ftp-client',
    banditName: 'ftplib',
    title: 'cleartext FTP connection',
    category: 'crypto',
    severity: 'high',
    cwe: 319,
    names: ['ftplib.FTP'],
    risk: 'plain FTP sends credentials and files in cleartext',
    docs: {
      what: 'Finds ftplib.FTP connections (ftplib.FTP_TLS is not flagged).',
      why:
        'Plain FTP sends the user name, the password and every file unencrypted: anyone on the network path can ' +
        'read them or swap the file contents in transit.',
      example: 'ftp = ftplib.FTP("files.example.com")\nftp.login("deploy", password)',
      fix:
        'Use SFTP (paramiko, asyncssh) or FTP over TLS: ftp = ftplib.FTP_TLS(host, context=ssl.create_default_context()); ' +
        'ftp.login(user, password); ftp.prot_p().',
      differences: CALL_MATCHING + ' Only the FTP class is listed, as in Bandit (not every ftplib name).',
    },
  },
  {
    id: 'B323',
    slug: 'ssl-unverified-context',
    banditName: 'unverified_context',
    title: 'unverified SSL context',
    category: 'config',
    severity: 'medium',
    cwe: 295,
    names: ['ssl._create_unverified_context'],
    risk: 'the context accepts any certificate for any host',
    docs: {
      what: 'Finds ssl._create_unverified_context(), which builds a context that checks neither the certificate nor the host name.',
      why:
        'A TLS connection that accepts any certificate can be intercepted by anyone on the path (a proxy, a hostile ' +
        'Wi-Fi, a compromised router), who can then read and modify the traffic without either side noticing.',
      example: 'resp = urllib.request.urlopen(url, context=ssl._create_unverified_context())',
      fix: 'Use ssl.create_default_context(); for a private CA pass cafile= (or cadata=) rather than disabling verification.',
      differences: CALL_MATCHING,
    },
  },
];

export const IMPORT_BLACKLIST: readonly BlacklistEntry[] = [
  {
    id: 'B401',
    slug: 'telnetlib-import',
    banditName: 'import_telnetlib',
    title: 'telnetlib imported',
    category: 'crypto',
    severity: 'high',
    cwe: 319,
    names: ['telnetlib'],
    risk: 'Telnet is a cleartext protocol',
    docs: {
      what: 'Finds imports of telnetlib (also __import__("telnetlib") and importlib.import_module("telnetlib")).',
      why:
        'telnetlib only speaks Telnet, which sends logins and session data unencrypted and does not authenticate the ' +
        'server. Its presence means credentials probably cross the network in the clear. (The module was removed in Python 3.13.)',
      example: 'import telnetlib',
      fix: 'Talk to the device over SSH (paramiko, asyncssh, netmiko) with host key checking.',
      differences: IMPORT_MATCHING,
    },
  },
  {
    id: 'B402',
    slug: 'ftplib-import',
    banditName: 'import_ftplib',
    title: 'ftplib imported',
    category: 'crypto',
    severity: 'high',
    cwe: 319,
    names: ['ftplib'],
    risk: 'FTP is a cleartext protocol unless FTP_TLS is used',
    docs: {
      what: 'Finds imports of ftplib (also through __import__ and importlib.import_module).',
      why:
        'Plain FTP sends passwords and files unencrypted. The module also offers FTP_TLS, so the import is a pointer: ' +
        'check that every connection is encrypted, or an eavesdropper reads the credentials and the data.',
      example: 'from ftplib import FTP',
      fix: 'Use SFTP (paramiko, asyncssh), or ftplib.FTP_TLS with ssl.create_default_context() and prot_p().',
      differences: IMPORT_MATCHING,
    },
  },
  {
    id: 'B403',
    slug: 'pickle-import',
    banditName: 'import_pickle',
    title: 'pickle-family module imported',
    category: 'input',
    severity: 'low',
    cwe: 502,
    names: ['pickle', 'cPickle', 'dill', 'shelve'],
    risk: 'loading its data can run arbitrary code',
    docs: {
      what:
        'Finds imports of pickle, cPickle, dill and shelve. The match is a plain prefix, so pickletools and pickle5 ' +
        'count too.',
      why:
        'These modules rebuild objects from a format that can call any importable function while loading. The import ' +
        'marks code to review: if any loaded bytes can come from someone else, they can run code in the process.',
      example: 'import pickle',
      fix:
        'Store and exchange data as JSON or another data-only format; keep pickle for trusted, locally produced ' +
        'data, authenticated with an HMAC when it travels.',
      differences: IMPORT_MATCHING,
    },
  },
  {
    id: 'B404',
    slug: 'subprocess-import',
    banditName: 'import_subprocess',
    title: 'subprocess imported',
    category: 'input',
    severity: 'low',
    cwe: 78,
    names: ['subprocess'],
    risk: 'the module runs external programs',
    docs: {
      what: 'Finds imports of subprocess (and, by prefix, subprocess32).',
      why:
        'subprocess starts other programs. The import is a marker for review: a command built from user input, or ' +
        'run through a shell, lets the input\'s author run commands of their own (B602-B607 inspect the calls).',
      example: 'from subprocess import Popen',
      fix:
        'Nothing to change for the import itself. Make sure every call passes an argument list, leaves shell=False, ' +
        'and names the program by absolute path.',
      differences: IMPORT_MATCHING,
    },
  },
  {
    id: 'B405',
    slug: 'xml-etree-import',
    banditName: 'import_xml_etree',
    title: 'xml.etree ElementTree imported',
    category: 'input',
    severity: 'low',
    cwe: 20,
    names: ['xml.etree.cElementTree', 'xml.etree.ElementTree'],
    risk: 'its parser is not hardened against hostile XML',
    docs: {
      what:
        'Finds imports of xml.etree.ElementTree and xml.etree.cElementTree (`from xml.etree import ElementTree` too; ' +
        '`from xml import etree` does not match).',
      why: XML_IMPORT_WHY,
      example: 'import xml.etree.ElementTree as ET',
      fix: 'import defusedxml.ElementTree as ET (same parse/fromstring API; build documents with the standard module as before).',
      differences: IMPORT_MATCHING,
    },
  },
  {
    id: 'B406',
    slug: 'xml-sax-import',
    banditName: 'import_xml_sax',
    title: 'xml.sax imported',
    category: 'input',
    severity: 'low',
    cwe: 20,
    names: ['xml.sax'],
    risk: 'its parser is not hardened against hostile XML',
    docs: {
      what: 'Finds imports of xml.sax and its submodules (xml.sax.saxutils matches by prefix).',
      why: XML_IMPORT_WHY,
      example: 'import xml.sax',
      fix: 'Parse with defusedxml.sax (parse, parseString, make_parser); handler classes stay the same.',
      differences: IMPORT_MATCHING,
    },
  },
  {
    id: 'B407',
    slug: 'xml-expat-import',
    banditName: 'import_xml_expat',
    title: 'xml.dom.expatbuilder imported',
    category: 'input',
    severity: 'low',
    cwe: 20,
    names: ['xml.dom.expatbuilder'],
    risk: 'its parser is not hardened against hostile XML',
    docs: {
      what: 'Finds imports of xml.dom.expatbuilder.',
      why: XML_IMPORT_WHY,
      example: 'from xml.dom import expatbuilder',
      fix: 'Use defusedxml.expatbuilder.',
      differences: IMPORT_MATCHING,
    },
  },
  {
    id: 'B408',
    slug: 'xml-minidom-import',
    banditName: 'import_xml_minidom',
    title: 'xml.dom.minidom imported',
    category: 'input',
    severity: 'low',
    cwe: 20,
    names: ['xml.dom.minidom'],
    risk: 'its parser is not hardened against hostile XML',
    docs: {
      what: 'Finds imports of xml.dom.minidom.',
      why: XML_IMPORT_WHY,
      example: 'from xml.dom.minidom import parseString',
      fix: 'Parse with defusedxml.minidom (parse, parseString); building documents with minidom is fine.',
      differences: IMPORT_MATCHING,
    },
  },
  {
    id: 'B409',
    slug: 'xml-pulldom-import',
    banditName: 'import_xml_pulldom',
    title: 'xml.dom.pulldom imported',
    category: 'input',
    severity: 'low',
    cwe: 20,
    names: ['xml.dom.pulldom'],
    risk: 'its parser is not hardened against hostile XML',
    docs: {
      what: 'Finds imports of xml.dom.pulldom.',
      why: XML_IMPORT_WHY,
      example: 'from xml.dom import pulldom',
      fix: 'Use defusedxml.pulldom (parse, parseString).',
      differences: IMPORT_MATCHING,
    },
  },
  {
    id: 'B411',
    slug: 'xmlrpc-import',
    banditName: 'import_xmlrpclib',
    title: 'xmlrpc module imported',
    category: 'input',
    severity: 'high',
    cwe: 20,
    names: ['xmlrpc'],
    risk: 'XML-RPC parses peer data with an unhardened XML parser',
    docs: {
      what: 'Finds imports of xmlrpc.client, xmlrpc.server and, by prefix, Python 2\'s xmlrpclib.',
      why:
        'XML-RPC clients and servers parse every response or request with the standard library XML parser, so a ' +
        'malicious peer can send a document that expands into gigabytes and takes the process down.',
      example: 'from xmlrpc.server import SimpleXMLRPCServer',
      fix: 'Call defusedxml.xmlrpc.monkey_patch() at start-up, or move to a JSON-based API.',
      differences: IMPORT_MATCHING,
    },
  },
  {
    id: 'B412',
    slug: 'cgi-handler-import',
    banditName: 'import_httpoxy',
    title: 'httpoxy-prone CGI handler',
    category: 'access',
    severity: 'high',
    cwe: 284,
    names: ['wsgiref.handlers.CGIHandler', 'twisted.web.twcgi.CGIScript', 'twisted.web.twcgi.CGIDirectory'],
    risk: 'under CGI a client-sent Proxy header becomes HTTP_PROXY',
    docs: {
      what:
        'Finds wsgiref.handlers.CGIHandler and twisted.web.twcgi.CGIScript / CGIDirectory, both where they are ' +
        'imported and where they are called by that name. `import wsgiref.handlers` alone is not flagged.',
      why:
        'CGI passes request headers to the application as HTTP_* environment variables, so a request carrying a ' +
        '"Proxy:" header sets HTTP_PROXY. HTTP libraries honour that variable, and the application\'s outgoing ' +
        'requests, with their credentials, go through the attacker\'s proxy (httpoxy).',
      example: 'from wsgiref.handlers import CGIHandler\nCGIHandler().run(app)',
      fix:
        'Serve the application with a WSGI server (gunicorn, uWSGI, mod_wsgi) instead of CGI; if CGI must stay, drop ' +
        'the Proxy request header in the web server and ignore HTTP_PROXY in the CGI environment.',
      differences: IMPORT_MATCHING + ' The list includes twisted.web.twcgi.CGIDirectory, which Bandit\'s documentation omits but its code checks.',
      references: ['https://httpoxy.org/'],
    },
  },
  {
    id: 'B413',
    slug: 'pycrypto-import',
    banditName: 'import_pycrypto',
    title: 'legacy PyCrypto module imported',
    category: 'crypto',
    severity: 'high',
    cwe: 327,
    names: names('Crypto.{Cipher,Hash,IO,Protocol,PublicKey,Random,Signature,Util}'),
    risk: 'PyCrypto is unmaintained and has known vulnerabilities',
    docs: {
      what:
        'Finds imports from PyCrypto\'s Crypto package (Crypto.Cipher, Crypto.Hash, Crypto.PublicKey, Crypto.Random, …). ' +
        '`import Crypto` alone does not match.',
      why:
        'PyCrypto has had no release since 2013 and carries unfixed flaws (such as a heap overflow in its AES code, ' +
        'CVE-2013-7459) reachable with attacker-chosen input. Note that PyCryptodome installs under the same Crypto ' +
        'name, so the finding cannot tell which one is installed.',
      example: 'from Crypto.Cipher import AES',
      fix:
        'Use the cryptography package, or PyCryptodome installed as pycryptodomex (imported as Cryptodome), so that ' +
        'the maintained library is the one actually loaded.',
      differences: IMPORT_MATCHING,
    },
  },
  {
    id: 'B415',
    slug: 'pyghmi-import',
    banditName: 'import_pyghmi',
    title: 'pyghmi (IPMI) imported',
    category: 'crypto',
    severity: 'high',
    cwe: 319,
    names: ['pyghmi'],
    risk: 'IPMI exposes password hashes and weak session crypto',
    docs: {
      what: 'Finds imports of pyghmi, a client for the IPMI server-management protocol.',
      why:
        'IPMI is weak by design: in version 2.0 the server hands any client a salted hash of a user\'s password for ' +
        'offline cracking, cipher suite 0 skips authentication, and 1.5 sends passwords in the clear. An attacker on ' +
        'the management network can take over the machine\'s BMC.',
      example: 'from pyghmi.ipmi import command',
      fix:
        'Manage servers over Redfish (HTTPS with certificate checks); if IPMI must stay, keep it on an isolated ' +
        'management network with strong, unique BMC passwords.',
      differences: IMPORT_MATCHING,
    },
  },
];

/** The rule metadata of an entry (everything but the matching data). */
export function ruleOf(entry: BlacklistEntry): Rule {
  const {names: _names, risk: _risk, ...rest} = entry;
  return {...rest, confidence: 'high'};
}

function byName(entries: readonly BlacklistEntry[]): ReadonlyMap<string, readonly BlacklistEntry[]> {
  const map = new Map<string, BlacklistEntry[]>();
  for (const e of entries) {
    for (const n of e.names) {
      const list = map.get(n) ?? [];
      list.push(e);
      map.set(n, list);
    }
  }
  return map;
}

/** Exact-match lookup for calls: name → entries in ID order. */
export const CALL_ENTRIES = byName(CALL_BLACKLIST);
export const IMPORT_ENTRIES = byName(IMPORT_BLACKLIST);

/** The first entry for `target` whose rule is selected. */
export function firstEnabled(
  entries: ReadonlyMap<string, readonly BlacklistEntry[]>,
  target: string,
  ctx: Pick<CheckContext, 'enabled'>,
): BlacklistEntry | undefined {
  const list = entries.get(target);
  if (!list) return undefined;
  for (const e of list) if (ctx.enabled(e.id)) return e;
  return undefined;
}

/**
 * The string Bandit compares with the blacklists for a call (§2.5): the module named by
 * `__import__("m")` (raw identifier, plain string literal only) or by
 * `importlib.import_module` / `importlib.__import__` (positional view of the first
 * argument, else the view of `name=`), otherwise the call's qualname. null when nothing
 * can match.
 */
export function blacklistTarget(call: CallInfo, table: NameTable): string | null {
  const q = call.qualname;
  // A raw `__import__` callee resolves to itself, or to whatever an import bound it to.
  if (q === '__import__' || (q !== '' && q === table.alias('__import__'))) {
    const callee = call.callee;
    if (callee && callee.type === 'identifier' && callee.text === '__import__') {
      const first = call.args[0];
      return first ? plainString(first) : null;
    }
  }
  if (q === 'importlib.import_module' || q === 'importlib.__import__') {
    const v = call.args.length > 0 ? call.argView(0) : call.kwView('name');
    return typeof v === 'string' ? v : null;
  }
  return q;
}

/** The verb of a call finding's message: `__import__("eval")` names a module, not a call. */
export function callMessage(call: CallInfo, target: string, entry: BlacklistEntry): string {
  const how = target === call.qualname ? 'call to' : 'dynamic import of';
  return `${how} ${target}: ${entry.risk}`;
}
