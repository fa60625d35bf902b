import fs from 'node:fs';
import path from 'node:path';
import {checks} from '../../checks/index.js';
import {createEffects, loadReview} from '../../src/review/controller.js';
import {ConfDecisionStore} from '../../src/review/store.js';
import {Registry} from '../../src/scan/registry.js';
import {scanFile} from '../../src/scan/scan-file.js';

export const registry = new Registry(checks);

/** Scan real files (only the given rules, so the test does not move when checks are added) and load a review. */
export function openReview(files: string[], opts: {select?: string[]; output: string}) {
  const set = registry.checkSet(opts.select ?? ['B101', 'B602']);
  const results = files.map(f => scanFile(set, f, path.basename(f), {keepSource: true}));
  const store = new ConfDecisionStore();
  const loaded = loadReview(results, store);
  const effects = createEffects({
    store,
    outputPath: opts.output,
    rules: id => registry.rule(id),
    meta: () => ({reviewer: 'Test Reviewer', date: '2026-11-25', version: '0.0.0-test'}),
  });
  return {...loaded, store, effects, results};
}

export function copyFixture(src: string, dir: string, name = path.basename(src)): string {
  const dest = path.join(dir, name);
  fs.copyFileSync(src, dest);
  return dest;
}
