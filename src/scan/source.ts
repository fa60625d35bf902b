/**
 * Reading a file as Python source: bytes → text, the way CPython would read it, but
 * never giving up on the rest of a review. Only regular files are read, up to
 * MAX_SOURCE_BYTES; binary files are refused with a message; a UTF-8 BOM is dropped; a
 * PEP 263 coding declaration selects the decoder (Python's codec names, see codecs.ts);
 * undecodable bytes are shown as U+FFFD and reported as a warning with their line.
 */
import fs from 'node:fs';
import {codecFor} from './codecs.js';

export interface SourceText {
  readonly text: string;
  readonly encoding: string;
  /** Problems that did not stop the scan (e.g. undecodable bytes), with the line they concern. */
  readonly warnings: readonly SourceWarning[];
}

export interface SourceWarning {
  readonly line: number;
  readonly message: string;
}

/** The file cannot be reviewed at all; the message says why, in a few words. */
export class SourceError extends Error {}

/**
 * Larger files are not read: tree-sitter's tree takes about 40 bytes of memory per byte of
 * source (a 20 MB file peaks near 1.5 GB), and no hand-written Python file is this large.
 */
export const MAX_SOURCE_BYTES = 50 * 1024 * 1024;

const COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

function startsWith(buf: Uint8Array, bytes: readonly number[]): boolean {
  return bytes.every((b, i) => buf[i] === b);
}

const MAGIC: readonly [readonly number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an ELF binary'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'a PDF document'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive'],
  [[0x1f, 0x8b], 'gzip-compressed data'],
  [[0x42, 0x5a, 0x68], 'bzip2-compressed data'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz-compressed data'],
  [[0xcf, 0xfa, 0xed, 0xfe], 'a Mach-O binary'],
  [[0x4d, 0x5a], 'a Windows executable'],
  [[0xff, 0xfe, 0x00, 0x00], 'UTF-32 text (Python source must be UTF-8 or an ASCII-compatible encoding)'],
  [[0x00, 0x00, 0xfe, 0xff], 'UTF-32 text (Python source must be UTF-8 or an ASCII-compatible encoding)'],
  [[0xff, 0xfe], 'UTF-16 text (Python source must be UTF-8 or an ASCII-compatible encoding)'],
  [[0xfe, 0xff], 'UTF-16 text (Python source must be UTF-8 or an ASCII-compatible encoding)'],
];

/** Control bytes that never appear in text (everything below 0x20 but tab, LF, VT, FF, CR, ESC). */
function isBinaryControl(b: number): boolean {
  return b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b;
}

/**
 * Why the bytes are not text at all, or null. `declared`: the file has a coding declaration
 * (then every byte may be text, and only signatures and NULs count).
 */
function detectBinary(buf: Uint8Array, declared: boolean): string | null {
  for (const [magic, what] of MAGIC) {
    // 'MZ' and gzip's two bytes are also the start of ordinary words: trust them only with NULs nearby.
    if (startsWith(buf, magic) && (magic.length > 2 || buf.subarray(0, 512).includes(0))) return what;
  }
  const head = buf.subarray(0, 8192);
  if (head.includes(0)) return 'a binary file (it contains NUL bytes)'; // CPython refuses NUL bytes too
  // No NUL, but bytes that are not UTF-8 (so Python would refuse the file too) mixed with
  // control bytes that text never holds. Text in another encoding has no such controls, and
  // valid UTF-8 is always reviewed, however many terminal controls it holds: Python runs it.
  if (!declared && head.length >= 64) {
    let controls = 0;
    for (const b of head) if (isBinaryControl(b)) controls++;
    if (controls / head.length >= 0.01) {
      const invalid = new TextDecoder('utf-8').decode(head).split('\ufffd').length - 1;
      if (invalid / head.length >= 0.1 && (controls + invalid) / head.length > 0.3) return 'a binary file (most of its bytes are not text)';
    }
  }
  return null;
}

/** The coding declaration of the first two lines (PEP 263), as written. */
export function codingDeclaration(buf: Uint8Array): string | null {
  const head = Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.byteLength, 1024)).toString('latin1');
  const lines = head.split(/\r\n|\r|\n/).slice(0, 2);
  for (let i = 0; i < lines.length; i++) {
    const m = COOKIE.exec(lines[i]!);
    if (m) return m[1]!;
    // The declaration may only be on line 2 when line 1 is a comment or blank.
    if (!/^[ \t\f]*(#.*)?$/.test(lines[i]!)) break;
  }
  return null;
}

/** 1-based line of a byte offset (LF, CRLF and lone CR end lines). */
function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  const end = Math.min(offset, bytes.length);
  for (let i = 0; i < end; i++) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  }
  return line;
}

/** 1-based line of a string offset. */
function lineAtIndex(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

const STRICT_UTF8 = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true});
const LENIENT_UTF8 = new TextDecoder('utf-8', {ignoreBOM: true});

