/**
 * Runs checks over one parsed file: one pass over the tree, dispatching each node to
 * the visitors that subscribed to its type. The engine, not the checks, applies
 * selection, the test-code rule (severity lowered one step, prod-only rules dropped),
 * suppression comments and fingerprints.
 */
import type {Check, CheckContext, ReportOptions, Rule, Visitor} from '../model/check.js';
import {fingerprint, OccurrenceCounter} from '../model/fingerprint.js';
import {lowerSeverity, type Finding, type CodeContext} from '../model/finding.js';
import {callInfo, type CallInfo} from './calls.js';
import {analyzeFlow, type FlowAnalysis} from './flow.js';
import {importedNames, NameTable, type ImportedName} from './names.js';
import {literalInfo, type LiteralInfo} from './strings.js';
import {parseDirective, Suppressions, type RuleNames} from './suppress.js';
import {enclosingSimpleStatement, scopeName, type SyntaxNode, type Tree} from './syntax.js';

export interface EngineWarning {
  readonly line: number;
  readonly message: string;
}

export interface EngineResult {
  readonly findings: Finding[];
  readonly parseErrors: number;
  readonly warnings: EngineWarning[];
}

interface RawReport {
  readonly rule: Rule;
  readonly node: SyntaxNode;
  readonly options: ReportOptions;
}

const ERROR_TYPES = ['ERROR'];
const COMMENT_TYPES = ['comment'];
const IMPORT_TYPES = ['import_statement', 'import_from_statement', 'future_import_statement'];

interface Entry {
  readonly check: Check;
  readonly fn: Visitor;
}

/** What one file needs: the checks whose prefilters passed, their visitors by node type. */
export interface FilePlan {
  readonly checks: readonly Check[];
  readonly types: readonly string[];
  /** Visitors by node type; for `call`, only those that look at every call. */
  readonly byType: ReadonlyMap<string, readonly Entry[]>;
  /** Call visitors of checks with callNames, by call name. */
  readonly byCallName: ReadonlyMap<string, readonly Entry[]>;
  readonly wantsLiterals: boolean;
}

/** A compiled set of checks: dispatch tables are built once per combination of prefilter results. */
export class CheckSet {
  readonly checks: readonly Check[];
  readonly rules: ReadonlyMap<string, Rule>;
  private readonly ruleNames: RuleNames;
  private readonly filtered: readonly Check[];
  private readonly plans = new Map<string, FilePlan>();

  constructor(checks: readonly Check[], enabled: (rule: Rule) => boolean, allRules: readonly Rule[] = checks.flatMap(c => c.rules)) {
    const rules = new Map<string, Rule>();
    const active: Check[] = [];
    for (const c of checks) {
      const on = c.rules.filter(enabled);
      if (on.length === 0) continue;
      active.push(c);
      for (const r of on) rules.set(r.id, r);
    }
    this.checks = active;
    this.rules = rules;
    this.filtered = active.filter(c => c.prefilter);
    // Every known rule name is accepted in comments, selected or not.
    const lookup = new Map<string, string>();
    for (const r of allRules) {
      lookup.set(r.id.toUpperCase(), r.id);
      if (r.banditName) lookup.set(r.banditName, r.id);
    }
    lookup.set('B001', 'B001');
    this.ruleNames = {lookup: tok => lookup.get(tok.toUpperCase()) ?? lookup.get(tok)};
  }

  /**
   * The checks and node types that apply to a file with this text. In test code, checks
   * whose every rule is production-only are left out (their findings would be dropped).
   */
  plan(source: string, isTest = false): FilePlan {
    let key = isTest ? 'T' : 'P';
    // Several checks share a prefilter (mayHoldRequestData, mentionsPasswordName): test each once.
    const seen = new Map<NonNullable<Check['prefilter']>, boolean>();
    for (const c of this.filtered) {
      const p = c.prefilter!;
      let hit = seen.get(p);
      if (hit === undefined) {
        hit = typeof p === 'function' ? p(source) : p.test(source);
        seen.set(p, hit);
      }
      key += hit ? '1' : '0';
    }
    let plan = this.plans.get(key);
    if (!plan) {
      let i = 1;
      const skip = new Set(this.filtered.filter(() => key[i++] === '0'));
      plan = buildPlan(this.checks.filter(c => !skip.has(c) && !(isTest && c.rules.every(r => !this.rules.has(r.id) || this.rules.get(r.id)!.prodOnly))));
      this.plans.set(key, plan);
    }
    return plan;
  }

