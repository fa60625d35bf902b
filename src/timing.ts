/**
 * Opt-in timing for the benchmark (PYVET_TIMING=FILE): when pyvet drew its first frame,
 * and how long each key press took to show on screen. Lines of JSON appended to FILE.
 */
import fs from 'node:fs';

const file = process.env.PYVET_TIMING;
let keyAt = -1;
let first = true;

export const timingEnabled = !!file;

function write(record: Record<string, unknown>): void {
  if (file) fs.appendFileSync(file, `${JSON.stringify(record)}\n`);
}

/** A named moment since the process started (for finding where start-up time goes). */
export function mark(label: string): void {
  if (file) write({event: 'mark', label, ms: Math.round(performance.now())});
}

let reviewShown = false;

/** The review screen (not the progress screen) was drawn for the first time. */
export function markReviewShown(): void {
  if (!file || reviewShown) return;
  reviewShown = true;
  write({event: 'review-frame', ms: Math.round(performance.now())});
}

/** A key press arrived. */
export function markKey(): void {
  if (file && keyAt < 0) keyAt = performance.now();
}

/** Ink finished writing a frame. */
export function markRender(renderMs: number): void {
  if (!file) return;
  const now = performance.now();
  if (first) {
    first = false;
    // performance.now() counts from the start of the process.
    write({event: 'first-frame', ms: Math.round(now)});
  }
  if (keyAt >= 0) {
    write({event: 'key', ms: Number((now - keyAt).toFixed(2)), renderMs: Number(renderMs.toFixed(2))});
    keyAt = -1;
  }
}
