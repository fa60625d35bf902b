import {execFileSync, spawnSync} from 'node:child_process';
import {after} from 'node:test';

/** How the program runs in the pane: its working folder, extra environment, and the size. */
export interface TerminalOptions {
  columns?: number;
  rows?: number;
  cwd?: string;
  env?: Record<string, string>;
}

/**
 * A tmux server on a private socket with one session. Keys go in with send-keys; the
 * screen comes back with capture-pane. The server is killed when the test file ends.
 */
export class TmuxSession {
  private readonly socket = `pyvet-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  protected readonly session = 'e2e';

  constructor(protected readonly waitMs = 10_000) {
    if (spawnSync('tmux', ['-V']).status !== 0) throw new Error('tmux is needed for the terminal tests (apt-get install tmux)');
    after(() => this.close());
  }

  /**
   * Start `command` in a new session. The pane stays open after the program exits (its
   * last words and "[exit N]" can be read). `before` runs first in the same shell.
   */
  protected start(command: string, opts: TerminalOptions, defaults: {columns: number; rows: number}, before = ''): void {
    const env = Object.entries(opts.env ?? {})
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(' ');
    const script = `${before}cd ${JSON.stringify(opts.cwd ?? process.cwd())} && env ${env} ${command}; echo "[exit $?]"; sleep 600`;
    this.tmux('new-session', '-d', '-s', this.session, '-x', String(opts.columns ?? defaults.columns), '-y', String(opts.rows ?? defaults.rows), script);
  }

  protected tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], {encoding: 'utf8'});
  }

  /** Type keys: tmux key names (Enter, Escape, Down, C-r) or literal text with {literal: true}. */
  send(keys: string, opts: {literal?: boolean} = {}): void {
    this.tmux('send-keys', '-t', this.session, ...(opts.literal ? ['-l', keys] : [keys]));
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-t', this.session);
  }

  /** Wait until the screen matches, or fail with the last screen. */
  async waitFor(pattern: RegExp, timeoutMs = this.waitMs): Promise<string> {
    const start = Date.now();
    let last = '';
    while (Date.now() - start < timeoutMs) {
      last = this.screen();
      if (pattern.test(last)) return last;
      await new Promise(r => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${pattern}; the screen was:\n${last}`);
  }

  close(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }
}

/** A real terminal running `command`, 80×24 unless told otherwise. */
export class Terminal extends TmuxSession {
  constructor(command: string, opts: TerminalOptions = {}) {
    super();
    this.start(command, opts, {columns: 80, rows: 24});
  }
}
