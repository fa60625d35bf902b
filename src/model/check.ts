/**
 * What a check is. A check module declares metadata (one rule, or a family of rules
 * sharing one data table) and visitors keyed by tree-sitter node type; the engine
 * walks each tree once and hands every node to the visitors that asked for its type.
 */
import type {Confidence, FlowStep, Severity, Theme} from './finding.js';
import type {NodeType} from '../scan/node-types.js';
import type {SyntaxNode} from '../scan/syntax.js';
import type {CallInfo} from '../scan/calls.js';
import type {LiteralInfo} from '../scan/strings.js';
import type {ImportedName, NameTable} from '../scan/names.js';
import type {FlowAnalysis} from '../scan/flow.js';

export interface RuleDocs {
  /** What the check finds. */
  readonly what: string;
  /** Why it matters. */
  readonly why: string;
  /** A short bad example (Python). */
  readonly example: string;
  /** What to write instead (Python or prose). */
  readonly fix: string;
  /** Where pyvet deliberately differs from Bandit, if it does. */
  readonly differences?: string;
  readonly references?: readonly string[];
}

/** One reportable ID: what `pyvet checks` lists and `pyvet explain` shows. */
export interface Rule {
  readonly id: string;
  /** kebab-case name of the flagged thing; also the fixture's file name. */
  readonly slug: string;
  /** Short, lower case. */
  readonly title: string;
  readonly category: Theme;
  readonly severity: Severity;
  readonly confidence: Confidence;
  readonly cwe: number;
  /** Not reported in test code at all. */
  readonly prodOnly?: boolean;
  /** Reported at most once per file (B613): its fixture needs only one positive. */
  readonly perFile?: boolean;
  /** Bandit's name for this check or blacklist entry (accepted in `# nosec NAME`). */
  readonly banditName?: string;
  readonly docs: RuleDocs;
}

export interface ReportOptions {
  /** Which rule of a family (defaults to the check's only rule). */
  readonly rule?: string;
  /** Specific to this occurrence; defaults to the rule's title. */
  readonly message?: string;
  /** The reported line, when it is not the flagged node's first line (Bandit's keyword-value lines). */
  readonly at?: SyntaxNode | {readonly line: number; readonly column: number};
  /** The node whose statement a suppression comment may sit on (defaults to the flagged node). */
  readonly span?: SyntaxNode;
  /** Further single lines whose suppression comment also applies (B613: line 1 of the file). */
  readonly nosecLines?: readonly number[];
  readonly severity?: Severity;
  readonly confidence?: Confidence;
  /** Data-flow findings: where the value came from. */
  readonly source?: FlowStep;
}

export interface CheckContext {
  /** Scan-root-relative path, '/'-separated. */
  readonly path: string;
  readonly source: string;
  /** The file is test code (path rule of review-checks.md). */
  readonly isTest: boolean;
  readonly names: NameTable;
  /** What an import statement imports (computed once, when the walk reached it). */
  importsOf(stmt: SyntaxNode): readonly ImportedName[];
  /** Call facts (resolved name, arguments), computed once per call node and shared. */
  call(node: SyntaxNode): CallInfo;
  /** A whole string literal's decoded value or f-string segments (null for non-literals). */
  literal(node: SyntaxNode): LiteralInfo | null;
  /** Intra-function data flow for the function (or module) enclosing a node. */
  flow(node: SyntaxNode): FlowAnalysis;
  /** Whether a rule id is selected for this run (families report only selected ids). */
  enabled(ruleId: string): boolean;
  report(node: SyntaxNode, options?: ReportOptions): void;
}

export type Visitor = (node: SyntaxNode, ctx: CheckContext) => void;

/**
 * `literal` is a virtual node type: every whole string literal (a `string` not part of
 * an implicit concatenation, or a `concatenated_string`), in source order.
 */
export type VisitKey = NodeType | 'literal';

/**
 * A cheap test on a file's whole text that must pass for the check to find anything there
 * (a word its findings cannot do without). A file that fails it skips the check, and the
 * engine does not even collect the node types only that check wants.
 */
export type Prefilter = RegExp | ((source: string) => boolean);

export interface Check {
  readonly rules: readonly Rule[];
  readonly visit: Partial<Record<VisitKey, Visitor>>;
  readonly prefilter?: Prefilter;
  /**
   * The call visitor looks only at calls whose resolved name ends in one of these
   * (CallInfo.name: `check_output` for `sp.check_output(…)`); the engine then hands it only
   * those calls instead of every call in the file.
   */
  readonly callNames?: ReadonlySet<string>;
  /** Called once per file after the walk. */
  readonly finish?: (ctx: CheckContext) => void;
}

interface CheckParts {
  readonly visit: Partial<Record<VisitKey, Visitor>>;
  readonly prefilter?: Prefilter;
  readonly callNames?: Iterable<string>;
  readonly finish?: (ctx: CheckContext) => void;
}

export type SingleCheckSpec = Rule & CheckParts;

/** The last dotted part of each name: `os.umask` → `umask`. */
export function lastParts(qualnames: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const q of qualnames) out.add(q.slice(q.lastIndexOf('.') + 1));
  return out;
}

/** A check with one rule. */
export function defineCheck(spec: SingleCheckSpec): Check {
  const {visit, finish, prefilter, callNames, ...rule} = spec;
  return {rules: [rule], visit, finish, prefilter, ...(callNames ? {callNames: lastParts(callNames)} : {})};
}

/** A family of rules that share one visitor and data table (B3xx calls, B4xx imports). */
export function defineFamily(spec: CheckParts & {readonly rules: readonly Rule[]}): Check {
  const {callNames, ...rest} = spec;
  return {...rest, ...(callNames ? {callNames: lastParts(callNames)} : {})};
}
