/**
 * Command-line entry: argument parsing → commands. The TUI is loaded only by `review`.
 */
import fs from 'node:fs';
import path from 'node:path';
import {Command, CommanderError, InvalidArgumentError, Option} from 'commander';
import writeFileAtomic from 'write-file-atomic';
import {checks} from '../checks/index.js';
import {loadProjectConfig, type ProjectConfig} from './config/project-config.js';
import {
  getPreference,
  PREFERENCE_KEYS,
  PREFERENCES,
  preferenceKey,
  preferencesLocation,
  setPreference,
  unsetPreference,
} from './config/preferences.js';
import {CONFIDENCES, SEVERITIES, atLeast, cweUrl, type Confidence, type Finding, type Severity} from './model/finding.js';
import {renderJson} from './report/json.js';
import {renderMarkdown} from './report/markdown.js';
import {reportDate, type ReportMeta} from './report/review-data.js';
import {reviewerName} from './report/reviewer.js';
import {escapeControls} from './report/safe-text.js';
import {renderSarif} from './report/sarif.js';
import {renderText} from './report/text.js';
import {loadReview, reportInputFromState, storedDecisions} from './review/controller.js';
import {JsonFileDecisionStore, openDecisionStore, STATE_FILE_NAME, type DecisionSource} from './review/state-file.js';
import {readPreferences} from './review/store.js';
import {readBaseline, type Baseline} from './scan/baseline.js';
import {projectRoot} from './scan/discover.js';
import {changedLinesSince, type ChangedLines} from './scan/git-diff.js';
import {parserKind} from './scan/parse.js';
import {Registry} from './scan/registry.js';
import {compilePerPathIgnores} from './scan/per-path.js';
import {defaultJobs} from './scan/pool.js';
import {scanFile} from './scan/scan-file.js';
import {passesThresholds, scanPaths, type ScanOptions, type ScanResult} from './scan/scan.js';
import {scopeNote, scopeResult, type ScopedResult} from './scan/scope.js';
import {UsageError} from './usage-error.js';
import {displayKey, KEYMAP} from './review/keymap.js';
import {mark} from './timing.js';
import {HOMEPAGE, VERSION} from './version.js';

const registry = new Registry(checks);

interface CommonOptions {
  select?: string[];
  ignore?: string[];
  severity?: Severity;
  confidence?: Confidence;
  exclude?: string[];
  failOn?: Severity | 'none';
  baseline?: string;
  diff?: string;
  state?: string;
  output?: string;
  color?: boolean;
  jobs?: number;
}

const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;

interface ScanCommandOptions extends CommonOptions {
  format: (typeof FORMATS)[number];
}

function splitList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map(s => s.trim()).filter(Boolean)];
}

function parseJobs(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > 256) throw new InvalidArgumentError('a whole number from 1 to 256');
  return n;
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
    .option('--baseline <file>', 'a previous `scan --format json` report: what it holds is not reported again')
    .option('--diff <rev>', 'only findings on lines changed since this git revision (untracked files count as new)')
    .option('--state <file>', `decisions in this JSON file, keyed by project-relative path (default: ${STATE_FILE_NAME} at the project root when it exists, else the user store)`)
    .option('-o, --output <file>', 'write the report (scan) or the saved review (review) to this file')
    .option('-j, --jobs <n>', `threads that parse and check files (default: the cores, ${defaultJobs()} here)`, parseJobs)
    .option('--no-color', 'no colours (NO_COLOR is honoured too)');
}

function checkSelectors(opts: CommonOptions): void {
  for (const list of [opts.select ?? [], opts.ignore ?? []]) {
    const unknown = registry.unknownSelectors(list);
    if (unknown.length > 0) throw new UsageError(`unknown check id or theme: ${unknown.join(', ')} (see pyvet checks)`);
  }
}

/** Everything a scan or review needs before scanning: merged options, baseline, changed lines. */
interface Prepared {
  readonly root: string;
  readonly opts: CommonOptions;
  readonly scan: ScanOptions;
  readonly baseline?: Baseline;
  readonly changed?: ChangedLines;
}

