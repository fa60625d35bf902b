/**
 * Reading a file as Python source: bytes → text, the way CPython would read it, but
 * never giving up on the rest of a review. Binary files are refused with a message;
 * a UTF-8 BOM is dropped; a PEP 263 coding cookie selects the decoder; invalid UTF-8
 * is decoded with replacement characters and reported as a warning.
 */
import fs from 'node:fs';

export interface SourceText {
  readonly text: string;
  readonly encoding: string;
  /** Problems that did not stop the scan (e.g. undecodable bytes). */
  readonly warnings: readonly string[];
}

export class SourceError extends Error {}

const COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

function detectBinary(buf: Buffer): string | null {
  const head = buf.subarray(0, 8192);
  if (head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47) return 'a PNG image';
  if (head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46) return 'an ELF binary';
  if (head.includes(0)) {
    // UTF-16 text has NULs too; CPython refuses it without a BOM as well.
    return 'a binary file (it contains NUL bytes)';
  }
  return null;
}

function cookieOf(buf: Buffer): string | null {
  const head = buf.subarray(0, 400).toString('latin1');
  const lines = head.split(/\r\n|\r|\n/).slice(0, 2);
  for (let i = 0; i < lines.length; i++) {
    const m = COOKIE.exec(lines[i]!);
    if (m) return m[1]!.toLowerCase();
    // The cookie may only be on line 2 when line 1 is a comment or blank.
    if (!/^[ \t\f]*(#.*)?$/.test(lines[i]!)) break;
  }
  return null;
}

const UTF8_NAMES = new Set(['utf-8', 'utf8', 'utf_8', 'u8', 'utf-8-sig', 'utf8-sig']);

export function decodeSource(buf: Buffer): SourceText {
  const binary = detectBinary(buf);
  if (binary) throw new SourceError(`not Python source: ${binary}`);
  let bytes = buf;
  let bom = false;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    bytes = bytes.subarray(3);
    bom = true;
  }
  const warnings: string[] = [];
  let encoding = 'utf-8';
  const cookie = bom ? null : cookieOf(bytes);
  let text: string;
  if (cookie && !UTF8_NAMES.has(cookie)) {
    let decoder: TextDecoder | null = null;
    try {
      decoder = new TextDecoder(cookie.replace(/_/g, '-'));
    } catch {
      warnings.push(`unknown encoding '${cookie}' in the coding declaration; read as UTF-8`);
    }
    if (decoder) {
      encoding = decoder.encoding;
      text = decoder.decode(bytes);
      return {text: normalizeNewlines(text), encoding, warnings};
    }
  }
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
  } catch {
    text = new TextDecoder('utf-8').decode(bytes);
    const at = firstInvalidUtf8(bytes);
    warnings.push(`invalid UTF-8 at byte ${at}; undecodable bytes are shown as U+FFFD`);
  }
  return {text: normalizeNewlines(text), encoding, warnings};
}

function firstInvalidUtf8(bytes: Buffer): number {
  const dec = new TextDecoder('utf-8', {fatal: true});
  let lo = 0;
  let hi = bytes.length;
  // Binary search for the shortest invalid prefix (streaming decode would accept a cut sequence).
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    try {
      dec.decode(bytes.subarray(0, mid + 1), {stream: true});
      dec.decode();
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

/**
 * CPython ends a line at `\r\n`, `\n` or a lone `\r`; tree-sitter only at `\n`. A lone
 * `\r` becomes `\n` (same length, so offsets are kept) so that both count lines alike.
 */
export function normalizeNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

export function readSource(absPath: string): SourceText {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(absPath);
  } catch (err) {
    throw new SourceError(describeFsError(err));
  }
  return decodeSource(buf);
}

export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENAMETOOLONG':
      return 'file name too long';
    default:
      return e?.message ?? String(err);
  }
}

/** Count lines as an editor shows them (a final line without newline counts). */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n : n + 1;
}