export function decodeSource(buf: Uint8Array): SourceText {
  let bytes = buf;
  let bom = false;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    bytes = bytes.subarray(3);
    bom = true;
  }
  const declared = codingDeclaration(bytes);
  const binary = detectBinary(buf, declared !== null);
  if (binary) throw new SourceError(`not Python source: ${binary}`);
  const warnings: SourceWarning[] = [];
  let codec = declared === null ? 'utf-8' : codecFor(declared);
  if (typeof codec === 'object' && 'problem' in codec) {
    warnings.push({line: 1, message: `${codec.problem} in the coding declaration; read as UTF-8`});
    codec = 'utf-8';
  } else if (bom && codec !== 'utf-8') {
    // CPython refuses a BOM with another declared encoding; the BOM wins here.
    warnings.push({line: 1, message: `the file starts with a UTF-8 byte order mark but declares '${declared}'; read as UTF-8`});
    codec = 'utf-8';
  }
  if (codec !== 'utf-8') {
    const {text, lossy} = codec.decode(bytes);
    if (codec.rewrites) {
      warnings.push({
        line: 1,
        message: `the coding declaration '${declared}' makes Python rewrite the text before running it (a way to hide code): pyvet reviews the decoded text, and lines are counted in it`,
      });
    }
    if (lossy) {
      const at = text.search(/\ufffd|\\[xuUN]/);
      warnings.push({line: at < 0 ? 1 : lineAtIndex(text, at), message: `bytes that are not valid ${codec.name} (Python refuses to run this file); they are shown as U+FFFD or as written`});
    }
    return {text: normalizeNewlines(text), encoding: codec.name, warnings};
  }
  let text: string;
  try {
    text = STRICT_UTF8.decode(bytes);
  } catch {
    text = LENIENT_UTF8.decode(bytes);
    const at = firstInvalidUtf8(bytes);
    warnings.push({line: lineAtByte(bytes, at), message: `invalid UTF-8 (byte ${at + (bom ? 3 : 0)}); undecodable bytes are shown as U+FFFD`});
  }
  return {text: normalizeNewlines(text), encoding: 'utf-8', warnings};
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const dec = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true});
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

function fileKind(st: fs.Stats): string {
  if (st.isDirectory()) return 'is a directory';
  if (st.isFIFO()) return 'not a regular file (a named pipe)';
  if (st.isSocket()) return 'not a regular file (a socket)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'not a regular file (a device)';
  return 'not a regular file';
}

function megabytes(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/**
 * Read a regular file, at most `max` bytes. Opened without blocking, so a named pipe given
 * as a path is refused instead of waiting for a writer; a device (/dev/zero) is refused
 * before reading.
 */
export function readFileBounded(absPath: string, max = MAX_SOURCE_BYTES): Buffer {
  return Buffer.from(readIntoScratch(absPath, max));
}

/**
 * One reusable read buffer per thread: reading a file then allocates nothing (fresh
 * buffers cost more than the read itself on a tree of small files).
 */
let scratch = Buffer.allocUnsafe(256 * 1024);

/** Read a file into the scratch buffer; the view is valid until the next read. */
function readIntoScratch(absPath: string, max: number): Uint8Array {
  let fd: number;
  try {
    fd = fs.openSync(absPath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw new SourceError(describeFsError(err));
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new SourceError(fileKind(st));
    if (st.size > max) throw new SourceError(`file too large (${megabytes(st.size)}; pyvet reads files up to ${megabytes(max)})`);
    // The size may change while reading: read until the end, but never past the limit.
    let total = 0;
    for (;;) {
      if (total === scratch.length) {
        if (total > max) break;
        const bigger = Buffer.allocUnsafe(Math.min(max + 1, Math.max(scratch.length * 2, st.size + 1)));
        scratch.copy(bigger, 0, 0, total);
        scratch = bigger;
      } else if (scratch.length < st.size + 1 && total === 0) {
        scratch = Buffer.allocUnsafe(Math.min(max + 1, st.size + 1));
      }
      const n = fs.readSync(fd, scratch, total, scratch.length - total, null);
      if (n === 0) break;
      total += n;
    }
    if (total > max) throw new SourceError(`file too large (more than ${megabytes(max)}, the most pyvet reads)`);
    const view = scratch.subarray(0, total);
    // Keep a huge buffer only while it is needed.
    if (scratch.length > 8 * 1024 * 1024) scratch = Buffer.allocUnsafe(256 * 1024);
    return view;
  } catch (err) {
    if (err instanceof SourceError) throw err;
    throw new SourceError(describeFsError(err));
  } finally {
    fs.closeSync(fd);
  }
}

/** Read and decode a Python source file (at most MAX_SOURCE_BYTES). */
export function readSource(absPath: string): SourceText {
  return decodeSource(readIntoScratch(absPath, MAX_SOURCE_BYTES));
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
      return 'a loop of symbolic links';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'input/output error';
    case 'ENOTDIR':
      return 'a path component is not a directory';
    case 'ERR_FS_FILE_TOO_LARGE':
      return 'file too large';
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
