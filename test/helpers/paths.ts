import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** The repository root, whether the test runs from test/ (tsx) or dist/test/ (built). */
export const ROOT = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json')) || dir.endsWith(`${path.sep}dist`)) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found');
    dir = up;
  }
  return dir;
})();

export const FIXTURES = path.join(ROOT, 'test', 'fixtures');

export function fixture(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}
