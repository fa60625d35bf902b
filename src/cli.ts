/**
 * Command-line entry: argument parsing → commands. The TUI is loaded only by `review`.
 */
import path from 'node:path';
import {Command, CommanderError, Option} from 'commander';
import writeFileAtomic from 'write-file-atomic';
import {checks} from '../checks/index.js';
import {CONFIDENCES, SEVERITIES, atLeast, cweUrl, type Confidence, type Finding, type Severity} from './model/finding.js';
import {renderJson} from './report/json.js';
import {renderMarkdown} from './report/markdown.js';
import {reportDate, type ReportMeta} from './report/review-data.js';
import {reviewerName} from './report/reviewer.js';
import {escapeControls} from './report/safe-text.js';
import {renderText} from './report/text.js';
import {loadReview, reportInputFromState} from './review/controller.js';
import {ConfDecisionStore, readPreferences} from './review/store.js';
import {Registry} from './scan/registry.js';
import {passesThresholds, scanPaths, type ScanResult} from './scan/scan.js';
import {VERSION} from './version.js';

const registry = new Registry(checks);

interface CommonOptions {
  select?: string[];
  ignore?: string[];
  severity?: Severity;
  confidence?: Confidence;
  exclude?: string[];
  failOn?: Severity | 'none';
  output?: string;
  color?: boolean;
}

interface ScanCommandOptions extends CommonOptions {
  format: 'text' | 'json' | 'markdown';
}

class UsageError extends Error {}

function splitList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map(s => s.trim()).filter(Boolean)];
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function addCommonOptions(cmd: Command): Command {
  return cmd
    .option('--select <ids>', 'only these check ids, id prefixes (B6) or themes (input), comma-separated', splitList)
    .option('--ignore <ids>', 'leave out these check ids, id prefixes or themes', splitList)
    .addOption(new Option('--severity <level>', 'report findings of at least this severity').choices([...SEVERITIES]))
    .addOption(new Option('--confidence <level>', 'report findings of at least this confidence').choices([...CONFIDENCES]))
    .option('--exclude <glob>', 'skip matching files and folders when walking folders (repeatable)', collect)
    .option('-o, --output <file>', 'write the report (scan) or the saved review (review) to this file')
    .option('--no-color', 'no colours (NO_COLOR is honoured too)');
}

function checkSelectors(opts: CommonOptions): void {
  for (const list of [opts.select ?? [], opts.ignore ?? []]) {
    const unknown = registry.unknownSelectors(list);
    if (unknown.length > 0) throw new UsageError(`unknown check id or theme: ${unknown.join(', ')} (see pyvet checks)`);
  }
}

function useColor(opts: CommonOptions, stream: NodeJS.WriteStream): boolean {
  if (opts.color === false || 'NO_COLOR' in process.env) return false;
  return !!stream.isTTY;
}

function reportMeta(): ReportMeta {
  return {reviewer: reviewerName(readPreferences().reviewer), date: reportDate(), version: VERSION};
}

function warn(message: string): void {
  process.stderr.write(`pyvet: ${escapeControls(message)}\n`);
}

async function runScan(paths: string[], opts: ScanCommandOptions): Promise<number> {
  checkSelectors(opts);
  const result = await scanPaths(paths.length ? paths : ['.'], registry, {
    select: opts.select,
    ignore: opts.ignore,
    exclude: opts.exclude,
  });
  const reported = result.findings.filter(f => passesThresholds(f, opts));
  let text: string;
  switch (opts.format) {
    case 'json':
      text = renderJson(result, reported);
      break;
    case 'markdown':
      text = markdownForScan(result, reported);
      break;
    default:
      text = renderText(result, reported, {color: !opts.output && useColor(opts, process.stdout)});
  }
  if (opts.output) {
    writeFileAtomic.sync(path.resolve(opts.output), text);
    if (opts.format !== 'text') process.stderr.write(summaryLine(result, reported));
  } else process.stdout.write(text);
  if (opts.format !== 'text') for (const e of result.errors) warn(`${e.path}: ${e.message}`);
  return exitStatus(result, opts.failOn ?? 'low');
}

function summaryLine(result: ScanResult, reported: readonly Finding[]): string {
  const shown = reported.filter(f => !f.suppressed).length;
  return `pyvet: ${shown} ${shown === 1 ? 'finding' : 'findings'} in ${result.files.length} ${result.files.length === 1 ? 'file' : 'files'}\n`;
}

/** 2 when a file could not be read, else 1 when an unsuppressed finding is at or above fail-on, else 0. */
export function exitStatus(result: ScanResult, failOn: Severity | 'none'): number {
  if (result.errors.length > 0) return 2;
  if (failOn === 'none') return 0;
  return result.findings.some(f => !f.suppressed && atLeast(f.severity, failOn)) ? 1 : 0;
}

function markdownForScan(result: ScanResult, reported: readonly Finding[]): string {
  // The stored decisions of each file are part of the review document.
  const store = new ConfDecisionStore(warn);
  const files = result.files.map(f => ({...f, findings: f.findings.filter(x => x.suppressed || reported.includes(x))}));
  const {state} = loadReview(files, store);
  return renderMarkdown(reportInputFromState(state, id => registry.rule(id), reportMeta()));
}

