/**
 * Reading bytes as Python source (src/scan/source.ts, codecs.ts), the parser's guard and
 * parent cache (src/scan/parse.ts), and the display helpers that keep long or hostile text
 * cheap and visible (src/report/safe-text.ts, components/text.ts).
 */
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {truncate, truncateStart, width, wrap} from '../../components/text.js';
import {clip, displayLine, escapeControls} from '../../src/report/safe-text.js';
import {indentationWidthCount, MAX_INDENT_LEVELS, parsePython} from '../../src/scan/parse.js';
import {decodeSource, readFileBounded, SourceError} from '../../src/scan/source.js';
import type {SyntaxNode} from '../../src/scan/syntax.js';
import {fixture} from '../helpers/paths.js';
import {lineIds, scanSource} from '../helpers/scan.js';
import {tmpDir} from '../helpers/tmp.js';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map(p => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decoding with a coding declaration, as CPython does', () => {
  test('latin-1 (every spelling): bytes map to U+0000–U+00FF, C1 included (not windows-1252)', () => {
    for (const name of ['latin-1', 'latin1', 'iso-8859-1', 'ISO_8859_1', 'iso-latin-1', 'L1', 'latin-1-unix']) {
      const src = decodeSource(bytes(`# -*- coding: ${name} -*-\nx = "d`, [0xe9, 0x6a, 0xe0, 0x80], '"\n'));
      assert.equal(src.encoding, 'latin-1', name);
      assert.equal(src.text.split('\n')[1], 'x = "déjà\u0080"', name);
      assert.deepEqual(src.warnings, [], name);
    }
  });

  test('other codecs under their Python names: cp1252, iso8859_15, euc_jp, shift_jis, koi8_r', () => {
    const cases: [string, number[], string][] = [
      ['cp1252', [0x80], '€'],
      ['windows-1252', [0x80], '€'],
      ['iso8859_15', [0xa4], '€'],
      ['euc_jp', [0xc6, 0xfc, 0xcb, 0xdc], '日本'],
      ['shift_jis', [0x93, 0xfa, 0x96, 0x7b], '日本'],
      ['koi8_r', [0xf0, 0xd2, 0xc9], 'При'],
    ];
    for (const [name, raw, want] of cases) {
      const src = decodeSource(bytes(`# coding: ${name}\ns = "`, raw, '"\n'));
      assert.equal(src.text, `# coding: ${name}\ns = "${want}"\n`, name);
      assert.deepEqual(src.warnings, [], name);
    }
  });

  test('where the declaration may be: line 1, or line 2 after a comment; Emacs and Vim forms', () => {
    assert.equal(decodeSource(bytes('#!/usr/bin/env python\n# vim: set fileencoding=latin-1 :\ns = "', [0xe9], '"\n')).encoding, 'latin-1');
    assert.equal(decodeSource(bytes('import os\n# coding: latin-1\ns = "', [0xe9], '"\n')).encoding, 'utf-8', 'line 2 counts only after a comment or blank line');
  });

  test('an unknown or non-text encoding: read as UTF-8, with a warning', () => {
    assert.deepEqual(decodeSource(bytes('# coding: klingon-8\nx = 1\n')).warnings, [{line: 1, message: "unknown encoding 'klingon-8' in the coding declaration; read as UTF-8"}]);
    assert.match(decodeSource(bytes('# coding: rot13\nx = 1\n')).warnings[0]!.message, /^'rot13' is not a text encoding/);
  });

  test('UTF-7, as Python reads it: +AAo- is a line break that hides a statement from editors', () => {
    const src = decodeSource(bytes('# coding: utf-7\nx = 1 +AAo-eval(code) +- 2\n'));
    assert.equal(src.text, '# coding: utf-7\nx = 1 \neval(code) + 2\n');
    assert.equal(src.encoding, 'utf-7');
    assert.match(src.warnings[0]!.message, /coding declaration 'utf-7' makes Python rewrite the text before running it/);
    assert.deepEqual(lineIds(scanSource(src.text, {select: ['B307']})), ['3 B307']);
  });

  test('unicode_escape and raw_unicode_escape, as Python reads them', () => {
    const src = decodeSource(bytes('# coding: unicode_escape\nx = 1 \\x0aeval(c) \\u0041\\101\\t\\N{EM DASH}\n'));
    assert.equal(src.text, '# coding: unicode_escape\nx = 1 \neval(c) AA\t\\N{EM DASH}\n');
    assert.equal(src.warnings.length, 2, 'the rewrite, and the \\N escape kept as written');
    const raw = decodeSource(bytes('# coding: raw_unicode_escape\nx = "\\x41\\u000a"\n'));
    assert.equal(raw.text, '# coding: raw_unicode_escape\nx = "\\x41\n"\n');
  });

  test('a BOM is dropped; a BOM with another declared encoding is read as UTF-8, with a warning', () => {
    assert.equal(decodeSource(bytes([0xef, 0xbb, 0xbf], 'x = "é"\n')).text, 'x = "é"\n');
    const both = decodeSource(bytes([0xef, 0xbb, 0xbf], '# coding: latin-1\nx = "é"\n'));
    assert.equal(both.text, '# coding: latin-1\nx = "é"\n');
    assert.match(both.warnings[0]!.message, /byte order mark but declares 'latin-1'; read as UTF-8/);
  });

  test('invalid UTF-8: U+FFFD in the text, a warning with the line and byte', () => {
    const src = decodeSource(bytes('a = 1\nb = 2\nc = "', [0xff, 0xfe], '"\n'));
    assert.equal(src.text, 'a = 1\nb = 2\nc = "\ufffd\ufffd"\n');
    assert.deepEqual(src.warnings, [{line: 3, message: 'invalid UTF-8 (byte 17); undecodable bytes are shown as U+FFFD'}]);
  });

  test('lone CR and CRLF line endings', () => {
    assert.equal(decodeSource(bytes('a\rb\r\nc\r')).text, 'a\nb\r\nc\n');
  });
});

