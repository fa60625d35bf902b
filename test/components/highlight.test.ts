import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {lineSegments} from '../../components/highlight.js';
import {scanText} from '../../src/scan/scan-file.js';
import {registry} from '../helpers/scan.js';

function scanned(source: string) {
  return scanText(registry.checkSet(['B602']), source, 'app.py', '/virtual/app.py', {keepSource: true});
}

describe('syntax highlighting of excerpts', () => {
  const source = [
    'import subprocess',
    '',
    '',
    'def deploy(target):  # ship it',
    '    subprocess.run("rsync " + target, shell=True)',
    '    return None',
    '',
  ].join('\n');

  test('the scan marks keywords, strings, comments, constants and called functions around findings', () => {
    const r = scanned(source);
    const lines = source.split('\n');
    const segs = (row: number) => lineSegments(lines, row, r.highlights, 80).map(s => `${s.kind ?? '-'}:${s.text}`);
    assert.deepEqual(segs(3), ['keyword:def', '-: ', 'function:deploy', '-:(target):  ', 'comment:# ship it']);
    assert.deepEqual(segs(4), ['-:    subprocess.', 'function:run', '-:(', 'string:"rsync "', '-: + target, shell=', 'constant:True', '-:)']);
    assert.deepEqual(segs(5), ['-:    ', 'keyword:return', '-: ', 'constant:None']);
  });

  test('nothing is highlighted without findings, and highlighting needs the source kept', () => {
    assert.deepEqual(scanned('x = 1\n').highlights, []);
    const r = scanText(registry.checkSet(['B602']), source, 'app.py', '/virtual/app.py');
    assert.equal(r.highlights, undefined);
  });

  test('segments are escaped and cut to the width', () => {
    const lines = ['x = "\x1b]52;c;ZXZpbA==\x07"\t# \u202e'];
    const text = lineSegments(lines, 0, undefined, 80).map(s => s.text).join('');
    assert.equal(text, 'x = "\\x1b]52;c;ZXZpbA==\\x07"    # <U+202E>', 'the tab stops at the next multiple of 4 columns as shown');
    const cut = lineSegments(['a'.repeat(1_000_000)], 0, undefined, 20).map(s => s.text).join('');
    assert.equal(cut, `${'a'.repeat(19)}…`);
  });
});
