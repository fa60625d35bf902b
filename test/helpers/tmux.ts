import {execFileSync, spawnSync} from 'node:child_process';
import {after} from 'node:test';

/**
 * A real terminal: a tmux session on a private socket, 80×24 unless told otherwise.
 * Keys go in with send-keys; the screen comes back with capture-pane.
 */
export class Terminal {
  private readonly socket = `pyvet-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private readonly session = 'e2e';

  constructor(command: string, opts: {columns?: number; rows?: number; cwd?: string; env?: Record<string, string>} = {}) {
    const have = spawnSync('tmux', ['-V'], {encoding: 'utf8'});
    if (have.status !== 0) throw new Error('tmux is needed for the end-to-end test (apt-get install tmux)');
    const env = Object.entries(opts.env ?? {})
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(' ');
    // Keep the pane open after the program exits so its last words can be read.
    const script = `cd ${JSON.stringify(opts.cwd ?? process.cwd())} && env ${env} ${command}; echo "[exit $?]"; sleep 600`;
    this.tmux('new-session', '-d', '-s', this.session, '-x', String(opts.columns ?? 80), '-y', String(opts.rows ?? 24), script);
    after(() => this.close());
  }

  private tmux(...args: string[]): string {
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
  async waitFor(pattern: RegExp, timeoutMs = 10_000): Promise<string> {
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