/** Command-line options over `[tool.pyvet]`: an option given on the command line replaces the file's value. */
function mergeProjectConfig(opts: CommonOptions, config: ProjectConfig, fromCli: (key: string) => boolean): CommonOptions {
  const pick = <K extends keyof CommonOptions & keyof ProjectConfig>(key: K) =>
    fromCli(key) || config[key] === undefined ? opts[key] : (config[key] as CommonOptions[K]);
  return {
    ...opts,
    select: pick('select'),
    ignore: pick('ignore'),
    exclude: pick('exclude'),
    severity: pick('severity'),
    confidence: pick('confidence'),
    failOn: pick('failOn'),
  };
}

async function prepare(cliOpts: CommonOptions, cmd: Command): Promise<Prepared> {
  checkSelectors(cliOpts);
  const root = projectRoot(process.cwd());
  const project = loadProjectConfig(root, list => registry.unknownSelectors(list));
  for (const w of project.warnings) warn(w);
  const fromCli = (key: string) => {
    const source = cmd.getOptionValueSource(key);
    return source !== undefined && source !== 'default';
  };
  const opts = mergeProjectConfig(cliOpts, project.config, fromCli);
  // Fail fast, before a long scan, on a bad baseline or revision.
  const baseline = opts.baseline ? readBaseline(opts.baseline) : undefined;
  const changed = opts.diff !== undefined ? await changedLinesSince(opts.diff, root) : undefined;
  return {
    root,
    opts,
    scan: {
      select: opts.select,
      ignore: opts.ignore,
      exclude: opts.exclude,
      ...(cliOpts.jobs ? {jobs: cliOpts.jobs} : {}),
      ...(project.config.perPathIgnores ? {perPathIgnores: project.config.perPathIgnores} : {}),
    },
    ...(baseline ? {baseline} : {}),
    ...(changed ? {changed} : {}),
  };
}

/** What --baseline and --diff left out ('' when nothing): 'not shown: 2 in the baseline'. */
function notShown(scoped: ScopedResult, prep: Prepared): string {
  return scopeNote(scoped, {baseline: prep.baseline, changed: prep.changed});
}

