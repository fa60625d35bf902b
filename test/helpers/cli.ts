import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {ROOT} from './paths.js';
import {tmpDir} from './tmp.js';

export const BIN = path.join(ROOT, 'bin', 'pyvet.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the built pyvet in `cwd` with its own conf folder (PYVET_CONFIG_DIR), no colour and a fixed date. */
export function runPyvet(args: readonly string[], opts: {cwd: string; conf: string; env?: Record<string, string>}): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd,
    encoding: 'utf8',
    input: '',
    env: {...process.env, PYVET_CONFIG_DIR: opts.conf, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1795608000', ...opts.env},
  });
  return {code: r.status, stdout: r.stdout, stderr: r.stderr};
}

/**
 * A project in a temporary folder: the given files (parent folders created), and a
 * pyproject.toml (empty unless given) so that the folder is the project root.
 */
export function tmpProject(files: Record<string, string>, prefix = 'pyvet-project-'): string {
  const dir = fs.realpathSync(tmpDir(prefix));
  const all = {'pyproject.toml': '', ...files};
  for (const [rel, text] of Object.entries(all)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), {recursive: true});
    fs.writeFileSync(p, text);
  }
  return dir;
}
