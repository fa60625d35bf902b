/**
 * `--baseline FILE`: a previous `pyvet scan --format json` report. Findings whose
 * fingerprint it holds are not reported again. Each baseline entry absorbs one finding,
 * so duplicates count: fingerprints already carry an occurrence index, which makes a
 * second copy of a flagged line a new fingerprint, hence a new finding.
 */
import fs from 'node:fs';
import path from 'node:path';
import type {Finding} from '../model/finding.js';
import {UsageError} from '../usage-error.js';
import {describeFsError} from './source.js';

/** How many times each fingerprint occurs in the baseline. */
export type Baseline = ReadonlyMap<string, number>;

const FINGERPRINT = /^[0-9a-f]{16}$/;

export function readBaseline(file: string): Baseline {
  const shown = file;
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(file), 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read the baseline ${shown}: ${describeFsError(err)}`);
  }
  return parseBaseline(text, shown);
}

export function parseBaseline(text: string, name = 'baseline'): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new UsageError(`the baseline ${name} is not valid JSON (${(err as Error).message}); make one with: pyvet scan --format json --output ${name}`);
  }
  const report = data as {tool?: {name?: unknown}; findings?: unknown};
  if (!report || typeof report !== 'object' || report.tool?.name !== 'pyvet' || !Array.isArray(report.findings)) {
    throw new UsageError(`the baseline ${name} is not a pyvet JSON report (expected "tool": {"name": "pyvet"} and a "findings" list)`);
  }
  const counts = new Map<string, number>();
  report.findings.forEach((f: unknown, i: number) => {
    const fp = (f as {fingerprint?: unknown} | null)?.fingerprint;
    if (typeof fp !== 'string' || !FINGERPRINT.test(fp)) {
      throw new UsageError(`the baseline ${name} is not a pyvet JSON report: finding ${i + 1} has no valid fingerprint`);
    }
    counts.set(fp, (counts.get(fp) ?? 0) + 1);
  });
  return counts;
}

/** Split findings into new ones and those the baseline already holds (each entry used once). */
export function applyBaseline<T extends Pick<Finding, 'fingerprint'>>(findings: readonly T[], baseline: Baseline): {kept: T[]; known: T[]} {
  const left = new Map(baseline);
  const kept: T[] = [];
  const known: T[] = [];
  for (const f of findings) {
    const n = left.get(f.fingerprint) ?? 0;
    if (n > 0) {
      left.set(f.fingerprint, n - 1);
      known.push(f);
    } else kept.push(f);
  }
  return {kept, known};
}