  names(): RuleNames {
    return this.ruleNames;
  }
}

function buildPlan(checks: readonly Check[]): FilePlan {
  const byType = new Map<string, Entry[]>();
  const byCallName = new Map<string, Entry[]>();
  let wantsLiterals = false;
  let wantsCalls = false;
  for (const c of checks) {
    for (const [type, fn] of Object.entries(c.visit)) {
      if (!fn) continue;
      if (type === 'literal') wantsLiterals = true;
      if (type === 'call') {
        wantsCalls = true;
        if (c.callNames) {
          for (const name of c.callNames) {
            const list = byCallName.get(name) ?? [];
            list.push({check: c, fn});
            byCallName.set(name, list);
          }
          continue;
        }
      }
      const list = byType.get(type) ?? [];
      list.push({check: c, fn});
      byType.set(type, list);
    }
  }
  const types = new Set<string>([...byType.keys()].filter(t => t !== 'literal'));
  if (wantsCalls) types.add('call');
  for (const t of IMPORT_TYPES) types.add(t);
  if (wantsLiterals) {
    types.add('string');
    types.add('concatenated_string');
  }
  return {checks, types: [...types], byType, byCallName, wantsLiterals};
}

export interface RunOptions {
  readonly path: string;
  readonly source: string;
  readonly tree: Tree;
  readonly context: CodeContext;
  /** Honour `# nosec` and `# pyvet: ignore` (default true). */
  readonly suppressions?: boolean;
}

/** Statements and blocks: the units that tree-sitter's error recovery can leave whole. */
const SOUND_UNIT = /_statement$|_definition$|^block$/;

/**
 * The spans of the largest statements and blocks without any error, found by going down
 * only into nodes that contain one. A valid file can still confuse tree-sitter (a bracket
 * continued on a line indented less than its statement turns a whole module into an ERROR
 * node): the code it recovered as complete statements is checked; fragments are not.
 * In source order, disjoint.
 */
function collectSound(node: SyntaxNode, out: [number, number][]): void {
  for (const c of node.namedChildren) {
    if (c.hasError) collectSound(c, out);
    else if (SOUND_UNIT.test(c.type)) out.push([c.startIndex, c.endIndex]);
  }
}

