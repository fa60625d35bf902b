/**
 * A short run of the fuzzer (`npm run fuzz` runs it for a minute), and the fuzzer's own
 * parts: the mutations do what they say, and its checks catch a bad location.
 */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {MUTATIONS, mutate, problems, prng, runFuzz} from '../../scripts/fuzz.js';
import type {FileResult} from '../../src/scan/scan-file.js';
import {tmpDir} from '../helpers/tmp.js';

const SEED = process.env.PYVET_FUZZ_SEED ? Number(process.env.PYVET_FUZZ_SEED) : 20261125;

test(`8 seconds of mutated fixtures: no throw, no failing check, every location inside its file (seed ${SEED})`, () => {
  const saveDir = tmpDir('pyvet-fuzz-');
  const log: string[] = [];
  const report = runFuzz({seed: SEED, seconds: 8, saveDir, log: line => log.push(line)});
  assert.deepEqual(report.failures, [], `fuzz seed ${SEED} (replay: PYVET_FUZZ_SEED=${SEED} npm run fuzz):\n${log.join('\n')}`);
  assert.ok(report.cases > 100, `only ${report.cases} cases in 8 s`);
  assert.ok(report.findings > 0);
});

describe('the fuzzer', () => {
  const input = Buffer.from('a = 1\nb = 2\nc = 3\n');

  test('is deterministic for a seed', () => {
    const a = prng(42);
    const b = prng(42);
    const xs = Array.from({length: 5}, () => a());
    assert.deepEqual(xs, Array.from({length: 5}, () => b()));
    assert.ok(xs.every(x => x >= 0 && x < 1));
    assert.notDeepEqual(xs, Array.from({length: 5}, prng(43)));
  });

  test('mutations: delete, duplicate and swap lines, insert bytes, truncate', () => {
    const lines = (b: Buffer) => b.toString('latin1').split('\n').filter(Boolean);
    const seen = new Set<string>();
    for (let seed = 0; seed < 50; seed++) {
      for (const kind of MUTATIONS) {
        const out = mutate(input, kind, prng(seed));
        seen.add(kind);
        switch (kind) {
          case 'delete-line':
            assert.ok(lines(out).length < 3 && lines(out).every(l => ['a = 1', 'b = 2', 'c = 3'].includes(l)));
            break;
          case 'duplicate-line':
            assert.ok(lines(out).length > 3);
            break;
          case 'swap-lines':
            assert.deepEqual(lines(out).sort(), ['a = 1', 'b = 2', 'c = 3']);
            break;
          case 'insert-bytes':
            assert.ok(out.length > input.length);
            break;
          case 'truncate':
            assert.ok(out.length <= input.length && input.subarray(0, out.length).equals(out));
            break;
        }
      }
    }
    assert.equal(seen.size, MUTATIONS.length);
  });

  test('flags a location outside the file, a failed check and a bad fingerprint', () => {
    const finding = {
      checkId: 'B101',
      title: 't',
      category: 'errors',
      severity: 'low',
      confidence: 'high',
      cwe: 703,
      path: 'x.py',
      line: 2,
      column: 9,
      endLine: 2,
      endColumn: 12,
      message: 'm',
      snippet: 's',
      fingerprint: 'not-hex',
      context: 'production',
    } as const;
    const result: FileResult = {path: 'x.py', absPath: '/x.py', lines: 2, parseErrors: 0, findings: [finding], warnings: [{line: 1, message: 'check B999 failed: boom'}]};
    const found = problems('a = 1\nb = 2\n', result, true);
    assert.equal(found.length, 3, found.join('\n'));
    assert.match(found.join('\n'), /check B999 failed/);
    assert.match(found.join('\n'), /B101 at 2:9-2:12: not a location inside the file/);
    assert.match(found.join('\n'), /fingerprint "not-hex"/);
  });
});
