/**
 * Every rule against its fixture, test/fixtures/checks/<slug>.py. A line that ends with
 * `# expect: B602` (ids comma-separated, repeated for two findings of one id) must get
 * exactly those findings of the rule under test; every other line must get none — near
 * misses are marked `# ok` to say they are there on purpose. Known gaps say
 * `# todo-expect: B602` and are not asserted.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {checkFiles, checks} from '../checks/index.js';
import {THEMES} from '../src/model/finding.js';
import {fixture, ROOT} from './helpers/paths.js';
import {registry, scanSource} from './helpers/scan.js';

const FIXTURE_DIR = fixture('checks');
const only = process.env.PYVET_CHECK?.split(',').map(s => s.trim().toUpperCase());

function expectations(source: string, id: string, marker: 'expect' | 'todo-expect'): string[] {
  const out: string[] = [];
  const re = new RegExp(`#\\s*${marker}:\\s*([A-Z0-9, ]+)\\s*$`);
  source.split('\n').forEach((line, i) => {
    const m = re.exec(line.replace(/\r$/, ''));
    if (!m) return;
    for (const tok of m[1]!.split(',').map(s => s.trim())) if (tok === id) out.push(`${i + 1} ${id}`);
  });
  return out.sort();
}

function diff(expected: string[], actual: string[]): string {
  const missing = expected.filter(x => !actual.includes(x));
  const unexpected = actual.filter(x => !expected.includes(x));
  const lines: string[] = [];
  if (missing.length) lines.push(`missing (expected, not reported): ${missing.join(', ')}`);
  if (unexpected.length) lines.push(`unexpected (reported, not expected): ${unexpected.join(', ')}`);
  if (!missing.length && !unexpected.length) lines.push('same lines, different counts');
  return lines.join('\n');
}

describe('checks against their fixtures', () => {
  for (const rule of registry.rules) {
    if (only && !only.includes(rule.id)) continue;
    test(`${rule.id} ${rule.slug}`, () => {
      const file = path.join(FIXTURE_DIR, `${rule.slug}.py`);
      assert.ok(fs.existsSync(file), `no fixture ${path.relative(ROOT, file)}`);
      const source = fs.readFileSync(file, 'utf8');
      const expected = expectations(source, rule.id, 'expect');
      const todo = new Set(expectations(source, rule.id, 'todo-expect'));
      const actual = scanSource(source, {path: `${rule.slug}.py`, select: [rule.id]})
        .filter(f => f.checkId === rule.id && !f.suppressed)
        .map(f => `${f.line} ${f.checkId}`)
        .filter(x => !todo.has(x))
        .sort();
      assert.deepEqual(actual, expected, `${rule.id} on ${rule.slug}.py:\n${diff(expected, actual)}`);
    });
  }
});

describe('check registry', () => {
  test('ids and slugs are unique', () => {
    const ids = registry.rules.map(r => r.id);
    const slugs = registry.rules.map(r => r.slug);
    assert.deepEqual(ids.filter((x, i) => ids.indexOf(x) !== i), []);
    assert.deepEqual(slugs.filter((x, i) => slugs.indexOf(x) !== i), []);
  });

  test('every rule has complete metadata and docs', () => {
    for (const r of registry.rules) {
      assert.match(r.id, /^[BR]\d{3}$/, `${r.id}: id shape`);
      assert.match(r.slug, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${r.id}: slug is kebab-case`);
      assert.ok(THEMES.includes(r.category), `${r.id}: theme ${r.category}`);
      assert.match(r.title, /^[^A-Z]/, `${r.id}: title starts lower case: ${r.title}`);
      assert.ok(r.title.length <= 60, `${r.id}: title is short: ${r.title}`);
      assert.ok(Number.isInteger(r.cwe) && r.cwe > 0, `${r.id}: cwe`);
      for (const k of ['what', 'why', 'example', 'fix'] as const) {
        assert.ok(r.docs[k].trim().length > 10, `${r.id}: docs.${k} is empty`);
      }
      if (r.id.startsWith('B')) assert.ok(r.banditName, `${r.id}: Bandit name missing`);
    }
  });

  test('each rule has one fixture with positives and near misses, and no fixture is orphaned', () => {
    const slugs = new Set(registry.rules.map(r => r.slug));
    const files = fs.readdirSync(FIXTURE_DIR).filter(f => f.endsWith('.py'));
    assert.deepEqual(files.filter(f => !slugs.has(f.replace(/\.py$/, ''))), [], 'orphan fixtures');
    for (const r of registry.rules) {
      const file = path.join(FIXTURE_DIR, `${r.slug}.py`);
      if (!fs.existsSync(file)) continue; // reported by the fixture test
      const src = fs.readFileSync(file, 'utf8');
      const positives = expectations(src, r.id, 'expect').length;
      const nearMisses = src.split('\n').filter(l => /#\s*ok\b/.test(l)).length;
      const want = r.perFile ? 1 : 3;
      assert.ok(positives >= want, `${r.slug}.py: ${positives} positive cases for ${r.id}, want at least ${want}`);
      assert.ok(nearMisses >= 2, `${r.slug}.py: ${nearMisses} near misses marked # ok, want at least 2`);
    }
  });

  test('checks/index.ts lists every check module', () => {
    const files = fs
      .readdirSync(path.join(ROOT, 'checks'))
      .filter(f => f.endsWith('.ts') && f !== 'index.ts')
      .map(f => f.replace(/\.ts$/, ''))
      .sort();
    assert.deepEqual([...checkFiles], files, 'run: node scripts/gen-check-index.mjs');
  });

  test('a single-rule module is named after its rule', () => {
    // checkFiles and checks are in the same order.
    checks.forEach((c, i) => {
      if (c.rules.length === 1) assert.equal(c.rules[0]!.slug, checkFiles[i], `checks/${checkFiles[i]}.ts defines ${c.rules[0]!.id}`);
    });
  });
});
