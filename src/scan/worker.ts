/**
 * A scan worker thread: it loads the checks once, then scans the files the main thread
 * sends, one at a time, and posts each file's result back.
 */
import {parentPort, workerData} from 'node:worker_threads';
import {checks} from '../../checks/index.js';
import {Registry} from './registry.js';
import {TreeBudget} from './memory.js';
import {scanFile} from './scan-file.js';

export interface WorkerConfig {
  readonly select: readonly string[];
  readonly ignore: readonly string[];
  readonly suppressions: boolean;
  readonly keepSource: boolean;
}

export interface WorkerRequest {
  readonly seq: number;
  readonly absPath: string;
  readonly path: string;
}

const config = workerData as WorkerConfig;
const set = new Registry(checks).checkSet(config.select, config.ignore);
const budget = new TreeBudget();

parentPort!.on('message', (req: WorkerRequest) => {
  let result;
  try {
    result = scanFile(set, req.absPath, req.path, {keepSource: config.keepSource, suppressions: config.suppressions});
  } catch (err) {
    result = {path: req.path, absPath: req.absPath, lines: 0, parseErrors: 0, findings: [], warnings: [], error: `internal error: ${(err as Error).message}`};
  }
  parentPort!.postMessage({seq: req.seq, result});
  // Trees are released once their wrappers are collected and this handler has returned.
  if (budget.add(result.lines * 36)) budget.collect();
});
