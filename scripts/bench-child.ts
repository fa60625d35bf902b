/**
 * One measurement of `npm run bench`, in a fresh process so that memory and warm-up do
 * not leak between them. Prints one line of JSON: seconds, peak resident memory, counts.
 *
 *   node dist/scripts/bench-child.js parse DIR          read + decode + parse, one thread, with
 *                                                       node-tree-sitter (tree-sitter's own binding)
 *   node dist/scripts/bench-child.js scan DIR [JOBS]    pyvet's whole scan (discovery included)
 */
import {checks} from '../checks/index.js';
import {discover} from '../src/scan/discover.js';
import Parser from 'tree-sitter';
import Python from 'tree-sitter-python';
import {Registry} from '../src/scan/registry.js';
import {scanPaths} from '../src/scan/scan.js';
import {countLines, readSource} from '../src/scan/source.js';

const [mode, dir, jobsArg] = process.argv.slice(2);
if (!dir || (mode !== 'parse' && mode !== 'scan')) {
  console.error('usage: bench-child parse|scan DIR [JOBS]');
  process.exit(2);
}

const t0 = performance.now();
const cpu0 = process.cpuUsage();
let files = 0;
let lines = 0;
let findings = 0;
if (mode === 'parse') {
  // The parser alone, through tree-sitter's own Node binding (measured a little faster than
  // pyvet's addon, which also copies each tree out), on the same files pyvet would scan,
  // read the same way. Trees are freed by finalizers on the event loop: let it turn every few
  // megabytes, as any program parsing many files must (without this it peaks near 1 GB).
  const parser = new Parser();
  parser.setLanguage(Python as unknown as Parser.Language);
  let since = 0;
  for (const t of discover([dir]).targets) {
    try {
      const src = readSource(t.absPath);
      parser.parse(src.text, undefined, {bufferSize: Math.max(64 * 1024, src.text.length * 2 + 1024)});
      files++;
      lines += countLines(src.text);
      since += src.text.length;
    } catch {
      // unreadable or binary: pyvet skips it too
    }
    if (since > 8 * 1024 * 1024) {
      since = 0;
      await new Promise(resolve => setImmediate(resolve));
    }
  }
} else {
  const result = await scanPaths([dir], new Registry(checks), {jobs: jobsArg ? Number(jobsArg) : undefined});
  files = result.files.length;
  lines = result.files.reduce((n, f) => n + f.lines, 0);
  findings = result.findings.length;
}
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
process.stdout.write(
  `${JSON.stringify({mode, files, lines, findings, seconds, cpuSeconds, peakMB: Math.round(process.resourceUsage().maxRSS / 1024)})}\n`,
);