async function runReview(paths: string[], opts: CommonOptions): Promise<number> {
  checkSelectors(opts);
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    warn('review needs an interactive terminal; for scripts and CI use: pyvet scan PATH');
    return 2;
  }
  if (!useColor(opts, process.stdout)) process.env.FORCE_COLOR = '0';
  const result = await scanPaths(paths.length ? paths : ['.'], registry, {
    select: opts.select,
    ignore: opts.ignore,
    exclude: opts.exclude,
    keepSource: true,
  });
  const files = result.files.map(f => ({...f, findings: f.findings.filter(x => passesThresholds(x, opts))}));
  if (files.length === 0) {
    for (const e of result.errors) warn(`${e.path}: ${e.message}`);
    warn(result.errors.length ? 'nothing to review' : 'no Python files found');
    return result.errors.length ? 2 : 0;
  }
  const {runTui} = await import('./tui.js');
  const code = await runTui({result, files, registry, output: opts.output, meta: reportMeta});
  for (const e of result.errors) warn(`${e.path}: ${e.message}`);
  return result.errors.length ? 2 : code;
}

function runChecks(opts: {format: 'text' | 'json'}): number {
  if (opts.format === 'json') {
    const rows = registry.rules.map(r => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      theme: r.category,
      severity: r.severity,
      confidence: r.confidence,
      cwe: r.cwe,
      prodOnly: !!r.prodOnly,
      ...(r.banditName ? {banditName: r.banditName} : {}),
    }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const lines = registry.rules.map(r => `${r.id}  ${r.category.padEnd(9)}  ${r.severity.padEnd(6)}  ${r.title}`);
  process.stdout.write(`${'ID'.padEnd(4)}  ${'THEME'.padEnd(9)}  ${'SEV'.padEnd(6)}  TITLE\n${lines.join('\n')}\n${registry.rules.length} checks. Details: pyvet explain ID\n`);
  return 0;
}

function indent(text: string, by = '  '): string {
  return text
    .split('\n')
    .map(l => (l ? by + l : l))
    .join('\n');
}

function runExplain(id: string): number {
  const rule = registry.rule(id.trim());
  if (!rule) {
    const near = registry.rules.filter(r => r.id.startsWith(id.trim().toUpperCase().slice(0, 2))).slice(0, 8);
    throw new UsageError(`no check ${id}${near.length ? ` (did you mean ${near.map(r => r.id).join(', ')}?)` : ''}; see pyvet checks`);
  }
  const d = rule.docs;
  const out: string[] = [];
  out.push(`${rule.id}  ${rule.title}`);
  out.push(
    `theme: ${rule.category} · severity: ${rule.severity} · confidence: ${rule.confidence} · CWE-${rule.cwe} ${cweUrl(rule.cwe)}` +
      (rule.prodOnly ? ' · not reported in test code' : ''),
  );
  if (rule.banditName) out.push(`Bandit: ${rule.id} (${rule.banditName}); # nosec ${rule.id} suppresses it`);
  out.push('', 'What it finds', indent(d.what), '', 'Why it matters', indent(d.why), '', 'Example', indent(d.example, '    '), '', 'Fix', indent(d.fix, '    '));
  if (d.differences) out.push('', 'Compared with Bandit', indent(d.differences));
  if (d.references?.length) out.push('', 'References', ...d.references.map(r => `  ${r}`));
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('pyvet');
  program
    .description('Interactive security review of Python code in the terminal.\nRun `pyvet review app.py` to triage findings, `pyvet scan` for CI.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(pyvet --help lists commands and options)')
    .exitOverride()
    .addHelpText(
      'after',
      `
Exit status: 0 no finding at or above --fail-on; 1 there are such findings;
2 bad usage or a file that could not be read.
Decisions are stored in ${process.env.PYVET_CONFIG_DIR ? 'PYVET_CONFIG_DIR' : 'the user config folder (PYVET_CONFIG_DIR moves it)'}.`,
    );

  addCommonOptions(
    program
      .command('review', {isDefault: true})
      .description('review Python files interactively (needs a terminal)')
      .argument('[paths...]', 'files or folders (default: .)'),
  ).action(async (paths: string[], opts: CommonOptions) => setExit(await runReview(paths, opts)));

  addCommonOptions(
    program
      .command('scan')
      .description('scan without the TUI, for CI and scripts')
      .argument('[paths...]', 'files or folders (default: .)')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
      .addOption(
        new Option('--fail-on <level>', 'exit 1 when an unsuppressed finding is at least this severe (none: never)')
          .choices([...SEVERITIES, 'none'])
          .default('low'),
      ),
  ).action(async (paths: string[], opts: ScanCommandOptions) => setExit(await runScan(paths, opts)));

  program
    .command('checks')
    .description('list the check catalogue')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((opts: {format: 'text' | 'json'}) => setExit(runChecks(opts)));

  program
    .command('explain')
    .description("show a check's documentation: what, why, example, fix, CWE")
    .argument('<id>', 'check id, e.g. B602 or R701')
    .action((id: string) => setExit(runExplain(id)));

  return program;
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = buildProgram(c => {
    code = c;
  });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return 2;
    }
    if (err instanceof UsageError) {
      warn(err.message);
      return 2;
    }
    warn(`internal error: ${process.env.PYVET_DEBUG ? ((err as Error).stack ?? String(err)) : `${(err as Error).message} (PYVET_DEBUG=1 shows where)`}`);
    return 2;
  }
}

// Run when executed (bin/pyvet.js imports this module).
if (!process.env.PYVET_NO_MAIN) {
  main(process.argv).then(
    code => {
      process.exitCode = code;
    },
    err => {
      warn(String(err));
      process.exitCode = 2;
    },
  );
}