describe('binary files are refused, hostile text is not', () => {
  const refused = (buf: Buffer) => {
    try {
      decodeSource(buf);
      return null;
    } catch (err) {
      assert.ok(err instanceof SourceError);
      return err.message;
    }
  };

  test('by signature, NUL bytes, or control bytes among non-UTF-8', () => {
    assert.equal(refused(fs.readFileSync(fixture('bad', 'image.py'))), 'not Python source: a PNG image');
    assert.equal(refused(fs.readFileSync(fixture('bad', 'program.py'))), 'not Python source: an ELF binary');
    assert.equal(refused(bytes([0xff, 0xfe], Buffer.from('x = 1\n', 'utf16le') as unknown as number[])), 'not Python source: UTF-16 text (Python source must be UTF-8 or an ASCII-compatible encoding)');
    assert.equal(refused(bytes('x = 1\n', [0], 'y = 2\n')), 'not Python source: a binary file (it contains NUL bytes)');
    const noise = Buffer.alloc(4096);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919 + 13) % 255 + 1;
    assert.equal(refused(noise), 'not Python source: a binary file (most of its bytes are not text)');
  });

  test('text with terminal escapes, bells and backspaces is reviewed (and shown escaped)', () => {
    assert.equal(refused(bytes(`# ${'\x1b[2J\x07\x08'.repeat(30)}\nx = 1\n`)), null);
    assert.equal(refused(bytes('MZ = 1\n')), null, 'a two-byte signature alone is not enough');
    assert.equal(refused(bytes('# Кириллица без объявления кодировки\n'.repeat(20)).map(b => (b >= 0x80 ? 0xd0 : b)) as Buffer), null, 'text in another encoding is not binary');
  });
});

describe('reading files', () => {
  test('a file over the limit, a folder, a named pipe and a device are refused without reading them', () => {
    const dir = tmpDir('pyvet-read-');
    const big = path.join(dir, 'big.py');
    fs.writeFileSync(big, 'x = 1\n'.repeat(100));
    assert.throws(() => readFileBounded(big, 100), {message: 'file too large (0.0 MB; pyvet reads files up to 0.0 MB)'});
    assert.equal(readFileBounded(big, 600).length, 600);
    assert.throws(() => readFileBounded(dir), {message: 'is a directory'});
    assert.throws(() => readFileBounded('/dev/zero'), {message: 'not a regular file (a device)'});
    const fifo = path.join(dir, 'pipe.py');
    if (spawnSync('mkfifo', [fifo]).status === 0) {
      const start = Date.now();
      assert.throws(() => readFileBounded(fifo), {message: 'not a regular file (a named pipe)'});
      assert.ok(Date.now() - start < 1000, 'no wait for a writer');
    }
    assert.throws(() => readFileBounded(path.join(dir, 'missing.py')), {message: 'no such file or directory'});
  });
});

