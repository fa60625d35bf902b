/**
 * A scan worker thread: it loads the checks once, then claims files from the queue it
 * shares with the other threads until none is left, posting each file's result back.
 */
import {parentPort, workerData} from 'node:worker_threads';
import {checks} from '../../checks/index.js';
import {Registry} from './registry.js';
import {TreeBudget} from './memory.js';
import {SharedQueue} from './pool.js';
import {scanFile, type FileResult} from './scan-file.js';

export interface WorkerConfig {
  readonly select: readonly string[];
  readonly ignore: readonly string[];
  readonly suppressions: boolean;
  readonly keepSource: boolean;
}

export interface WorkerData {
  readonly config: WorkerConfig;
  /** The claim counter of a SharedQueue over `targets`. */
  readonly queue: SharedArrayBuffer;
  /** In the order they are claimed; `seq` is the file's place in the scan's results. */
  readonly targets: readonly {seq: number; absPath: string; path: string}[];
}

export interface WorkerMessage {
  readonly seq: number;
  readonly result: FileResult;
}

const {config, queue: buffer, targets} = workerData as WorkerData;
const set = new Registry(checks).checkSet(config.select, config.ignore);
const budget = new TreeBudget();
const queue = new SharedQueue(targets.length, buffer);

async function run(): Promise<void> {
  for (let k = queue.claim(); k >= 0; k = queue.claim()) {
    const t = targets[k]!;
    let result: FileResult;
    try {
      result = scanFile(set, t.absPath, t.path, {keepSource: config.keepSource, suppressions: config.suppressions});
    } catch (err) {
      result = {path: t.path, absPath: t.absPath, lines: 0, parseErrors: 0, findings: [], warnings: [], error: `internal error: ${(err as Error).message}`};
    }
    parentPort!.postMessage({seq: t.seq, result} satisfies WorkerMessage);
    // node-tree-sitter's trees (the fallback parser) are freed only by collections and finalizers.
    await budget.afterFile(result.lines);
  }
}

void run();
