/**
 * `--diff REV`: which lines changed since a git revision. A tracked file's changed lines
 * are the added or modified lines of `git diff -U0 REV` (the working tree against REV,
 * staged and unstaged changes alike); a file git does not track (untracked, or outside
 * the repository) counts as changed throughout. git runs through execFile, never a shell.
 */
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {promisify} from 'node:util';
import {UsageError} from '../usage-error.js';
import {toPosix} from './discover.js';

const run = promisify(execFile);

/** A finding's lines [line, endLine] overlap a change in its file. */
export interface ChangedLines {
  readonly revision: string;
  touches(absPath: string, line: number, endLine: number): boolean;
}

async function git(cwd: string, args: readonly string[]): Promise<string> {
  const {stdout} = await run('git', ['-c', 'core.quotepath=off', ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: {...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C'},
  });
  return stdout;
}

function gitMessage(err: unknown): string {
  const e = err as {stderr?: string; message?: string};
  return (e.stderr || e.message || String(err)).trim().split('\n')[0] ?? '';
}

/** Undo git's C-style quoting of a path ("a\tb", "\303\251"). */
export function unquoteGitPath(p: string): string {
  if (!p.startsWith('"') || !p.endsWith('"')) return p;
  const bytes: number[] = [];
  const body = p.slice(1, -1);
  const simple: Record<string, number> = {a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92};
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Added or modified line numbers per file (paths relative to the repository top) in `git diff -U0` output. */
export function parseUnifiedDiff(diff: string): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  let current: Set<number> | null = null;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const target = unquoteGitPath(line.slice(4).replace(/\t$/, ''));
      if (target === '/dev/null') {
        current = null;
        continue;
      }
      const rel = target.startsWith('b/') ? target.slice(2) : target;
      current = out.get(rel) ?? new Set();
      out.set(rel, current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      for (let n = start; n < start + count; n++) current.add(n);
    }
  }
  return out;
}

function real(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/** Read what changed since `revision` in the git repository holding `dir`; a clear UsageError otherwise. */
export async function changedLinesSince(revision: string, dir: string): Promise<ChangedLines> {
  if (!revision.trim() || revision.startsWith('-')) throw new UsageError(`--diff: '${revision}' is not a git revision`);
  let top: string;
  try {
    top = (await git(dir, ['rev-parse', '--show-toplevel'])).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError('--diff needs git, and git was not found on PATH');
    throw new UsageError(`--diff needs a git repository, and ${dir} is not in one (${gitMessage(err)})`);
  }
  try {
    await git(top, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]);
  } catch {
    throw new UsageError(`--diff: unknown git revision '${revision}'`);
  }
  let diff: string;
  let tracked: string;
  try {
    diff = await git(top, [
      'diff', '-U0', '--no-color', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/', revision, '--',
    ]);
    tracked = await git(top, ['ls-files', '-z']);
  } catch (err) {
    throw new UsageError(`--diff: git diff ${revision} failed: ${gitMessage(err)}`);
  }
  const changed = parseUnifiedDiff(diff);
  const inIndex = new Set(tracked.split('\0').filter(Boolean));
  const topReal = real(top);
  const relCache = new Map<string, string>();
  const relative = (absPath: string) => {
    let rel = relCache.get(absPath);
    if (rel === undefined) {
      rel = toPosix(path.relative(topReal, real(absPath)));
      relCache.set(absPath, rel);
    }
    return rel;
  };
  return {
    revision,
    touches(absPath, line, endLine) {
      const rel = relative(absPath);
      if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return true; // outside the repository: all new
      const lines = changed.get(rel);
      if (!lines) return !inIndex.has(rel); // untracked: new throughout; tracked and absent from the diff: unchanged
      for (let n = line; n <= Math.max(line, endLine); n++) if (lines.has(n)) return true;
      return false;
    },
  };
}
