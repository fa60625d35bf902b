/**
 * The text encodings a PEP 263 coding declaration may name, decoded the way CPython
 * decodes them. Python's codec names differ from the WHATWG labels TextDecoder knows
 * (`latin-1`, `iso8859_15`, `cp1252`, `euc_jp`), and for some names the WHATWG meaning
 * differs too (WHATWG `latin1` and `ascii` are windows-1252). A few codecs CPython accepts
 * for source files rewrite the text itself — UTF-7, `unicode_escape`,
 * `raw_unicode_escape` — and are a known way to hide code from editors and reviewers
 * (`+AAo-` or `\x0a` becomes a line break when Python reads the file): pyvet decodes them
 * too, so it reviews what Python would run.
 */
import {SIMPLE_ESCAPES} from './strings.js';

export interface Codec {
  /** The name shown to the user. */
  readonly name: string;
  /** The text, and whether some bytes could not be decoded (shown as U+FFFD or kept as written). */
  decode(bytes: Uint8Array): {text: string; lossy: boolean};
  /** The codec changes the text beyond mapping bytes to characters (escapes, UTF-7): the user is told. */
  readonly rewrites?: boolean;
}

/** Python's `encodings.normalize_encoding`, lower-cased: runs of other characters than letters, digits and `.` become `_`. */
export function normalizeCodecName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

const UTF8 = new Set(['utf_8', 'utf8', 'u8', 'utf', 'utf8_ucs2', 'utf8_ucs4', 'cp65001', 'utf_8_sig', 'utf8_sig']);
const LATIN1 = new Set(['latin_1', 'latin1', 'latin', 'l1', 'iso8859_1', 'iso_8859_1', 'iso_latin_1', 'iso_8859_1_1987', 'iso_ir_100', 'cp819', 'ibm819', '8859', 'csisolatin1']);
const ASCII = new Set(['ascii', 'us_ascii', '646', 'us', 'ansi_x3.4_1968', 'ansi_x3_4_1968', 'ansi_x3.4_1986', 'cp367', 'csascii', 'ibm367', 'iso646_us', 'iso_646.irv_1991', 'iso_ir_6']);
const UTF7 = new Set(['utf_7', 'utf7', 'u7', 'unicode_1_1_utf_7', 'csunicode11utf7']);

/** Python codec names TextDecoder spells differently. */
const WHATWG_ALIASES: Readonly<Record<string, string>> = {
  mac_roman: 'macintosh',
  macroman: 'macintosh',
  macintosh: 'macintosh',
  mac_cyrillic: 'x-mac-cyrillic',
  maccyrillic: 'x-mac-cyrillic',
  sjis: 'shift_jis',
  s_jis: 'shift_jis',
  shiftjis: 'shift_jis',
  cp932: 'shift_jis',
  ms932: 'shift_jis',
  mskanji: 'shift_jis',
  ms_kanji: 'shift_jis',
  cp936: 'gbk',
  ms936: 'gbk',
  cp949: 'euc-kr',
  uhc: 'euc-kr',
  cp950: 'big5',
  ms950: 'big5',
  big5_hkscs: 'big5',
  euc_jp: 'euc-jp',
  eucjp: 'euc-jp',
  ujis: 'euc-jp',
  euc_kr: 'euc-kr',
  euckr: 'euc-kr',
  iso2022_jp: 'iso-2022-jp',
  csiso2022jp: 'iso-2022-jp',
  koi8_r: 'koi8-r',
  koi8_u: 'koi8-u',
  cp866: 'ibm866',
  cp874: 'windows-874',
};

/** Codecs Python has that are not text encodings (CPython refuses them in a coding declaration). */
const NOT_TEXT = new Set(['rot13', 'rot_13', 'hex', 'hex_codec', 'base64', 'base64_codec', 'base_64', 'zlib', 'zlib_codec', 'zip', 'bz2', 'bz2_codec', 'uu', 'uu_codec', 'quopri', 'quopri_codec', 'quotedprintable', 'quoted_printable']);

function textDecoderCodec(name: string, label: string): Codec | null {
  try {
    new TextDecoder(label);
  } catch {
    return null;
  }
  return {
    name,
    decode(bytes) {
      try {
        return {text: new TextDecoder(label, {fatal: true}).decode(bytes), lossy: false};
      } catch {
        return {text: new TextDecoder(label).decode(bytes), lossy: true};
      }
    },
  };
}

const latin1Codec: Codec = {
  name: 'latin-1',
  decode: bytes => ({text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), lossy: false}),
};

const asciiCodec: Codec = {
  name: 'ascii',
  decode(bytes) {
    let lossy = false;
    let text = '';
    for (let i = 0; i < bytes.length; i += 8192) {
      const chunk = bytes.subarray(i, i + 8192);
      for (const b of chunk) {
        if (b > 0x7f) {
          lossy = true;
          break;
        }
      }
      text += Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    }
    return {text: lossy ? text.replace(/[\u0080-\u00ff]/g, '\ufffd') : text, lossy};
  },
};

/** windows-1252's 0x80–0x9F (Python's cp1252; 0 where it has no character). Node 20's TextDecoder decodes them as Latin-1. */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

