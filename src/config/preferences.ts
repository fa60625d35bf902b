/**
 * `pyvet config get|set|unset|list`: the user's preferences in the conf store (see
 * src/review/store.ts). Every value is checked before it is stored.
 */
import fs from 'node:fs';
import path from 'node:path';
import {hasUnsafe} from '../report/safe-text.js';
import {openPreferences} from '../review/store.js';
import {UsageError} from '../usage-error.js';

export const PREFERENCE_KEYS = ['reviewer', 'contextLines', 'saveDir'] as const;
export type PreferenceKey = (typeof PREFERENCE_KEYS)[number];

interface PreferenceSpec {
  readonly description: string;
  /** What applies when the setting is absent. */
  readonly unset: string;
  /** The value to store, or a UsageError. */
  parse(value: string, cwd: string): string | number;
}

export const CONTEXT_LINES_DEFAULT = 2;

export const PREFERENCES: Readonly<Record<PreferenceKey, PreferenceSpec>> = {
  reviewer: {
    description: 'the name in saved reviews',
    unset: 'git config user.name, else the OS user name',
    parse(value) {
      const name = value.trim();
      if (!name) throw new UsageError('reviewer: give a name (pyvet config unset reviewer goes back to the default)');
      if (hasUnsafe(name) || /[\n\t]/.test(name)) throw new UsageError('reviewer: a name on one line, without control characters');
      if (name.length > 200) throw new UsageError('reviewer: at most 200 characters');
      return name;
    },
  },
  contextLines: {
    description: 'lines of source shown around a finding in the review (0-10)',
    unset: String(CONTEXT_LINES_DEFAULT),
    parse(value) {
      const v = value.trim();
      if (!/^\d+$/.test(v) || Number(v) > 10) throw new UsageError(`contextLines: a whole number from 0 to 10, not '${value}'`);
      return Number(v);
    },
  },
  saveDir: {
    description: 'the folder where s saves the Markdown review',
    unset: 'the current folder',
    parse(value, cwd) {
      if (!value.trim()) throw new UsageError('saveDir: give a folder (pyvet config unset saveDir goes back to the default)');
      const dir = path.resolve(cwd, value);
      let st: fs.Stats;
      try {
        st = fs.statSync(dir);
      } catch {
        throw new UsageError(`saveDir: ${dir} does not exist`);
      }
      if (!st.isDirectory()) throw new UsageError(`saveDir: ${dir} is not a folder`);
      return dir;
    },
  },
};

/** The canonical key for what the user typed (case and `-`/`_` are forgiven), or a UsageError. */
export function preferenceKey(input: string): PreferenceKey {
  const norm = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  const key = PREFERENCE_KEYS.find(k => norm(k) === norm(input));
  if (!key) throw new UsageError(`unknown setting '${input}' (settings: ${PREFERENCE_KEYS.join(', ')})`);
  return key;
}

type Listener = (message: string) => void;

export function getPreference(key: PreferenceKey, onWarning?: Listener): string | number | undefined {
  const value = openPreferences(onWarning).get(key) as unknown;
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}

export function setPreference(key: PreferenceKey, value: string, opts: {cwd?: string; onWarning?: Listener} = {}): string | number {
  const parsed = PREFERENCES[key].parse(value, opts.cwd ?? process.cwd());
  openPreferences(opts.onWarning).set(key, parsed);
  return parsed;
}

export function unsetPreference(key: PreferenceKey, onWarning?: Listener): void {
  openPreferences(onWarning).delete(key);
}

/** Where preferences are stored. */
export function preferencesLocation(onWarning?: Listener): string {
  return openPreferences(onWarning).path;
}
