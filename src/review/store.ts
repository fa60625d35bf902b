/**
 * Where decisions live between sessions: a conf store (in PYVET_CONFIG_DIR when set,
 * else the user's config folder), keyed by the reviewed file's absolute path and the
 * finding's fingerprint. conf reads the file on every access and writes it atomically
 * (a temporary file renamed over it), so each change is on disk at once, a second pyvet
 * process sees it, and a kill -9 at any moment leaves the old or the new store, never a
 * mix. Each change is a read-modify-write under a lock file (file-lock.ts), so two
 * processes writing at once keep each other's decisions. A store that cannot be parsed —
 * when opened or later — is moved aside with a message and a fresh one begins.
 */
import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import {describeFsError} from '../scan/source.js';
import {UsageError} from '../usage-error.js';
import {withFileLock} from './file-lock.js';
import type {Decision, DismissReason} from '../model/finding.js';
import {DISMISS_REASONS} from '../model/finding.js';

export interface StoredDecision {
  readonly kind: 'accepted' | 'dismissed' | 'pending';
  readonly reason?: DismissReason;
  readonly note?: string;
  /** For humans reading the store, and for "no longer matches" messages. */
  readonly checkId?: string;
  readonly line?: number;
  readonly updated?: string;
}

export type FileDecisions = Record<string, StoredDecision>;

/** Folder of the conf stores: PYVET_CONFIG_DIR, else conf's per-user default. */
export function configDir(): string | undefined {
  const dir = process.env.PYVET_CONFIG_DIR;
  return dir && dir.trim() ? path.resolve(dir) : undefined;
}

type Listener = (message: string) => void;

/** Open a conf store; a corrupt file is moved aside (with a message) and a fresh store begins. */
export function openConf<T extends Record<string, unknown>>(configName: string, onWarning?: Listener): Conf<T> {
  const cwd = configDir();
  const make = () =>
    new Conf<T>({
      projectName: 'pyvet',
      projectSuffix: '',
      configName,
      ...(cwd ? {cwd} : {}),
      accessPropertiesByDotNotation: false,
    });
  let conf: Conf<T>;
  try {
    conf = make();
    void conf.store; // reading parses the file
    return conf;
  } catch (err) {
    const file = cwd ? path.join(cwd, `${configName}.json`) : undefined;
    const target = file ?? (err as {path?: string}).path;
    if (target && isParseError(err) && fs.existsSync(target)) {
      moveAside(target, err, onWarning);
      return make();
    }
    // Not a damaged file but one that cannot be read or written (permissions, a folder in its place).
    throw new UsageError(`cannot use the store ${target ?? configName}: ${describeFsError(err)}`);
  }
}

/** Move an unreadable store out of the way, keeping it for the user to look at. */
export function moveAside(file: string, err: unknown, onWarning?: Listener): void {
  const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    fs.renameSync(file, aside);
  } catch (renameErr) {
    if ((renameErr as NodeJS.ErrnoException).code === 'ENOENT') return; // another process moved it
    throw renameErr;
  }
  onWarning?.(`the store ${file} could not be read (${(err as Error).message}); moved it to ${aside} and started a new one`);
}

/** Whether an error is conf's report of a file it could not parse (not an I/O error). */
function isParseError(err: unknown): boolean {
  const e = err as Error;
  return e instanceof SyntaxError || /schema violation|decrypt/i.test(e?.message ?? '');
}

/** A stored decision read back from disk, or null when the entry is not a decision. */
export function sanitizeStored(d: unknown): StoredDecision | null {
  if (!d || typeof d !== 'object') return null;
  const o = d as Record<string, unknown>;
  if (o.kind !== 'accepted' && o.kind !== 'dismissed' && o.kind !== 'pending') return null;
  const reason = DISMISS_REASONS.includes(o.reason as DismissReason) ? (o.reason as DismissReason) : undefined;
  return {
    kind: o.kind,
    ...(o.kind === 'dismissed' ? {reason: reason ?? 'false-positive'} : {}),
    ...(typeof o.note === 'string' && o.note ? {note: o.note} : {}),
    ...(typeof o.checkId === 'string' ? {checkId: o.checkId} : {}),
    ...(typeof o.line === 'number' ? {line: o.line} : {}),
    ...(typeof o.updated === 'string' ? {updated: o.updated} : {}),
  };
}

