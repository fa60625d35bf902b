/**
 * The clean corpus: idiomatic, secure modules on which the whole catalogue must report
 * nothing. A finding here is a false positive of some check (or a corpus file that is not
 * as clean as it should be): the failure message lists them.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {fixture} from './helpers/paths.js';
import {scanSource} from './helpers/scan.js';

const CLEAN_DIR = fixture('clean');
const files = fs
  .readdirSync(CLEAN_DIR)
  .filter(f => f.endsWith('.py'))
  .sort();

describe('clean corpus', () => {
  test('has at least three modules', () => {
    assert.ok(files.length >= 3, `only ${files.length} modules in ${CLEAN_DIR}`);
  });

  for (const file of files) {
    test(`${file} gets no finding from any check`, () => {
      const source = fs.readFileSync(path.join(CLEAN_DIR, file), 'utf8');
      const findings = scanSource(source, {path: `app/${file}`}).filter(f => !f.suppressed);
      const listed = findings.map(f => `  ${f.path}:${f.line} ${f.checkId} ${f.title}: ${f.message}`).join('\n');
      assert.equal(findings.length, 0, `unexpected findings:\n${listed}`);
    });
  }
});