const cp1252Codec: Codec = {
  name: 'cp1252',
  decode(bytes) {
    let lossy = false;
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      .toString('latin1')
      .replace(/[\u0080-\u009f]/g, ch => {
        const cp = CP1252_HIGH[ch.charCodeAt(0) - 0x80]!;
        if (cp === 0) lossy = true;
        return cp === 0 ? '\ufffd' : String.fromCharCode(cp);
      });
    return {text, lossy};
  },
};

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_VALUE[B64.charCodeAt(i)] = i;

/** UTF-7 (RFC 2152) as Python decodes it: `+…-` holds base64 of UTF-16BE; `+-` is a plus sign. */
export function decodeUtf7(bytes: Uint8Array): {text: string; lossy: boolean} {
  const out: string[] = [];
  let lossy = false;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b !== 0x2b /* + */) {
      if (b > 0x7f) lossy = true;
      out.push(b > 0x7f ? '\ufffd' : String.fromCharCode(b));
      i++;
      continue;
    }
    i++;
    if (bytes[i] === 0x2d /* - */) {
      out.push('+');
      i++;
      continue;
    }
    let bits = 0;
    let nbits = 0;
    const units: number[] = [];
    while (i < n) {
      const c = bytes[i]!;
      const v = c < 128 ? B64_VALUE[c]! : -1;
      if (v < 0) break;
      bits = ((bits << 6) | v) & 0xffffff;
      nbits += 6;
      if (nbits >= 16) {
        nbits -= 16;
        units.push((bits >> nbits) & 0xffff);
      }
      i++;
    }
    if (bytes[i] === 0x2d) i++; // the '-' that ends the run is dropped
    for (let k = 0; k < units.length; k += 4096) out.push(String.fromCharCode(...units.slice(k, k + 4096)));
  }
  return {text: out.join(''), lossy};
}

function codePointText(cp: number): string | null {
  return cp <= 0x10ffff ? String.fromCodePoint(cp) : null;
}

/**
 * Python's `unicode_escape` (all string-literal escapes, on Latin-1 text) or, with `raw`,
 * `raw_unicode_escape` (only `\uXXXX` and `\UXXXXXXXX`). An escape Python would reject
 * (`\x4`, `\N{…}`, which needs Unicode's name table) is kept as written and makes the
 * result lossy.
 */
export function decodeUnicodeEscape(bytes: Uint8Array, raw: boolean): {text: string; lossy: boolean} {
  const s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let lossy = false;
  const pattern = raw ? /\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|u|U)/g : /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|\r\n|\n|\r|N\{[^}\n]*\}|[xuUN]|.)/gs;
  const text = s.replace(pattern, (whole, esc: string) => {
    const head = esc[0]!;
    if ((head === 'x' || head === 'u' || head === 'U') && esc.length > 1) {
      const t = codePointText(parseInt(esc.slice(1), 16));
      if (t !== null) return t;
      lossy = true;
      return whole;
    }
    if (raw) {
      lossy = true; // a bare \u or \U
      return whole;
    }
    if (/^[0-7]/.test(esc)) return String.fromCharCode(parseInt(esc, 8));
    if (esc === '\n' || esc === '\r' || esc === '\r\n') return '';
    const simple = SIMPLE_ESCAPES[esc];
    if (simple !== undefined) return simple;
    if (head === 'x' || head === 'u' || head === 'U' || head === 'N') {
      lossy = true;
      return whole;
    }
    return whole; // an unknown escape stays as written, as in Python
  });
  return {text, lossy};
}

/**
 * The codec a coding declaration names, `'utf-8'` for the UTF-8 family, or an explanation
 * of why it cannot be used.
 */
export function codecFor(declared: string): Codec | 'utf-8' | {readonly problem: string} {
  const n = normalizeCodecName(declared);
  // CPython's tokenizer maps "utf-8-*" and "latin-1-*" / "iso-8859-1-*" to the plain codec.
  if (UTF8.has(n) || n.startsWith('utf_8_')) return 'utf-8';
  if (LATIN1.has(n) || /^(latin_1|iso_8859_1|iso_latin_1)_/.test(n)) return latin1Codec;
  if (ASCII.has(n)) return asciiCodec;
  if (UTF7.has(n)) return {name: 'utf-7', decode: decodeUtf7, rewrites: true};
  if (n === 'unicode_escape') return {name: 'unicode_escape', decode: b => decodeUnicodeEscape(b, false), rewrites: true};
  if (n === 'raw_unicode_escape') return {name: 'raw_unicode_escape', decode: b => decodeUnicodeEscape(b, true), rewrites: true};
  if (NOT_TEXT.has(n)) return {problem: `'${declared}' is not a text encoding (Python refuses to run this file)`};
  if (/^utf_?(16|32)/.test(n)) return {problem: `'${declared}' is not ASCII-compatible (Python refuses it in a coding declaration)`};
  if (/^(cp|windows_?|win)1252$/.test(n)) return cp1252Codec;
  const candidates: string[] = [];
  if (WHATWG_ALIASES[n]) candidates.push(WHATWG_ALIASES[n]!);
  let m = /^(?:cp|windows_?|win)(125\d)$/.exec(n);
  if (m) candidates.push(`windows-${m[1]}`);
  m = /^iso_?8859_?(\d+)$/.exec(n);
  if (m) candidates.push(`iso-8859-${m[1]}`);
  candidates.push(n.replace(/_/g, '-'), n);
  for (const label of candidates) {
    const codec = textDecoderCodec(declared, label);
    if (codec) return codec;
  }
  return {problem: `unknown encoding '${declared}'`};
}