export interface DecisionStore {
  load(absPath: string): FileDecisions;
  /** Record one decision; `pending` without a note removes the entry. */
  put(absPath: string, fingerprint: string, decision: Decision, meta: {checkId: string; line: number}): void;
  readonly location: string;
}

export class ConfDecisionStore implements DecisionStore {
  private readonly conf: Conf<Record<string, FileDecisions>>;

  constructor(private readonly onWarning?: Listener) {
    this.conf = openConf<Record<string, FileDecisions>>('reviews', onWarning);
  }

  get location(): string {
    return this.conf.path;
  }

  /** conf's entry for a file; a store damaged since it was opened is moved aside (and reads as empty). */
  private entry(absPath: string): unknown {
    try {
      return this.conf.get(absPath) as unknown;
    } catch (err) {
      if (!isParseError(err)) throw err;
      moveAside(this.conf.path, err, this.onWarning);
      return undefined;
    }
  }

  load(absPath: string): FileDecisions {
    const raw = this.entry(absPath);
    const out: FileDecisions = {};
    if (!raw || typeof raw !== 'object') return out;
    for (const [fp, d] of Object.entries(raw as Record<string, unknown>)) {
      const s = sanitizeStored(d);
      if (s) out[fp] = s;
    }
    return out;
  }

  put(absPath: string, fingerprint: string, decision: Decision, meta: {checkId: string; line: number}): void {
    // Read-modify-write of this file's entry only, under the store's lock: conf re-reads
    // the store first, so another process's decisions (on any file) are kept.
    withFileLock(this.conf.path, () => {
      const raw = this.entry(absPath);
      const current: Record<string, unknown> = raw && typeof raw === 'object' && !Array.isArray(raw) ? {...(raw as object)} : {};
      if (decision.kind === 'pending' && !decision.note) delete current[fingerprint];
      else current[fingerprint] = toStored(decision, meta);
      if (Object.keys(current).length === 0) this.conf.delete(absPath);
      else this.conf.set(absPath, current as FileDecisions);
    });
  }
}

export function toStored(decision: Decision, meta: {checkId: string; line: number}): StoredDecision {
  return {
    kind: decision.kind,
    ...(decision.kind === 'dismissed' ? {reason: decision.reason ?? 'false-positive'} : {}),
    ...(decision.note ? {note: decision.note} : {}),
    checkId: meta.checkId,
    line: meta.line,
    updated: new Date().toISOString(),
  };
}

export function fromStored(s: StoredDecision): Decision {
  return {
    kind: s.kind,
    ...(s.kind === 'dismissed' ? {reason: s.reason ?? 'false-positive'} : {}),
    ...(s.note ? {note: s.note} : {}),
  };
}

/** User preferences (reviewer name, context lines, save folder). */
export interface Preferences {
  reviewer?: string;
  contextLines?: number;
  saveDir?: string;
}

export function openPreferences(onWarning?: Listener): Conf<Record<string, unknown>> {
  return openConf<Record<string, unknown>>('config', onWarning);
}

export function readPreferences(onWarning?: Listener): Preferences {
  try {
    const c = openPreferences(onWarning);
    const store = c.store as Record<string, unknown>;
    return {
      ...(typeof store.reviewer === 'string' ? {reviewer: store.reviewer} : {}),
      ...(Number.isInteger(store.contextLines) && (store.contextLines as number) >= 0 && (store.contextLines as number) <= 10
        ? {contextLines: store.contextLines as number}
        : {}),
      ...(typeof store.saveDir === 'string' ? {saveDir: store.saveDir} : {}),
    };
  } catch {
    return {};
  }
}
