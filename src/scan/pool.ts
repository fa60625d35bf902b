/**
 * Scanning files on worker threads. The files form one queue in shared memory: every
 * thread, this one included, claims the next file with an atomic increment, so no thread
 * waits for another to hand it work. Results come back in any order and are put back in
 * request order.
 */
import {availableParallelism} from 'node:os';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';
import type {Target} from './discover.js';
import type {FileResult} from './scan-file.js';
import type {WorkerConfig, WorkerData, WorkerMessage} from './worker.js';

/** The worker module beside this one (worker.ts under tsx, worker.js when built). */
function workerUrl(): URL {
  const self = fileURLToPath(import.meta.url);
  return new URL(self.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);
}

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** The queue shared by all threads: a counter of claimed files. */
export class SharedQueue {
  readonly counter: Int32Array;
  constructor(
    readonly length: number,
    buffer: SharedArrayBuffer = new SharedArrayBuffer(4),
  ) {
    this.counter = new Int32Array(buffer);
  }
  get buffer(): SharedArrayBuffer {
    return this.counter.buffer as SharedArrayBuffer;
  }
  /** The next unclaimed position, or -1 when the queue is empty. */
  claim(): number {
    const i = Atomics.add(this.counter, 0, 1);
    return i < this.length ? i : -1;
  }
  /** Claim nothing more (on failure). */
  close(): void {
    Atomics.store(this.counter, 0, this.length);
  }
}

/**
 * Scan `targets` on `jobs` threads: `jobs - 1` workers and this thread. `order` lists target
 * indices in the order they are taken (largest files first keeps the threads finishing
 * together). `scanHere` scans one file in this thread; `afterHere` lets the event loop turn.
 */
export async function scanInWorkers(
  targets: readonly Target[],
  order: readonly number[],
  jobs: number,
  config: WorkerConfig,
  onResult: (index: number, result: FileResult) => void,
  scanHere: (target: Target) => FileResult,
  afterHere: (result: FileResult) => Promise<void>,
): Promise<void> {
  const count = Math.max(0, Math.min(jobs - 1, targets.length - 1));
  const queue = new SharedQueue(order.length);
  let done = 0;
  const workers: Worker[] = [];
  let failed: Error | null = null;
  let finish: (() => void) | null = null;
  const allDone = new Promise<void>(resolve => {
    finish = resolve;
  });
  const settle = () => {
    if (done === targets.length || failed) finish!();
  };
  const data: WorkerData = {
    config,
    queue: queue.buffer,
    targets: order.map(i => ({seq: i, absPath: targets[i]!.absPath, path: targets[i]!.path})),
  };
  try {
    for (let i = 0; i < count; i++) {
      // A modest heap per worker: collections come sooner and memory stays bounded.
      const w = new Worker(workerUrl(), {workerData: data, resourceLimits: {maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16}});
      workers.push(w);
      w.on('message', (msg: WorkerMessage) => {
        onResult(msg.seq, msg.result);
        done++;
        settle();
      });
      w.on('error', err => {
        failed = err;
        queue.close();
        settle();
      });
    }
    // This thread's share, with a turn of the event loop after each file so that the
    // workers' results are taken as they come.
    for (let k = queue.claim(); k >= 0 && !failed; k = queue.claim()) {
      const seq = order[k]!;
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
