// Runs the built tests (dist/test/**/*.test.js) with node's test runner.
// Usage: node scripts/run-tests.mjs [substring...]  — only test files whose path contains one of them.
import fs from 'node:fs';
import path from 'node:path';
import {spawnSync} from 'node:child_process';

const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const dir = path.join(root, 'dist', 'test');
const files = [];
(function walk(d) {
  for (const e of fs.readdirSync(d, {withFileTypes: true})) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'fixtures' && e.name !== 'helpers') walk(p);
    } else if (e.name.endsWith('.test.js')) files.push(p);
  }
})(dir);
const filters = process.argv.slice(2);
const selected = files.filter(f => filters.length === 0 || filters.some(s => f.includes(s))).sort();
if (selected.length === 0) {
  console.error('no test files found under dist/test (run npm run build first)');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--test', ...selected], {stdio: 'inherit', cwd: root});
process.exit(r.status ?? 1);