describe('the parser', () => {
  test('indentation widths: spaces count 1, tabs 8, a form feed restarts, a continuation may restart', () => {
    assert.equal(indentationWidthCount(''), 0);
    assert.equal(indentationWidthCount('if x:\n    y = 1\n'), 1);
    assert.equal(indentationWidthCount('if x:\n\ty = 1\nif z:\n        w = 2\n'), 1, 'a tab is 8 columns');
    assert.equal(indentationWidthCount('if x:\n  \f  y = 1\n'), 1, 'the form feed restarts the count');
    assert.equal(indentationWidthCount('x = 1\n    \\\n  y\n'), 2, 'width 6 across the continuation, or 2 after it');
    assert.equal(indentationWidthCount('if x:\r\n    y = 1\r\n'), 1);
  });

  test(`more than ${MAX_INDENT_LEVELS} nested blocks are refused; ${MAX_INDENT_LEVELS} with 255 nested f-strings (the scanner's worst case) parse`, () => {
    const nest = (levels: number, inner: string) => {
      let s = '';
      for (let i = 0; i < levels; i++) s += `${' '.repeat(i)}if x:\n`;
      return `${s}${' '.repeat(levels)}${inner}\n`;
    };
    assert.throws(() => parsePython(nest(MAX_INDENT_LEVELS + 1, 'y = "s"')), (err: Error) => err instanceof SourceError && /^indented too deeply to parse safely/.test(err.message));
    let f = 'x';
    for (let k = 0; k < 255; k++) f = `f"{${f}}"`;
    // Without the guard, one level more aborts the whole process (tree-sitter's serialization assertion).
    const tree = parsePython(nest(MAX_INDENT_LEVELS, `y = ${f}`));
    assert.equal(tree.rootNode.hasError, false);
  });

  test('a walk up from deep inside nested code reaches the root through every enclosing node', () => {
    const tree = parsePython(`x = ${'f(['.repeat(300)}1${'])'.repeat(300)}\n`);
    const integer = tree.rootNode.descendantsOfType('integer')[0]!;
    const up: SyntaxNode[] = [];
    for (let n = integer.parent; n; n = n.parent) up.push(n);
    // 300 calls, 300 argument lists, 300 lists, the assignment, its statement, the module
    assert.equal(up.length, 903);
    assert.equal(up[up.length - 1], tree.rootNode);
    for (const n of up) assert.ok(n.startIndex <= integer.startIndex && n.endIndex >= integer.endIndex, `${n.type} holds the integer`);
  });

  test('1,000 nested calls are scanned in seconds (parent walks were cubic: minutes)', () => {
    const n = 1000;
    const src = `import yaml\nyaml.load(${'open('.repeat(n)}p${')'.repeat(n)})\n`;
    const start = Date.now();
    const ids = lineIds(scanSource(src));
    assert.ok(ids.includes('2 B506'));
    assert.ok(Date.now() - start < 15_000, `${Date.now() - start} ms`);
  });
});

describe('showing text', () => {
  const UNSAFE_RANGES: [number, number][] = [
    [0x00, 0x09],
    [0x0b, 0x1f],
    [0x7f, 0x9f],
    [0x061c, 0x061c],
    [0x200b, 0x200f],
    [0x202a, 0x202e],
    [0x2066, 0x2069],
    [0x2028, 0x2029],
    [0xfeff, 0xfeff],
  ];

  test('every control, bidi and invisible character of DESIGN.md becomes a visible escape', () => {
    for (const [lo, hi] of UNSAFE_RANGES) {
      for (let c = lo; c <= hi; c++) {
        const ch = String.fromCharCode(c);
        const out = escapeControls(`a${ch}b`);
        assert.ok(!out.includes(ch), `U+${c.toString(16)}`);
        assert.match(out, /^a(\\x[0-9a-f]{2}|\\t|<U\+[0-9A-F]{4}>)b$/, `U+${c.toString(16)}`);
      }
    }
    assert.equal(escapeControls('a\nb', {newlines: true}), 'a\nb');
    assert.equal(escapeControls('a\nb'), 'a\\x0ab');
    assert.equal(escapeControls('\ud800x'), '<U+FFFD>x', 'a lone surrogate');
    assert.equal(escapeControls('plain text, café, 日本, 😀 and `backticks`'), 'plain text, café, 日本, 😀 and `backticks`');
  });

  test('a 1 MB line costs what a short one does', () => {
    const line = `x = "${'\u4e00'.repeat(1 << 20)}"\x1b[2J`;
    const start = performance.now();
    const shown = truncate(displayLine(line, 4, 100), 100);
    assert.ok(width(shown) <= 100);
    assert.ok(shown.endsWith('…'));
    assert.equal(truncateStart(line, 40).length <= 41, true);
    assert.equal(wrap(line, 80, 2).length, 2);
    assert.ok(performance.now() - start < 200, `${Math.round(performance.now() - start)} ms`);
  });

  test('clip never splits a surrogate pair', () => {
    assert.equal(clip('ab😀cd', 3), 'ab…');
    assert.equal(clip('ab😀cd', 4), 'ab😀…');
    assert.equal(clip('abc', 3), 'abc');
  });
});
