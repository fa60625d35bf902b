/**
 * The test-code rule of review-checks.md: a file is test code when a path segment is
 * `test`, `tests` or `testing`, or its name is `test_*.py`, `*_test.py`,
 * `*_tests.py` or `conftest.py` — and, beyond the catalogue's list, Django's `tests.py`
 * (the module `manage.py startapp` creates for an app's tests).
 */
import type {CodeContext} from '../model/finding.js';

const TEST_DIRS = new Set(['test', 'tests', 'testing']);

export function isTestPath(path: string): boolean {
  const parts = path.split(/[\\/]/).filter(Boolean);
  const name = parts.pop() ?? '';
  if (parts.some(p => TEST_DIRS.has(p))) return true;
  return /^test_.*\.py$/.test(name) || /_tests?\.py$/.test(name) || name === 'conftest.py' || name === 'tests.py';
}

export function contextOf(path: string): CodeContext {
  return isTestPath(path) ? 'test' : 'production';
}