export function runChecks(set: CheckSet, opts: RunOptions): EngineResult {
  const {tree, source, path} = opts;
  const root = tree.rootNode;
  const isTest = opts.context === 'test';
  const names = new NameTable();
  const reports: RawReport[] = [];
  const warnings: EngineWarning[] = [];
  const calls = new Map<number, CallInfo>();
  const literals = new Map<number, LiteralInfo | null>();
  const flows = new Map<number, FlowAnalysis>();
  const imports = new Map<number, readonly ImportedName[]>();
  let current: Check | null = null;
  // The call being dispatched, when no other call starts at its offset (its callee is then
  // readable from the text).
  let simpleCallId = -1;
  let lastCallNode: SyntaxNode | null = null;
  let lastCall: CallInfo | null = null;

  const ctx: CheckContext = {
    path,
    source,
    isTest,
    names,
    importsOf(stmt) {
      const id = stmt.id;
      let list = imports.get(id);
      if (!list) {
        list = importedNames(stmt);
        imports.set(id, list);
      }
      return list;
    },
    call(node) {
      // Every call visitor asks for the call being dispatched: answer that one first.
      if (node === lastCallNode) return lastCall!;
      const id = node.id;
      let c = calls.get(id);
      if (!c) {
        c = callInfo(node, names, source, id === simpleCallId);
        calls.set(id, c);
      }
      lastCallNode = node;
      lastCall = c;
      return c;
    },
    literal(node) {
      const id = node.id;
      let l = literals.get(id);
      if (l === undefined) {
        l = literalInfo(node);
        literals.set(id, l);
      }
      return l;
    },
    flow(node) {
      let scope: SyntaxNode = node;
      for (let p = node.parent; p && scope.type !== 'function_definition'; p = p.parent) scope = p;
      const id = scope.id;
      let f = flows.get(id);
      if (!f) {
        f = analyzeFlow(scope);
        flows.set(id, f);
      }
      return f;
    },
    enabled(id) {
      return set.rules.has(id);
    },
    report(node, options = {}) {
      const check = current;
      if (!check) throw new Error('report() called outside a visitor');
      const id = options.rule ?? check.rules[0]!.id;
      const rule = set.rules.get(id);
      if (!rule) {
        if (!check.rules.some(r => r.id === id)) throw new Error(`check reported unknown rule ${id}`);
        return; // a family member that is not selected
      }
      if (isTest && rule.prodOnly) return;
      reports.push({rule, node, options});
    },
  };

  const plan = set.plan(source, isTest);
  const run = (list: readonly Entry[], node: SyntaxNode) => {
    for (const v of list) {
      current = v.check;
      try {
        v.fn(node, ctx);
      } catch (err) {
        const ids = v.check.rules.map(r => r.id).join('/');
        warnings.push({line: node.startPosition.row + 1, message: `check ${ids} failed: ${(err as Error).message}`});
      }
    }
    current = null;
  };
  const byCallName = plan.byCallName.size > 0 ? plan.byCallName : null;
  const dispatch = (type: string, node: SyntaxNode) => {
    const list = plan.byType.get(type);
    if (list) run(list, node);
    if (type === 'call' && byCallName) {
      // Only the visitors that look at calls of this name.
      const named = byCallName.get(ctx.call(node).name);
      if (named) run(named, node);
    }
  };

  // Broken syntax: count ERROR and MISSING nodes; skip what an ERROR node covers, except
  // the complete statements and blocks without errors that tree-sitter recovered inside it.
  let parseErrors = 0;
  const errorRanges: [number, number][] = [];
  const soundRanges: [number, number][] = [];
  if (root.hasError) {
    for (const e of root.descendantsOfType(ERROR_TYPES)) {
      parseErrors++;
      errorRanges.push([e.startIndex, e.endIndex]);
    }
    if (parseErrors === 0) parseErrors = 1; // only MISSING nodes
    collectSound(root, soundRanges);
  }
  let errorIdx = 0;
  let soundIdx = 0;

  let concatEnd = -1;
  const nodes = root.descendantsOfType(plan.types);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    const start = node.startIndex;
    if (errorRanges.length > 0) {
      while (errorIdx < errorRanges.length && errorRanges[errorIdx]![1] <= start) errorIdx++;
      const r = errorRanges[errorIdx];
      if (r && r[0] <= start && node.endIndex <= r[1]) {
        while (soundIdx < soundRanges.length && soundRanges[soundIdx]![1] <= start) soundIdx++;
        const ok = soundRanges[soundIdx];
        if (!ok || ok[0] > start || node.endIndex > ok[1]) continue;
      }
    }
    const type = node.type;
    if (type === 'import_statement' || type === 'import_from_statement' || type === 'future_import_statement') {
      imports.set(node.id, names.addImport(node));
    }
    if (plan.wantsLiterals) {
      if (type === 'concatenated_string') {
        concatEnd = node.endIndex;
        dispatch('literal', node);
      } else if (type === 'string' && (start >= concatEnd || node.parent?.type !== 'concatenated_string')) {
        // A string inside a concatenation is part of that literal, unless it sits deeper,
        // in an interpolation of one of its f-strings.
        dispatch('literal', node);
      }
    }
    if (type === 'call') {
      simpleCallId = node.id;
      // A call inside the callee starts at the same offset and comes next in the walk.
      for (let j = i + 1; j < nodes.length && nodes[j]!.startIndex === start; j++) {
        if (nodes[j]!.type === 'call') {
          simpleCallId = -1;
          break;
        }
      }
    }
    dispatch(type, node);
  }
  for (const c of plan.checks) {
    if (!c.finish) continue;
    current = c;
    try {
      c.finish(ctx);
    } catch (err) {
      warnings.push({line: 1, message: `check ${c.rules.map(r => r.id).join('/')} failed: ${(err as Error).message}`});
    }
    current = null;
  }

  const findings = buildFindings(reports, opts, set, warnings);
  return {findings, parseErrors, warnings};
}

