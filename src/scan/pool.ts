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

export async function scanInWorkers(
  targets: readonly Target[],
  jobs: number,
  config: WorkerConfig,
  onResult: (index: number, result: FileResult) => void,
): Promise<void> {
  const count = Math.max(1, Math.min(jobs, targets.length));
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  await new Promise<void>((resolve, reject) => {
    if (targets.length === 0) {
      resolve();
      return;
    }
    const feed = (w: Worker) => {
      if (next >= targets.length) return;
      const seq = next++;
      const t = targets[seq]!;
      w.postMessage({seq, absPath: t.absPath, path: t.path} satisfies WorkerRequest);
    };
    for (let i = 0; i < count; i++) {
      // A modest heap per worker: collections come sooner and memory stays bounded.
      const w = new Worker(workerUrl(), {workerData: config, resourceLimits: {maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16}});
      workers.push(w);
      w.on('message', (msg: {seq: number; result: FileResult}) => {
        onResult(msg.seq, msg.result);
        done++;
        if (done === targets.length) resolve();
        else feed(w);
      });
      w.on('error', reject);
      for (let k = 0; k < IN_FLIGHT; k++) feed(w);
    }
  }).finally(() => Promise.all(workers.map(w => w.terminate())));
}
