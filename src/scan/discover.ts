/**
 * Which files a scan covers. Files named on the command line are always scanned; folders
 * are walked for `*.py` and `*.pyw`, honouring `.gitignore` files (at the project root and
 * in every folder), `--exclude` globs, and the usual tool and environment folders.
 */
import fs from 'node:fs';
import path from 'node:path';
import ignore, {type Ignore} from 'ignore';
import picomatch from 'picomatch';
import {describeFsError} from './source.js';

export interface Target {
  readonly absPath: string;
  /** Relative to the project root, '/'-separated. */
  readonly path: string;
}

export interface DiscoverResult {
  readonly targets: Target[];
  readonly errors: {path: string; message: string}[];
  readonly root: string;
}

/** Folders no Python review wants: VCS data, caches, virtual environments, build output. */
export const DEFAULT_EXCLUDED_DIRS: ReadonlySet<string> = new Set([
  '.bzr',
  '.direnv',
  '.eggs',
  '.git',
  '.hg',
  '.mypy_cache',
  '.nox',
  '.pytest_cache',
  '.ruff_cache',
  '.svn',
  '.tox',
  '.venv',
  '__pycache__',
  '__pypackages__',
  'node_modules',
  'site-packages',
  'venv',
]);

const PY_FILE = /\.pyw?$/;

/** The project root of a folder: the nearest ancestor with .git or pyproject.toml, else the folder itself. */
export function projectRoot(start: string): string {
  return markedProject(start) ?? path.resolve(start);
}

