/**
 * Scanning files on worker threads. Each worker has at most two files in flight, so the
 * queue (and the trees alive at once) stays bounded; results come back in any order and
 * are put back in request order.
 */
import {availableParallelism} from 'node:os';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';
import type {Target} from './discover.js';
import type {FileResult} from './scan-file.js';
import type {WorkerConfig, WorkerRequest} from './worker.js';

const IN_FLIGHT = 2;

/** The worker module beside this one (worker.ts under tsx, worker.js when built). */
function workerUrl(): URL {
  const self = fileURLToPath(import.meta.url);
  return new URL(self.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);
}

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Scan `targets` on `jobs` threads: `jobs - 1` workers and this thread, which takes files
 * from the same queue between handling the workers' results (one isolate fewer to start
 * and to feed). `scanHere` scans one file in this thread.
 */
export async function scanInWorkers(
  targets: readonly Target[],
  jobs: number,
  config: WorkerConfig,
  onResult: (index: number, result: FileResult) => void,
  scanHere: (target: Target) => FileResult,
  afterHere: (result: FileResult) => Promise<void>,
): Promise<void> {
  const count = Math.max(0, Math.min(jobs - 1, targets.length - 1));
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  let failed: Error | null = null;
  let finish: (() => void) | null = null;
  const allDone = new Promise<void>(resolve => {
    finish = resolve;
  });
  const settle = () => {
    if (done === targets.length) finish!();
  };
  const feed = (w: Worker) => {
    if (next >= targets.length) return;
    const seq = next++;
    const t = targets[seq]!;
    w.postMessage({seq, absPath: t.absPath, path: t.path} satisfies WorkerRequest);
  };
  try {
    for (let i = 0; i < count; i++) {
      // A modest heap per worker: collections come sooner and memory stays bounded.
      const w = new Worker(workerUrl(), {workerData: config, resourceLimits: {maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16}});
      workers.push(w);
      w.on('message', (msg: {seq: number; result: FileResult}) => {
        onResult(msg.seq, msg.result);
        done++;
        feed(w);
        settle();
      });
      w.on('error', err => {
        failed = err;
        finish!();
      });
      for (let k = 0; k < IN_FLIGHT; k++) feed(w);
    }
    // This thread's share: the next file in the queue, then a turn of the event loop so
    // that workers' results are taken and the workers fed again.
    while (next < targets.length && !failed) {
      const seq = next++;
      const r = scanHere(targets[seq]!);
      onResult(seq, r);
      done++;
      await afterHere(r);
    }
    settle();
    await allDone;
    if (failed) throw failed;
  } finally {
    await Promise.all(workers.map(w => w.terminate()));
  }
}