function sentence(text: string): string {
  return text ? `${text[0]!.toUpperCase()}${text.slice(1)}.` : '';
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

async function runScan(paths: string[], cliOpts: ScanCommandOptions, cmd: Command): Promise<number> {
  const prep = await prepare(cliOpts, cmd);
  const opts = {...prep.opts, format: cliOpts.format};
  if (parserKind() === 'cursor' && process.env.PYVET_NATIVE !== '0') {
    warn('the native parser addon is not built: scanning works, about 4.5x more slowly (`npm rebuild pyvet` builds it; a C compiler is needed)');
  }
  const raw = await scanPaths(paths.length ? paths : ['.'], registry, prep.scan);
  const scoped = scopeResult(raw, {baseline: prep.baseline, changed: prep.changed});
  const result = scoped.result;
  const note = notShown(scoped, prep);
  const reported = result.findings.filter(f => passesThresholds(f, opts));
  let text: string;
  switch (opts.format) {
    case 'json':
      text = renderJson(result, reported);
      break;
    case 'sarif': {
      const {store} = decisionSource(prep, opts);
      text = renderSarif({
        findings: reported,
        decision: storedDecisions(result.files, store),
        rules: id => registry.rule(id),
        root: result.root,
        version: VERSION,
        ...(HOMEPAGE ? {informationUri: HOMEPAGE} : {}),
        errors: result.errors,
        warnings: result.warnings,
      });
      break;
    }
    case 'markdown':
      text = markdownForScan(result, reported, decisionSource(prep, opts));
      break;
    default:
      text = renderText(result, reported, {color: !opts.output && useColor(opts, process.stdout), notes: note ? [sentence(note)] : []});
  }
  if (opts.output) {
    writeFileAtomic.sync(path.resolve(opts.output), text);
    if (opts.format !== 'text') process.stderr.write(summaryLine(result, reported));
  } else process.stdout.write(text);
  if (opts.format !== 'text') {
    for (const e of result.errors) warn(`${e.path}: ${e.message}`);
    if (note) warn(note);
  }
  return exitStatus(result, opts.failOn ?? 'low');
}

/** The decisions a report includes: --state, else the project's state file, else the conf store. */
function decisionSource(prep: Prepared, opts: CommonOptions): DecisionSource {
  if (opts.state && !fs.existsSync(path.resolve(opts.state))) {
    warn(`the review state ${opts.state} does not exist (yet): no decisions are included`);
  }
  return openDecisionStore({state: opts.state, root: prep.root, onWarning: warn});
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

function markdownForScan(result: ScanResult, reported: readonly Finding[], source: DecisionSource): string {
  // The stored decisions of each file are part of the review document.
  const files = result.files.map(f => ({...f, findings: f.findings.filter(x => x.suppressed || reported.includes(x))}));
  const {state} = loadReview(files, source.store);
  return renderMarkdown(reportInputFromState(state, id => registry.rule(id), reportMeta()));
}

/**
 * Ink decides once, when it loads, whether it runs under CI (a CI or CONTINUOUS_INTEGRATION
 * variable), and then draws nothing until it exits. review only runs in a real terminal, so
 * hide those variables while Ink loads and put them back for the editor and git.
 */
async function importTuiInteractively(): Promise<typeof import('./tui.js')> {
  const markers = ['CI', 'CONTINUOUS_INTEGRATION'] as const;
  const saved = markers.map(k => [k, process.env[k]] as const);
  for (const k of markers) delete process.env[k];
  try {
    return await import('./tui.js');
  } finally {
    for (const [k, v] of saved) if (v !== undefined) process.env[k] = v;
  }
}

async function runReview(paths: string[], cliOpts: CommonOptions, cmd: Command): Promise<number> {
  mark('cli loaded');
  checkSelectors(cliOpts);
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    warn('review needs an interactive terminal; for scripts and CI use: pyvet scan PATH');
    return 2;
  }
  const prep = await prepare(cliOpts, cmd);
  const opts = prep.opts;
  if (!useColor(opts, process.stdout)) process.env.FORCE_COLOR = '0';
  const targets = paths.length ? paths : ['.'];
  const {startTui} = await importTuiInteractively();
  mark('tui loaded');
  const tui = startTui(targets.length === 1 ? targets[0]! : `${targets.length} paths`);
  const raw = await scanPaths(targets, registry, {...prep.scan, keepSource: true, onProgress: (d, t) => tui.progress(d, t)});
  const scoped = scopeResult(raw, {baseline: prep.baseline, changed: prep.changed});
  const result = scoped.result;
  const files = result.files.map(f => ({...f, findings: f.findings.filter(x => passesThresholds(x, opts))}));
  if (files.length === 0) {
    tui.close();
    for (const e of result.errors) warn(`${e.path}: ${e.message}`);
    warn(result.errors.length ? 'nothing to review' : 'no Python files found');
    return result.errors.length ? 2 : 0;
  }
  const storeWarnings: string[] = [];
  const source = openDecisionStore({state: opts.state, root: prep.root, onWarning: m => storeWarnings.push(m)});
  const notes = [notShown(scoped, prep), ...storeWarnings];
  if (source.store instanceof JsonFileDecisionStore) notes.push(`decisions in ${path.relative(process.cwd(), source.description) || source.description}`);
  mark('scanned');
  const set = registry.checkSet(prep.scan.select ?? [], prep.scan.ignore ?? []);
  const pathIgnored = compilePerPathIgnores(prep.scan.perPathIgnores ?? []);
  const rescan = async (absPath: string, relPath: string) => {
    const r = scanFile(set, absPath, relPath, {keepSource: true});
    // The same scope as the first scan: baseline, changed lines (again, since the file changed), thresholds.
    const changed = opts.diff !== undefined ? await changedLinesSince(opts.diff, prep.root) : undefined;
    const one: ScanResult = {root: raw.root, files: r.error ? [] : [r], findings: r.findings, errors: [], warnings: []};
    const f = scopeResult(one, {baseline: prep.baseline, changed}).result.files[0] ?? {...r, findings: []};
    return {...f, findings: f.findings.filter(x => passesThresholds(x, opts) && !pathIgnored(x))};
  };
  const code = await tui.review({result, files, registry, output: opts.output, meta: reportMeta, store: source.store, notes: notes.filter(Boolean), rescan});
  for (const w of result.warnings) warn(`${w.path}:${w.line}: warning: ${w.message}`);
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

function runConfigList(): number {
  const rows = PREFERENCE_KEYS.map(k => {
    const v = getPreference(k, warn);
    return `${k.padEnd(13)}${v === undefined ? `(not set: ${PREFERENCES[k].unset})` : escapeControls(String(v))}`;
  });
  process.stdout.write(`${rows.join('\n')}\nStored in ${preferencesLocation(warn)}\n`);
  return 0;
}

function runConfigGet(input: string): number {
  const value = getPreference(preferenceKey(input), warn);
  if (value === undefined) return 1;
  process.stdout.write(`${escapeControls(String(value))}\n`);
  return 0;
}

function runConfigSet(input: string, value: string): number {
  const key = preferenceKey(input);
  const stored = setPreference(key, value, {onWarning: warn});
  process.stderr.write(`pyvet: ${key} = ${escapeControls(String(stored))}\n`);
  return 0;
}

function runConfigUnset(input: string): number {
  const key = preferenceKey(input);
  unsetPreference(key, warn);
  process.stderr.write(`pyvet: ${key} is not set (${PREFERENCES[key].unset})\n`);
  return 0;
}

const PROJECT_CONFIG_HELP = `
Options may also be set for a project in pyproject.toml, under [tool.pyvet]: select,
ignore, exclude, severity, confidence, fail-on (scan) and [tool.pyvet.per-path-ignores]
("glob" = ["ID", ...]). The command line wins.`;

/** The review's keys in one paragraph, from the same key map the TUI uses. */
const REVIEW_KEYS_HELP = (() => {
  const parts = KEYMAP.list.map(b => `${b.keys.map(displayKey).join('/')} ${b.short ?? b.help}`);
  return `Keys in the review (? shows them there too):\n${wrapWords(parts.join(' · '), 78)}`;
})();

function wrapWords(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map(l => `  ${l}`).join('\n');
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
Decisions are stored in ${STATE_FILE_NAME} at the project root when it exists (or
--state FILE), else in ${process.env.PYVET_CONFIG_DIR ? 'PYVET_CONFIG_DIR' : 'the user config folder (PYVET_CONFIG_DIR moves it)'}.
Project options: [tool.pyvet] in pyproject.toml (see pyvet scan --help).`,
    );

  addCommonOptions(
    program
      .command('review', {isDefault: true})
      .description('review Python files interactively (needs a terminal)')
      .argument('[paths...]', 'files or folders (default: .)'),
  )
    .addHelpText('after', `${PROJECT_CONFIG_HELP}\n\n${REVIEW_KEYS_HELP}`)
    .action(async (paths: string[], opts: CommonOptions, cmd: Command) => setExit(await runReview(paths, opts, cmd)));

  addCommonOptions(
    program
      .command('scan')
      .description('scan without the TUI, for CI and scripts')
      .argument('[paths...]', 'files or folders (default: .)')
      .addOption(new Option('-f, --format <format>', 'output format (sarif: for GitHub code scanning)').choices([...FORMATS]).default('text'))
      .addOption(
        new Option('--fail-on <level>', 'exit 1 when an unsuppressed finding is at least this severe (none: never)')
          .choices([...SEVERITIES, 'none'])
          .default('low'),
      ),
  )
    .addHelpText('after', PROJECT_CONFIG_HELP)
    .action(async (paths: string[], opts: ScanCommandOptions, cmd: Command) => setExit(await runScan(paths, opts, cmd)));

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

  const config = program
    .command('config')
    .description(`your preferences: ${PREFERENCE_KEYS.join(', ')}`)
    .addHelpText('after', `\n${PREFERENCE_KEYS.map(k => `  ${k.padEnd(14)}${PREFERENCES[k].description}`).join('\n')}`);
  config
    .command('list', {isDefault: true})
    .description('show every setting and where they are stored')
    .action(() => setExit(runConfigList()));
  config
    .command('get')
    .description('print a setting (exit 1 when it is not set)')
    .argument('<key>', PREFERENCE_KEYS.join(' | '))
    .action((key: string) => setExit(runConfigGet(key)));
  config
    .command('set')
    .description('change a setting')
    .argument('<key>', PREFERENCE_KEYS.join(' | '))
    .argument('<value>')
    .action((key: string, value: string) => setExit(runConfigSet(key, value)));
  config
    .command('unset')
    .description('go back to the default')
    .argument('<key>', PREFERENCE_KEYS.join(' | '))
    .action((key: string) => setExit(runConfigUnset(key)));

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
  // `pyvet scan | head`: the reader has gone; stop quietly, as other command-line tools do.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
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