/** The nearest folder at or above `start` with a .git or pyproject.toml, or null. */
function markedProject(start: string): string | null {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, '.git')) || fs.existsSync(path.join(dir, 'pyproject.toml'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

function isInside(dir: string, abs: string): boolean {
  const rel = path.relative(dir, abs);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** A path relative to `base` when it is inside it; otherwise relative to the file's own project. */
export function relativePath(base: string, absPath: string): string {
  const rel = path.relative(base, absPath);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return toPosix(rel);
  const own = projectRoot(path.dirname(absPath));
  return toPosix(path.relative(own, absPath)) || path.basename(absPath);
}

/**
 * What the paths of files found under a named path are relative to: the project root when
 * the path is inside it; else the project the path belongs to (a .git or pyproject.toml
 * above it); else the named folder itself (a file named alone: its folder). Paths then stay
 * distinct (two __init__.py files never share a name) and stable from one run to the next.
 */
function baseFor(root: string, abs: string, isDir: boolean): string {
  if (isInside(root, abs)) return root;
  return markedProject(isDir ? abs : path.dirname(abs)) ?? (isDir ? abs : path.dirname(abs));
}

/**
 * A matcher for root-relative '/'-separated paths: a glob matches a path or any folder above it;
 * `tests`, `./tests` and `tests/` are the same folder, and a bare name matches at any depth.
 */
export function compileExcludes(globs: readonly string[]): (rel: string) => boolean {
  if (globs.length === 0) return () => false;
  const patterns = globs.flatMap(g => {
    let p = toPosix(g.trim()).replace(/^\.\//, '').replace(/\/+$/, '');
    if (!p) return [];
    const anchored = p.startsWith('/');
    if (anchored) p = p.slice(1);
    const base = anchored || p.includes('/') ? [p] : [p, `**/${p}`];
    return base.flatMap(b => [b, `${b}/**`]);
  });
  const isMatch = picomatch(patterns, {dot: true});
  return rel => isMatch(rel);
}

/** Entry names of a folder that are not valid UTF-8, as Node shows them (with U+FFFD). */
function undecodableNames(dir: string): Set<string> {
  const out = new Set<string>();
  try {
    for (const raw of fs.readdirSync(dir, {encoding: 'buffer'})) {
      const name = raw.toString('utf8');
      if (!Buffer.from(name, 'utf8').equals(raw)) out.add(name);
    }
  } catch {
    // listed a moment ago: leave it to the walk
  }
  return out;
}

function brokenLink(err: unknown): string {
  return (err as NodeJS.ErrnoException)?.code === 'ELOOP' ? 'a loop of symbolic links' : `broken symbolic link (${describeFsError(err)})`;
}

interface IgnoreLayer {
  readonly dir: string;
  readonly ig: Ignore;
}

function readGitignore(dir: string): Ignore | null {
  try {
    const text = fs.readFileSync(path.join(dir, '.gitignore'), 'utf8');
    return ignore().add(text);
  } catch {
    return null;
  }
}

function ignoredBy(layers: readonly IgnoreLayer[], abs: string, isDir: boolean): boolean {
  for (const l of layers) {
    const rel = toPosix(path.relative(l.dir, abs));
    if (!rel || rel.startsWith('..')) continue;
    if (l.ig.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

export function discover(paths: readonly string[], opts: {cwd?: string; exclude?: readonly string[]} = {}): DiscoverResult {
  const cwd = opts.cwd ?? process.cwd();
  const root = projectRoot(cwd);
  const excluded = compileExcludes(opts.exclude ?? []);
  const targets: Target[] = [];
  const errors: {path: string; message: string}[] = [];
  const seen = new Set<string>();

  // A linked folder is followed only when it stays inside the base of the named path.
  const insideBase = (abs: string): boolean => {
    try {
      return isInside(fs.realpathSync(base), fs.realpathSync(abs));
    } catch {
      return false;
    }
  };

  // Set for each named path (see baseFor).
  let base = root;
  const add = (abs: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    targets.push({absPath: abs, path: relativePath(base, abs)});
  };

  const walk = (dir: string, layers: IgnoreLayer[], visited: Set<string>) => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (err) {
      errors.push({path: relativePath(base, dir), message: describeFsError(err)});
      return;
    }
    if (visited.has(real)) return; // a symlink loop
    visited.add(real);
    const own = readGitignore(dir);
    const here = own ? [...layers, {dir, ig: own}] : layers;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, {withFileTypes: true});
    } catch (err) {
      errors.push({path: relativePath(base, dir), message: describeFsError(err)});
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const undecodable = entries.some(e => e.name.includes('\ufffd')) ? undecodableNames(dir) : null;
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      if (undecodable?.has(e.name)) {
        // Node opens files by UTF-8 names: a name that is not UTF-8 cannot be opened (it would read as missing).
        if (e.isDirectory() || PY_FILE.test(e.name)) {
          errors.push({path: relativePath(base, abs), message: `its name is not valid UTF-8, which pyvet cannot open (rename it to review it)`});
        }
        continue;
      }
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = fs.statSync(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (err) {
          // A broken link: report it only when it would have been a Python file.
          if (PY_FILE.test(e.name)) errors.push({path: relativePath(base, abs), message: brokenLink(err)});
          continue;
        }
        // A linked folder is walked only when it stays inside the project: a link to / or
        // to a home folder in a reviewed tree must not send the walk across the machine.
        if (isDir && !insideBase(abs)) continue;
      }
      const rel = relativePath(base, abs);
      if (isDir) {
        if (DEFAULT_EXCLUDED_DIRS.has(e.name) || excluded(rel) || ignoredBy(here, abs, true)) continue;
        walk(abs, here, visited);
      } else if (isFile && PY_FILE.test(e.name)) {
        if (excluded(rel) || ignoredBy(here, abs, false)) continue;
        add(abs);
      }
    }
  };

  // .gitignore files between the project root and a walked folder apply too.
  const ancestorsLayers = (dir: string): IgnoreLayer[] => {
    const layers: IgnoreLayer[] = [];
    const rel = path.relative(root, dir);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return layers;
    let d = root;
    const parts = rel ? rel.split(path.sep) : [];
    for (let i = 0; i <= parts.length - 1; i++) {
      const ig = readGitignore(d);
      if (ig) layers.push({dir: d, ig});
      d = path.join(d, parts[i]!);
    }
    return layers;
  };

  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (err) {
      let link = false;
      try {
        link = fs.lstatSync(abs).isSymbolicLink();
      } catch {
        // not there at all
      }
      errors.push({path: p, message: link ? brokenLink(err) : describeFsError(err)});
      continue;
    }
    base = baseFor(root, abs, st.isDirectory());
    if (st.isDirectory()) {
      // A folder named on the command line is reviewed even when a .gitignore above it
      // ignores it (a build or vendored folder asked for by name); .gitignore files inside it still apply.
      const layers = ancestorsLayers(abs);
      walk(abs, ignoredBy(layers, abs, true) ? [] : layers, new Set());
    } else add(abs); // named files are always reviewed, whatever their name (reading says if it is not a file)
  }
  return {targets, errors, root};
}