function collectSuppressions(opts: RunOptions, set: CheckSet, warnings: EngineWarning[]): Suppressions | null {
  if (opts.suppressions === false) return null;
  const src = opts.source;
  if (!src.includes('nosec') && !/pyvet:/i.test(src)) return null;
  const sup = new Suppressions();
  for (const c of opts.tree.rootNode.descendantsOfType(COMMENT_TYPES)) {
    const line = c.startPosition.row + 1;
    const d = parseDirective(c.text, line, set.names());
    if (!d) continue;
    for (const u of d.unknown) {
      warnings.push({line, message: `unknown check id '${u}' in suppression comment: it suppresses nothing`});
    }
    sup.add(d);
  }
  return sup;
}

function buildFindings(reports: RawReport[], opts: RunOptions, set: CheckSet, warnings: EngineWarning[]): Finding[] {
  if (reports.length === 0) return [];
  const sup = collectSuppressions(opts, set, warnings);
  const lines = opts.source.split('\n');
  const isTest = opts.context === 'test';
  const built = reports.map(({rule, node, options}) => {
    const sp = node.startPosition;
    const ep = node.endPosition;
    let line = sp.row + 1;
    let column = sp.column + 1;
    const at = options.at;
    if (at) {
      if ('startPosition' in at) {
        line = at.startPosition.row + 1;
        column = at.startPosition.column + 1;
      } else {
        // A line counted another way (B613 counts as Python's splitlines() does) stays inside the file.
        line = Math.max(1, Math.min(at.line, lines.length));
        column = Math.max(1, Math.min(at.column, (lines[line - 1]?.length ?? 0) + 1));
      }
    }
    const endLine = ep.row + 1;
    const endColumn = ep.column + 1;
    const first = Math.min(line, sp.row + 1);
    const last = Math.max(line, Math.min(endLine, first + 49));
    const snippet = lines
      .slice(first - 1, last)
      .map(l => (l.endsWith('\r') ? l.slice(0, -1) : l))
      .join('\n');
    let severity = options.severity ?? rule.severity;
    if (isTest) severity = lowerSeverity(severity);
    const scope = scopeName(node);
    const text = node.text;
    let suppressed = false;
    let suppressionReason: string | undefined;
    if (sup && sup.size > 0) {
      const spanNode = options.span ?? node;
      const stmt = enclosingSimpleStatement(spanNode);
      const lo = Math.min(line, (stmt ?? spanNode).startPosition.row + 1);
      const hi = Math.max(line, (stmt ?? spanNode).endPosition.row + 1);
      let d = sup.match(rule.id, lo, hi);
      for (const l of options.nosecLines ?? []) d ??= sup.match(rule.id, l, l);
      if (d) {
        suppressed = true;
        suppressionReason = d.reason ?? '';
      }
    }
    const finding: Finding = {
      checkId: rule.id,
      title: rule.title,
      category: rule.category,
      severity,
      confidence: options.confidence ?? rule.confidence,
      cwe: rule.cwe,
      path: opts.path,
      line,
      column,
      endLine: Math.max(endLine, line),
      // A report moved past the node's end (`at`) ends where it starts: a location inside the file.
      endColumn: endLine > line || (endLine === line && endColumn >= column) ? endColumn : column,
      message: options.message ?? rule.title,
      snippet,
      fingerprint: '',
      context: opts.context,
      ...(suppressed ? {suppressed: true, suppressionReason} : {}),
      ...(options.source ? {source: options.source} : {}),
    };
    return {finding, scope, text, start: node.startIndex};
  });
  // Stable order: by position, then id; occurrence indexes follow that order.
  built.sort((a, b) => a.finding.line - b.finding.line || a.finding.column - b.finding.column || a.start - b.start || (a.finding.checkId < b.finding.checkId ? -1 : a.finding.checkId > b.finding.checkId ? 1 : 0));
  const occ = new OccurrenceCounter();
  return built.map(({finding, scope, text}) => {
    const key = `${finding.checkId}\0${scope}\0${text.replace(/\s+/g, ' ')}`;
    const n = occ.next(key);
    return {...finding, fingerprint: fingerprint(finding.checkId, finding.path, scope, text, n)};
  });
}
