/**
 * Shared pieces of the robustness tests: running the built CLI with its peak memory and
 * time measured, a tmux terminal whose raw output is recorded, and the test for raw
 * control characters.
 */
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {after} from 'node:test';
import {BIN} from '../helpers/cli.js';
import {tmpDir} from '../helpers/tmp.js';
import {TmuxSession, type TerminalOptions} from '../helpers/tmux.js';

export interface MeasuredRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Peak resident memory of the pyvet process (worker threads included), in MB. */
  readonly peakMB: number;
  readonly seconds: number;
}

// Preloaded into the pyvet process: writes its peak memory (KiB) when it exits.
const REPORT_RSS =
  'data:text/javascript,import fs from "node:fs";process.on("exit",()=>{if(process.env.PYVET_TEST_RSS)fs.writeFileSync(process.env.PYVET_TEST_RSS,String(process.resourceUsage().maxRSS))});';

/** Run the built pyvet (no colour, its own conf folder), measuring its peak memory and time. */
export function pyvet(args: readonly string[], opts: {cwd: string; conf: string; env?: Record<string, string>; input?: string; timeoutMs?: number}): MeasuredRun {
  const rssFile = path.join(opts.conf, `rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const start = Date.now();
  const r = spawnSync(process.execPath, ['--import', REPORT_RSS, BIN, ...args], {
    cwd: opts.cwd,
    encoding: 'utf8',
    input: opts.input ?? '',
    maxBuffer: 1 << 28,
    timeout: opts.timeoutMs ?? 300_000,
    env: {...process.env, PYVET_CONFIG_DIR: opts.conf, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1795608000', PYVET_TEST_RSS: rssFile, ...opts.env},
  });
  const seconds = (Date.now() - start) / 1000;
  let peakMB = NaN;
  try {
    peakMB = Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
    fs.rmSync(rssFile);
  } catch {
    // the process died before writing it
  }
  return {code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', peakMB, seconds};
}

/** A stack trace or an internal error in output meant for a user. */
export function assertNoStackTrace(text: string): void {
  assert.doesNotMatch(text, /^\s+at .+[:(]\d+:\d+\)?$/m, `a stack trace reached the user:\n${text.slice(0, 2000)}`);
  assert.doesNotMatch(text, /internal error|TypeError|RangeError|ReferenceError|Maximum call stack/, `an internal error reached the user:\n${text.slice(0, 2000)}`);
}

/**
 * Characters that must never reach a terminal or a written report raw: C0 controls but
 * line feed (and tab, where `tabs` says so), DEL, C1 controls, and the bidi and invisible
 * characters of DESIGN.md (U+202A–U+202E, U+2066–U+2069, U+200B–U+200F, U+061C, U+FEFF,
 * U+2028, U+2029).
 */
export function rawUnsafe(text: string, opts: {tabs?: boolean} = {}): string[] {
  const found = new Map<string, number>();
  // eslint-disable-next-line no-control-regex
  const re = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ufeff]|\t/g;
  for (const m of text.matchAll(re)) {
    if (m[0] === '\t' && opts.tabs) continue;
    const code = `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    if (!found.has(code)) found.set(code, m.index!);
  }
  return [...found].map(([code, at]) => `${code} at ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 30), at + 10))}`);
}

export function assertNoRawControls(text: string, what: string, opts: {tabs?: boolean} = {}): void {
  const bad = rawUnsafe(text, opts);
  assert.deepEqual(bad, [], `${what} holds raw control, bidi or invisible characters:\n${bad.join('\n')}`);
}

/**
 * A real terminal (tmux, private socket) whose every output byte is also recorded
 * (pipe-pane, attached before the program starts), with the screen readable with or
 * without its attributes, its title, and tmux's paste buffers (where OSC 52 would land).
 */
export class RecordedTerminal extends TmuxSession {
  readonly logFile: string;

  constructor(command: string, opts: TerminalOptions & {cwd: string}) {
    super(20_000);
    const dir = tmpDir('pyvet-rb-term-');
    this.logFile = path.join(dir, 'raw.log');
    const go = path.join(dir, 'go');
    // The program waits for the recording to be attached before it starts.
    this.start(command, opts, {columns: 100, rows: 30}, `while [ ! -e ${JSON.stringify(go)} ]; do sleep 0.05; done; `);
    // Let applications set the clipboard and the title, so that a leak would show.
    this.tmux('set-option', '-g', 'set-clipboard', 'on');
    this.tmux('pipe-pane', '-o', '-t', this.session, `cat >> ${JSON.stringify(this.logFile)}`);
    fs.writeFileSync(go, '');
  }

  /** The screen with its attributes as escape sequences (capture-pane -e). */
  screenWithEscapes(): string {
    return this.tmux('capture-pane', '-p', '-e', '-t', this.session);
  }

  title(): string {
    return this.tmux('display-message', '-p', '-t', this.session, '#{pane_title}').trim();
  }

  buffers(): string {
    return this.tmux('list-buffers');
  }

  /** Every byte the program wrote to the terminal so far. */
  raw(): string {
    try {
      return fs.readFileSync(this.logFile, 'utf8');
    } catch {
      return '';
    }
  }

  /** The pid of the program run in the pane (the shell's child). */
  programPid(name: RegExp): number | null {
    const shell = this.tmux('display-message', '-p', '-t', this.session, '#{pane_pid}').trim();
    const out = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', shell], {encoding: 'utf8'}).stdout;
    for (const line of out.split('\n')) {
      const m = /^\s*(\d+)\s+(.*)$/.exec(line);
      if (m && name.test(m[2]!)) return Number(m[1]);
    }
    return null;
  }
}
