import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after} from 'node:test';

/** A fresh temporary folder, removed when the test file ends. */
export function tmpDir(prefix = 'pyvet-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  after(() => fs.rmSync(dir, {recursive: true, force: true}));
  return dir;
}

/** Point the conf store at a fresh temporary folder for this test file. */
export function useTempConfig(): string {
  const dir = tmpDir('pyvet-conf-');
  process.env.PYVET_CONFIG_DIR = dir;
  return dir;
}
