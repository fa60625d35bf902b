/**
 * Decisions in a JSON file inside the project (`--state FILE`, or `.pyvet-review.json` at
 * the project root), for a team that commits its review. The content is the conf store's,
 * but keyed by the project-relative path instead of the absolute one, so the file means
 * the same in every clone:
 *
 *   {"version": 1, "files": {"src/app.py": {"<fingerprint>": {"kind": "dismissed", ...}}}}
 *
 * Keys and entries are sorted so the file diffs cleanly. Every write takes the file's lock
 * (file-lock.ts), re-reads the file and changes only its own entry, and is atomic
 * (write-file-atomic), so two pyvet processes keep each other's decisions. A file that cannot be parsed is moved aside with
 * a message and a fresh one begins.
 */
import fs from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type {Decision} from '../model/finding.js';
import {describeFsError} from '../scan/source.js';
import {toPosix} from '../scan/discover.js';
import {UsageError} from '../usage-error.js';
import {withFileLock} from './file-lock.js';
import {ConfDecisionStore, sanitizeStored, toStored, type DecisionStore, type FileDecisions} from './store.js';

/** The state file `pyvet review` and `pyvet scan` pick up at the project root. */
export const STATE_FILE_NAME = '.pyvet-review.json';

export const STATE_FILE_VERSION = 1;

interface StateContent {
  version: number;
  files: Record<string, FileDecisions>;
}

type Listener = (message: string) => void;

export class JsonFileDecisionStore implements DecisionStore {
  readonly location: string;
  private cache: {stamp: string; content: StateContent} | null = null;

  /**
   * @param file the state file (created on the first decision)
   * @param root the project root: keys are paths relative to it
   */
  constructor(
    file: string,
    private readonly root: string,
    private readonly onWarning?: Listener,
  ) {
    this.location = path.resolve(file);
    this.read(); // report a corrupt file at once
  }

  /** The key of a file: its path relative to the project root, '/'-separated. */
  keyOf(absPath: string): string {
    return toPosix(path.relative(this.root, absPath)) || path.basename(absPath);
  }

  load(absPath: string): FileDecisions {
    const entry = this.read().files[this.keyOf(absPath)];
    return entry ? {...entry} : {};
  }

  put(absPath: string, fingerprint: string, decision: Decision, meta: {checkId: string; line: number}): void {
    // Under the file's lock, re-read: another process may have written since; only this one entry changes.
    withFileLock(this.location, () => {
      const content = this.read(true);
      this.cache = null;
      const key = this.keyOf(absPath);
      const current = {...(content.files[key] ?? {})};
      if (decision.kind === 'pending' && !decision.note) delete current[fingerprint];
      else current[fingerprint] = toStored(decision, meta);
      if (Object.keys(current).length === 0) delete content.files[key];
      else content.files[key] = current;
      this.write(content);
    });
  }

  private stamp(): string | null {
    try {
      const st = fs.statSync(this.location);
      return `${st.ino}:${st.size}:${st.mtimeMs}`;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new UsageError(`cannot read the review state ${this.location}: ${describeFsError(err)}`);
    }
  }

  /** The file's content (not to be changed), re-read when it changed on disk, and always when `fresh`. */
  private read(fresh = false): StateContent {
    const stamp = this.stamp();
    if (stamp === null) return {version: STATE_FILE_VERSION, files: {}};
    if (!fresh && this.cache?.stamp === stamp) return this.cache.content;
    let text: string;
    try {
      text = fs.readFileSync(this.location, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read the review state ${this.location}: ${describeFsError(err)}`);
    }
    let content: StateContent;
    try {
      content = parseState(text);
    } catch (err) {
      if (err instanceof UsageError) throw err;
      this.moveAside((err as Error).message);
      return {version: STATE_FILE_VERSION, files: {}};
    }
    this.cache = {stamp, content};
    return content;
  }

  private moveAside(why: string): void {
    const aside = `${this.location}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    this.cache = null;
    try {
      fs.renameSync(this.location, aside);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // another process moved it first
      throw err;
    }
    this.onWarning?.(`the review state ${this.location} could not be read (${why}); moved it to ${aside} and started a new one`);
  }

  private write(content: StateContent): void {
    const files: Record<string, FileDecisions> = {};
    for (const key of Object.keys(content.files).sort()) {
      const entry = content.files[key]!;
      files[key] = Object.fromEntries(Object.keys(entry).sort().map(fp => [fp, entry[fp]!]));
    }
    fs.mkdirSync(path.dirname(this.location), {recursive: true});
    writeFileAtomic.sync(this.location, `${JSON.stringify({version: STATE_FILE_VERSION, files}, null, 2)}\n`);
    this.cache = null;
  }
}

/** Parse a state file; throws a plain Error when it is corrupt, a UsageError when it is from a newer pyvet. */
export function parseState(text: string): StateContent {
  const data = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('not a JSON object');
  const o = data as {version?: unknown; files?: unknown};
  if (typeof o.version !== 'number') throw new Error('no "version"');
  if (o.version > STATE_FILE_VERSION) {
    throw new UsageError(`the review state was written by a newer pyvet (version ${o.version}); upgrade pyvet to use it`);
  }
  if (!o.files || typeof o.files !== 'object' || Array.isArray(o.files)) throw new Error('no "files" object');
  const files: Record<string, FileDecisions> = {};
  for (const [key, entry] of Object.entries(o.files as Record<string, unknown>)) {
    if (!entry || typeof entry !== 'object') continue;
    const decisions: FileDecisions = {};
    for (const [fp, d] of Object.entries(entry as Record<string, unknown>)) {
      const s = sanitizeStored(d);
      if (s) decisions[fp] = s;
    }
    files[key] = decisions;
  }
  return {version: STATE_FILE_VERSION, files};
}

export interface DecisionSource {
  readonly store: DecisionStore;
  /** For messages: where decisions are read and written. */
  readonly description: string;
}

/**
 * Where decisions live for a run: `--state FILE` when given, else `.pyvet-review.json`
 * at the project root when it exists, else the conf store.
 */
export function openDecisionStore(opts: {state?: string; root: string; cwd?: string; onWarning?: Listener}): DecisionSource {
  const cwd = opts.cwd ?? process.cwd();
  if (opts.state) {
    const file = path.resolve(cwd, opts.state);
    return {store: new JsonFileDecisionStore(file, opts.root, opts.onWarning), description: file};
  }
  const projectFile = path.join(opts.root, STATE_FILE_NAME);
  if (fs.existsSync(projectFile)) {
    return {store: new JsonFileDecisionStore(projectFile, opts.root, opts.onWarning), description: projectFile};
  }
  const store = new ConfDecisionStore(opts.onWarning);
  return {store, description: store.location};
}
