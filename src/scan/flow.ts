/**
 * Intra-function data flow ("taint-lite", review-checks.md "Request data").
 *
 * One analysis per function (or module body, class bodies included), built lazily the
 * first time a check asks about a node inside it, in one pass over its statements in
 * order, and shared by every check. Queries evaluate the asked expression against the
 * recorded bindings, so they cost about as much as the expression is large. A scope
 * whose text never mentions `request`, `req`, `input` or `argv` (and whose module does
 * not import `sys.argv` under another name) answers taint questions without any walk.
 *
 * The model:
 * - Sources: reads and calls on `request.X` / `req.X` / `self.request.X` for the
 *   request-data attributes (src/scan/request-data.ts), `input(…)`, and `sys.argv`.
 * - A value is tainted when it is built from a tainted value: subscripts, attributes,
 *   method calls on it (`.get()`, `.strip()`), f-strings, `%`, `+`, `.format()`,
 *   `.join()`, containers that hold it, and the known pass-through functions below
 *   (`str`, `os.path.join`, `pathlib.Path`, `urllib.parse.*`, `json.loads`…). A call to
 *   any other function ends the flow: pyvet does not look into other functions, and
 *   reading every result as tainted would flag each database look-up keyed by a request
 *   field. Taint never crosses into nested functions (each def has its own analysis).
 * - Names are bound in statement order: assignment (chained, annotated, augmented, tuple
 *   unpacking), `for` targets (element of the iterable; `enumerate`/`zip` element-wise),
 *   `with … as`, walrus, `except … as` (clean), `del`. Branches are joined: after an
 *   `if`/`try`/`match` a name is tainted when it is tainted on any path that falls through
 *   (a branch ending in `return`/`raise`/`continue`/`break` does not; `continue` and
 *   `break` rejoin at the loop's head and exit). Loop bodies are walked a second time when
 *   a name assigned in the body would change what the loop's head sees.
 * - Mutation: `x.append(t)`, `x.extend(t)`, `x.update(t)`, `x[k] = t` taint `x`.
 * - Sanitisers clear taint for the sink they guard (the value stays tainted for the
 *   others): `os.path.basename`, `secure_filename`, `safe_join` (path); `shlex.quote`
 *   (shell); `re.escape` (regex); `repr(x)`, `{x!r}`, formats whose every field is
 *   `%r`/`{!r}` or numeric, and `.replace('\n', …)` (log).
 *   A name bound to `os.path.realpath`/`abspath`/`normpath(…)` (or `Path.resolve()`) that
 *   a condition or assert then tests with `.startswith(…)`, `.is_relative_to(…)` or
 *   `os.path.commonpath(…)` is clean for paths from that condition on. Conversions to
 *   numbers and booleans (`int`, `float`, `bool`, `len`, comparisons, `isdigit()`…) are
 *   clean everywhere, and so is a name inside `if name in ALLOWED:`, or after
 *   `if name not in ALLOWED: return` or `assert name in ALLOWED` (an allow-list whose
 *   collection is not itself tainted).
 * - Mass assignment (sink `mass`) is about the keys of a mapping: a dict display or
 *   comprehension whose keys are clean, or `dict(a=…)`, is clean for `mass` even when
 *   its values are tainted.
 * - Constants: literals, and expressions built only from constants and from local names
 *   bound to constants at that point (`cmd = "ls -l"`), through operators, f-strings and
 *   pure string functions. A name bound to a list, dict or set is never constant (it may be
 *   mutated); parameters, globals and names declared `global`/`nonlocal` are not either.
 */
import type {FlowStep} from '../model/finding.js';
import {NameTable} from './names.js';
import {mayDeclareRouteParameters, requestAttributeLabel, routeParameters} from './request-data.js';
import {literalInfo} from './strings.js';
import {decoratorsOf, unwrap, type SyntaxNode, type Tree} from './syntax.js';

/** What a tainted value flows into: a sanitiser clears taint for one sink only. */
export const SINKS = ['path', 'url', 'regex', 'log', 'shell', 'sql', 'code', 'mass'] as const;
export type Sink = (typeof SINKS)[number];

const BIT: Readonly<Record<Sink, number>> = {path: 1, url: 2, regex: 4, log: 8, shell: 16, sql: 32, code: 64, mass: 128};
const EVERY = 255;

export interface FlowAnalysis {
  /**
   * Where request data carried by `expr` came from, or null when it carries none. With a
   * sink, data cleaned for that sink (e.g. `os.path.basename(x)` for `path`) is null too;
   * without one, data counts unless it has been cleaned for every sink (an allow-list test).
   */
  taintOf(expr: SyntaxNode, sink?: Sink): FlowStep | null;
  /** Whether `expr` is a constant: literals, and values built only from literals and local constants. */
  isConstant(expr: SyntaxNode): boolean;
  /** Constant text the string value of `expr` is known to start with ('' when unknown). */
  prefixOf(expr: SyntaxNode): string;
}

/** The abstract value of an expression. Immutable: every change makes a new object. */
interface Value {
  readonly taint: FlowStep | null;
  /** Sinks for which the tainted data has been cleaned (bits of BIT). */
  readonly clean: number;
  readonly constant: boolean;
  /** A list, dict or set display (a name bound to it is not constant). */
  readonly mutable: boolean;
  /** The result of realpath/abspath/normpath/resolve(): a startswith test on it is a path guard. */
  readonly resolved: boolean;
  /** The value is the source expression itself, so `[k]`, `.get()`… widen the source's snippet. */
  readonly direct: boolean;
  /** Known leading constant text of a string value. */
  readonly prefix: string;
  /** `prefix` is the whole value. */
  readonly full: boolean;
}

const UNKNOWN: Value = Object.freeze({
  taint: null,
  clean: 0,
  constant: false,
  mutable: false,
  resolved: false,
  direct: false,
  prefix: '',
  full: false,
});
const CONSTANT: Value = Object.freeze({...UNKNOWN, constant: true});

function constantText(s: string): Value {
  return {...CONSTANT, prefix: s, full: true};
}

function withClean(v: Value, bits: number): Value {
  return v.taint ? {...v, clean: v.clean | bits} : v;
}

/** A value computed from `v` (an element, an attribute, a method's result). */
function derived(v: Value): Value {
  return v.taint ? {...UNKNOWN, taint: v.taint, clean: v.clean} : v.constant ? CONSTANT : UNKNOWN;
}

/** A value built from all of `parts`: tainted if any is, constant if all are. */
function combine(parts: readonly Value[]): Value {
  let taint: FlowStep | null = null;
  let best = -1;
  let clean = EVERY;
  let constant = true;
  for (const v of parts) {
    if (!v.constant) constant = false;
    if (v.taint) {
      clean &= v.clean;
      // Show the source that no sanitiser touched, if there is one.
      if (!taint || (best !== 0 && v.clean === 0)) {
        taint = v.taint;
        best = v.clean;
      }
    }
  }
  if (taint) return {...UNKNOWN, taint, clean};
  return constant ? CONSTANT : UNKNOWN;
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

/** The value on either of two paths. */
function join(a: Value, b: Value): Value {
  if (a === b) return a;
  const taint = a.taint ?? b.taint;
  const clean = a.taint && b.taint ? a.clean & b.clean : a.taint ? a.clean : b.clean;
  const prefix = commonPrefix(a.prefix, b.prefix);
  return {
    taint,
    clean: taint ? clean : 0,
    constant: a.constant && b.constant,
    mutable: a.mutable || b.mutable,
    resolved: a.resolved && b.resolved,
    direct: false,
    prefix,
    full: a.full && b.full && a.prefix === b.prefix,
  };
}

function sameValue(a: Value, b: Value): boolean {
  return (
    a === b ||
    (a.taint === b.taint &&
      a.clean === b.clean &&
      a.constant === b.constant &&
      a.mutable === b.mutable &&
      a.resolved === b.resolved &&
      a.prefix === b.prefix &&
      a.full === b.full)
  );
}

type Env = Map<string, Value>;

/** Environments that leave a loop body early. */
interface LoopEscapes {
  breaks: Env[];
  continues: Env[];
}

/**
 * Copying and joining environments costs their size, and an environment holds every name
 * bound so far: in a scope with tens of thousands of names (a 20 MB module) the copies at
 * each if, class and loop made the analysis quadratic (a minute). A scope whose analysis
 * needs more than this many entry copies is given up on, as pathologically deep code is:
 * its questions are answered "unknown".
 */
export const FLOW_BUDGET = 5_000_000;
let spent = 0;

class FlowBudgetExceeded extends Error {}

function spend(entries: number): void {
  spent += entries;
  if (spent > FLOW_BUDGET) throw new FlowBudgetExceeded('data-flow analysis budget exceeded');
}

function joinEnvs(envs: readonly Env[]): Env {
  for (const e of envs) spend(e.size);
  if (envs.length === 1) return new Map(envs[0]);
  const keys = new Set<string>();
  for (const e of envs) for (const k of e.keys()) keys.add(k);
  const out: Env = new Map();
  for (const k of keys) {
    let v: Value | undefined;
    for (const e of envs) {
      const x = e.get(k) ?? UNKNOWN;
      v = v === undefined ? x : join(v, x);
    }
    out.set(k, v!);
  }
  return out;
}

/** Bindings of one name over the scope's text: values from each position on. */
interface Track {
  readonly pos: number[];
  /** null: unbound from there on. */
  readonly val: (Value | null)[];
}

type FnKind = 'clean' | 'pure' | 'through' | 'container' | 'resolve' | {readonly sanitise: number};

const PURE_FUNCTIONS = [
  'str', 'bytes', 'repr', 'ascii', 'format', 'tuple', 'frozenset', 'chr',
  'os.path.join', 'os.path.normcase', 'os.path.dirname', 'os.path.splitext', 'os.path.split',
  'os.path.expanduser', 'os.path.relpath', 'posixpath.join', 'ntpath.join', 'os.fspath',
  'shlex.join', 'urllib.parse.quote', 'urllib.parse.quote_plus', 'urllib.parse.unquote',
  'urllib.parse.unquote_plus', 'urllib.parse.urljoin', 'urllib.parse.urlencode', 'urllib.parse.urlunparse',
  'urllib.parse.urlunsplit', 'json.dumps', 'textwrap.dedent', 'textwrap.indent', 'unicodedata.normalize',
];
const THROUGH_FUNCTIONS = [
  'iter', 'next', 'min', 'max', 'reversed', 'enumerate', 'zip', 'filter', 'map', 'getattr', 'vars',
  'os.path.expandvars', 'pathlib.Path', 'pathlib.PurePath', 'pathlib.PosixPath', 'pathlib.PurePosixPath',
  'urllib.parse.urlparse', 'urllib.parse.urlsplit', 'urllib.parse.parse_qs', 'urllib.parse.parse_qsl',
  'base64.b64decode', 'base64.b64encode', 'base64.urlsafe_b64decode', 'base64.urlsafe_b64encode',
  'base64.b32decode', 'base64.b16decode', 'binascii.unhexlify', 'codecs.decode', 'html.unescape',
  'copy.copy', 'copy.deepcopy', 'shlex.split',
];
const CONTAINER_FUNCTIONS = ['list', 'dict', 'set', 'sorted', 'bytearray', 'json.loads', 'json.load', 'collections.OrderedDict'];
const CLEAN_FUNCTIONS = [
  'int', 'float', 'bool', 'complex', 'len', 'abs', 'round', 'ord', 'hash', 'id', 'isinstance', 'issubclass',
  'callable', 'hasattr', 'uuid.UUID', 'decimal.Decimal', 'fractions.Fraction', 'math.floor', 'math.ceil',
];
const RESOLVE_FUNCTIONS = ['os.path.realpath', 'os.path.abspath', 'os.path.normpath', 'posixpath.realpath', 'posixpath.abspath', 'posixpath.normpath'];

const FUNCTIONS: ReadonlyMap<string, FnKind> = new Map<string, FnKind>([
  ...PURE_FUNCTIONS.map(f => [f, 'pure'] as const),
  ...THROUGH_FUNCTIONS.map(f => [f, 'through'] as const),
  ...CONTAINER_FUNCTIONS.map(f => [f, 'container'] as const),
  ...CLEAN_FUNCTIONS.map(f => [f, 'clean'] as const),
  ...RESOLVE_FUNCTIONS.map(f => [f, 'resolve'] as const),
  ['os.path.basename', {sanitise: BIT.path}],
  ['posixpath.basename', {sanitise: BIT.path}],
  ['ntpath.basename', {sanitise: BIT.path}],
  ['shlex.quote', {sanitise: BIT.shell}],
  ['pipes.quote', {sanitise: BIT.shell}],
  ['re.escape', {sanitise: BIT.regex}],
]);

/** Sanitisers recognised by their last name wherever they are imported from. */
const SANITISER_NAMES: ReadonlyMap<string, FnKind> = new Map<string, FnKind>([
  ['secure_filename', {sanitise: BIT.path}],
  ['safe_join', {sanitise: BIT.path}],
]);

/** Methods whose call on the source still reads the source (the snippet widens to them). */
const SOURCE_METHODS: ReadonlySet<string> = new Set(['get', 'getlist', 'getall', 'getone', 'get_json', 'to_dict', 'dict', 'copy', 'read', 'items', 'keys', 'values']);
/** Methods that answer a question about a value rather than return its data. */
const CLEAN_METHODS: ReadonlySet<string> = new Set([
  'startswith', 'endswith', 'isdigit', 'isdecimal', 'isnumeric', 'isalpha', 'isalnum', 'isascii',
  'isidentifier', 'islower', 'isupper', 'isspace', 'istitle', 'count', 'find', 'rfind', 'index', 'rindex',
  '__len__', '__contains__', 'exists', 'is_file', 'is_dir',
]);
/** String methods that give a constant from constants. */
const PURE_METHODS: ReadonlySet<string> = new Set([
  'format', 'join', 'replace', 'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'title', 'capitalize',
  'casefold', 'encode', 'decode', 'zfill', 'ljust', 'rjust', 'center', 'removeprefix', 'removesuffix',
  'split', 'rsplit', 'splitlines', 'expandtabs', 'format_map',
]);
/** Methods that store their arguments in the receiver. */
const MUTATORS: ReadonlyMap<string, 'element' | 'items'> = new Map([
  ['append', 'element'],
  ['appendleft', 'element'],
  ['insert', 'element'],
  ['add', 'element'],
  ['extend', 'items'],
  ['extendleft', 'items'],
  ['update', 'items'],
  ['setdefault', 'items'],
]);

const COMPREHENSIONS: ReadonlySet<string> = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
const PATTERNS: ReadonlySet<string> = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'expression_list']);
const DOTTED = /^[\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)+$/u;
/** Words without which a scope's text cannot read request data. */
const SOURCE_WORDS = /\b(?:request|req|input|argv)\b/;

/** Whether a text could hold request data at all (a prefilter for the data-flow checks). */
export function mayHoldRequestData(text: string): boolean {
  return SOURCE_WORDS.test(text) || mayDeclareRouteParameters(text);
}
/** Loops nested deeper than this are walked once (their bodies' loop-carried changes are not revisited). */
const MAX_REWALK_DEPTH = 3;

/** Imports of a module as the flow sees them: every top-level import (and those under a top-level if/try). */
const moduleNames = new WeakMap<Tree, NameTable>();

function namesOf(scope: SyntaxNode): NameTable {
  const tree = scope.tree;
  let names = moduleNames.get(tree);
  if (names) return names;
  names = new NameTable();
  const visit = (block: SyntaxNode | null, depth: number) => {
    if (!block) return;
    for (const s of block.namedChildren) {
      const t = s.type;
      if (t === 'import_statement' || t === 'import_from_statement' || t === 'future_import_statement') names!.addImport(s);
      else if (depth < 2 && (t === 'if_statement' || t === 'try_statement')) {
        for (const c of s.namedChildren) {
          if (c.type === 'block') visit(c, depth + 1);
          else if (c.type === 'elif_clause' || c.type === 'else_clause' || c.type === 'except_clause' || c.type === 'finally_clause') {
            for (const b of c.namedChildren) if (b.type === 'block') visit(b, depth + 1);
          }
        }
      }
    }
  };
  visit(tree.rootNode, 0);
  moduleNames.set(tree, names);
  return names;
}

function snippetOf(node: SyntaxNode): string {
  const t = node.text.replace(/\s*\n\s*/g, ' ');
  return t.length > 120 ? `${t.slice(0, 119)}…` : t;
}

function stepAt(node: SyntaxNode, label: string): FlowStep {
  return {line: node.startPosition.row + 1, column: node.startPosition.column + 1, snippet: snippetOf(node), label};
}

function inside(node: SyntaxNode, outer: SyntaxNode): boolean {
  return node.startIndex >= outer.startIndex && node.endIndex <= outer.endIndex;
}

function blockOf(node: SyntaxNode | null): SyntaxNode | null {
  if (!node) return null;
  for (const c of node.namedChildren) if (c.type === 'block') return c;
  return null;
}

/** `name in X` tests in a condition (through `and`), with `not in` when `negated`. */
function membershipTests(cond: SyntaxNode | null, negated: boolean, out: SyntaxNode[] = []): SyntaxNode[] {
  const c = unwrap(cond);
  if (!c) return out;
  if (c.type === 'boolean_operator') {
    if (c.childForFieldName('operator')?.type === (negated ? 'or' : 'and')) {
      membershipTests(c.childForFieldName('left'), negated, out);
      membershipTests(c.childForFieldName('right'), negated, out);
    }
  } else if (c.type === 'not_operator') {
    membershipTests(c.childForFieldName('argument'), !negated, out);
  } else if (c.type === 'comparison_operator' && c.namedChildCount === 2) {
    const ops = c.childrenForFieldName('operators');
    if (ops.length === 1 && ops[0]!.type === (negated ? 'not in' : 'in')) out.push(c);
  }
  return out;
}

class Flow implements FlowAnalysis {
  private env: Env = new Map();
  private readonly tracks = new Map<string, Track>();
  private readonly globals = new Set<string>();
  private readonly dotted = new Set<string>();
  private frames: Map<string, Value>[] = [];
  private building = true;
  private readonly loops: LoopEscapes[] = [];
  private readonly cache = new Map<number, Value>();

  /** Whether the scope's text mentions a source at all: if not, taint questions need no walk. */
  private readonly maySource: boolean;
  private built = false;
  private failed = false;

  /** Parameters of a route handler that the URL path fills: request data from the start. */
  private readonly routeParams: {name: string; node: SyntaxNode}[];

  constructor(
    private readonly scope: SyntaxNode,
    private readonly names: NameTable,
  ) {
    this.routeParams = scope.type === 'function_definition' ? routeParameters(scope, decoratorsOf(scope)) : [];
    this.maySource = this.routeParams.length > 0 || SOURCE_WORDS.test(scope.text) || names.imports().includes('sys.argv');
  }

  /** The one pass over the scope's statements, on the first question that needs it. */
  private build(): void {
    if (this.built) return;
    this.built = true;
    const scope = this.scope;
    spent = 0;
    try {
      for (const p of this.routeParams) this.assign(p.name, {...UNKNOWN, taint: stepAt(p.node, `route parameter ${p.name}`)}, p.node.startIndex);
      this.block(scope.type === 'function_definition' ? scope.childForFieldName('body') : scope);
    } catch (err) {
      // Pathologically deep or large code: answer "unknown, clean" rather than half an analysis.
      if (!(err instanceof RangeError) && !(err instanceof FlowBudgetExceeded)) throw err;
      this.failed = true;
    } finally {
      this.building = false;
      this.env = new Map();
      this.frames = [];
    }
  }

  // ---- queries

  taintOf(expr: SyntaxNode, sink?: Sink): FlowStep | null {
    if (!this.maySource) return null;
    const v = this.value(expr);
    if (!v.taint) return null;
    if (sink ? v.clean & BIT[sink] : v.clean === EVERY) return null;
    return v.taint;
  }

  isConstant(expr: SyntaxNode): boolean {
    return this.value(expr).constant;
  }

  prefixOf(expr: SyntaxNode): string {
    return this.value(expr).prefix;
  }

  private value(expr: SyntaxNode): Value {
    const hit = this.cache.get(expr.id);
    if (hit) return hit;
    this.build();
    // Lambdas and comprehensions around the expression bind names of their own.
    const around: SyntaxNode[] = [];
    for (let p = expr.parent; p && p.id !== this.scope.id; p = p.parent) {
      const t = p.type;
      if (t === 'lambda' || COMPREHENSIONS.has(t)) around.push(p);
      else if (t === 'block' || t === 'module' || t === 'function_definition') break;
    }
    this.frames = [];
    for (let i = around.length - 1; i >= 0; i--) {
      const p = around[i]!;
      const frame = new Map<string, Value>();
      if (p.type === 'lambda') {
        for (const name of lambdaParameters(p)) frame.set(name, UNKNOWN);
        this.frames.push(frame);
      } else {
        this.frames.push(frame);
        for (const clause of p.namedChildren) {
          if (clause.type !== 'for_in_clause') continue;
          const right = clause.childForFieldName('right');
          if (right && inside(expr, right)) break;
          this.bindFor(clause.childForFieldName('left'), right, frame);
        }
      }
    }
    let v = UNKNOWN;
    try {
      if (!this.failed) v = this.eval(expr);
    } catch (err) {
      if (!(err instanceof RangeError) && !(err instanceof FlowBudgetExceeded)) throw err;
    }
    this.frames = [];
    this.cache.set(expr.id, v);
    return v;
  }

  // ---- bindings

  private record(key: string, v: Value | null, pos: number): void {
    let t = this.tracks.get(key);
    if (!t) {
      t = {pos: [], val: []};
      this.tracks.set(key, t);
    }
    while (t.pos.length > 0 && t.pos[t.pos.length - 1]! >= pos) {
      t.pos.pop();
      t.val.pop();
    }
    t.pos.push(pos);
    t.val.push(v);
  }

  private set(key: string, v: Value | null, pos: number): void {
    if (v) this.env.set(key, v);
    else this.env.delete(key);
    this.record(key, v, pos);
  }

  /** Bind a name (or dotted attribute key) and forget what was known about its attributes. */
  private assign(key: string, v: Value, pos: number): void {
    if (this.dotted.size > 0) {
      const prefix = `${key}.`;
      for (const d of this.dotted) if (d.startsWith(prefix) && this.env.has(d)) this.set(d, null, pos);
    }
    if (key.includes('.')) this.dotted.add(key);
    const bound = v.mutable || v.direct ? {...v, constant: false, direct: false} : v;
    this.set(key, bound, pos);
  }

  /** Whatever `key` is bound to at `at` (undefined when it is not bound in this scope). */
  private read(key: string, at: number): Value | undefined {
    if (this.frames.length > 0) {
      const dot = key.indexOf('.');
      const head = dot < 0 ? key : key.slice(0, dot);
      for (let i = this.frames.length - 1; i >= 0; i--) {
        const v = this.frames[i]!.get(head);
        if (v) return dot < 0 ? v : undefined;
      }
    }
    let v: Value | null | undefined;
    if (this.building) v = this.env.get(key);
    else {
      const t = this.tracks.get(key);
      if (!t) return undefined;
      // Last binding at or before `at`.
      let lo = 0;
      let hi = t.pos.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (t.pos[mid]! <= at) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      v = found < 0 ? undefined : t.val[found];
    }
    if (!v) return undefined;
    return v.constant && this.globals.has(key) ? {...v, constant: false} : v;
  }

  private copyEnv(): Env {
    spend(this.env.size);
    return new Map(this.env);
  }

  /** Make `target` the environment from `pos` on, recording what changes. */
  private restore(target: Env, pos: number): void {
    spend(target.size + this.env.size);
    for (const [k, v] of target) if (this.env.get(k) !== v) this.record(k, v, pos);
    for (const k of this.env.keys()) if (!target.has(k)) this.record(k, null, pos);
    this.env = new Map(target);
  }

  /** Drop every binding recorded at or after `pos` (a loop body about to be walked again). */
  private truncate(pos: number): void {
    for (const t of this.tracks.values()) {
      while (t.pos.length > 0 && t.pos[t.pos.length - 1]! >= pos) {
        t.pos.pop();
        t.val.pop();
      }
    }
  }

  private keyOf(node: SyntaxNode | null): string | null {
    const n = unwrap(node);
    if (!n) return null;
    if (n.type === 'identifier') return n.text;
    if (n.type === 'attribute') {
      const t = n.text;
      return DOTTED.test(t) ? t : null;
    }
    return null;
  }

  /** Bind an assignment target to `v`; `rhs` is the assigned expression when known (for element-wise unpacking). */
  private bind(target: SyntaxNode | null, rhs: SyntaxNode | null, v: Value, pos: number, frame?: Map<string, Value>): void {
    const t = unwrap(target);
    if (!t) return;
    switch (t.type) {
      case 'identifier':
        if (frame) frame.set(t.text, v);
        else this.assign(t.text, v, pos);
        return;
      case 'attribute': {
        const key = frame ? null : this.keyOf(t);
        if (key) this.assign(key, v, pos);
        return;
      }
      case 'subscript': {
        const key = frame ? null : this.keyOf(t.childForFieldName('value'));
        if (key) this.mutate(key, [withClean(v, BIT.mass), this.eval(t.childForFieldName('subscript'))], pos);
        return;
      }
      case 'list_splat_pattern':
      case 'list_splat':
        this.bind(t.firstNamedChild, null, {...derived(v), mutable: true}, pos, frame);
        return;
      default:
        if (!PATTERNS.has(t.type)) return;
    }
    const targets = t.namedChildren.filter(c => c.type !== 'comment');
    const r = unwrap(rhs);
    if (r && PATTERNS.has(r.type)) {
      const items = r.namedChildren.filter(c => c.type !== 'comment');
      if (items.length === targets.length && !items.some(i => i.type === 'list_splat') && !targets.some(x => x.type === 'list_splat_pattern')) {
        targets.forEach((x, i) => this.bind(x, items[i]!, this.eval(items[i]!), pos, frame));
        return;
      }
    }
    const e = derived(v);
    for (const x of targets) this.bind(x, null, e, pos, frame);
  }

  /** Bind a `for` target (statement or comprehension) to the elements of `iter`. */
  private bindFor(left: SyntaxNode | null, iter: SyntaxNode | null, frame?: Map<string, Value>, pos = 0): void {
    const l = unwrap(left);
    if (!l) return;
    const it = unwrap(iter);
    const whole = this.eval(it);
    if (it && it.type === 'call' && PATTERNS.has(l.type)) {
      const targets = l.namedChildren.filter(c => c.type !== 'comment');
      const fn = this.qualname(unwrap(it.childForFieldName('function')));
      const args = this.positional(it);
      let parts: Value[] | null = null;
      if (fn === 'enumerate' && targets.length === 2 && args.length >= 1) parts = [UNKNOWN, derived(this.eval(args[0]!))];
      else if (fn === 'zip' && targets.length === args.length) parts = args.map(a => derived(this.eval(a)));
      if (parts) {
        targets.forEach((x, i) => this.bind(x, null, parts![i]!, pos, frame));
        return;
      }
    }
    this.bind(l, null, derived(whole), pos, frame);
  }

  private mutate(key: string, parts: Value[], pos: number): void {
    const old = this.read(key, pos) ?? UNKNOWN;
    const v = combine([old, ...parts]);
    this.set(key, {...v, constant: false, mutable: true}, pos);
  }

  // ---- statements

  /** Walk a block (or the module); false when it cannot fall through (ends in return/raise). */
  private block(node: SyntaxNode | null): boolean {
    if (!node) return true;
    let falls = true;
    for (const s of node.namedChildren) if (!this.stmt(s)) falls = false;
    return falls;
  }

  private stmt(s: SyntaxNode): boolean {
    switch (s.type) {
      case 'expression_statement':
        for (const c of s.namedChildren) this.expressionStatement(c);
        return true;
      case 'return_statement':
      case 'raise_statement':
        return false;
      case 'break_statement':
      case 'continue_statement': {
        const escapes = this.loops[this.loops.length - 1];
        if (escapes) (s.type === 'break_statement' ? escapes.breaks : escapes.continues).push(this.copyEnv());
        return false;
      }
      case 'if_statement':
        return this.ifStatement(s);
      case 'for_statement':
        this.forStatement(s);
        return true;
      case 'while_statement':
        this.whileStatement(s);
        return true;
      case 'try_statement':
        return this.tryStatement(s);
      case 'with_statement':
        return this.withStatement(s);
      case 'match_statement':
        this.matchStatement(s);
        return true;
      case 'function_definition':
      case 'class_definition':
        this.definition(s);
        return true;
      case 'decorated_definition': {
        const d = s.childForFieldName('definition');
        if (d) this.definition(d);
        return true;
      }
      case 'assert_statement': {
        const cond = s.firstNamedChild;
        this.condition(cond);
        this.allowList(cond, false, s.endIndex);
        return true;
      }
      case 'delete_statement':
        for (const c of s.namedChildren) {
          const targets = c.type === 'expression_list' || c.type === 'tuple' ? c.namedChildren : [c];
          for (const x of targets) {
            const key = this.keyOf(x);
            if (key) this.set(key, null, s.endIndex);
          }
        }
        return true;
      case 'global_statement':
      case 'nonlocal_statement':
        for (const c of s.namedChildren) if (c.type === 'identifier') this.globals.add(c.text);
        return true;
      default:
        return true;
    }
  }

  private expressionStatement(c: SyntaxNode): void {
    switch (c.type) {
      case 'assignment':
        this.assignment(c);
        return;
      case 'augmented_assignment': {
        const left = unwrap(c.childForFieldName('left'));
        const right = this.eval(c.childForFieldName('right'));
        if (!left) return;
        if (left.type === 'subscript') {
          const key = this.keyOf(left.childForFieldName('value'));
          if (key) this.mutate(key, [right], c.endIndex);
          return;
        }
        const key = this.keyOf(left);
        if (!key) return;
        const old = this.read(key, c.startIndex) ?? UNKNOWN;
        const op = c.childForFieldName('operator')?.type ?? '';
        this.assign(key, this.operation(op.slice(0, -1), old, right), c.endIndex);
        return;
      }
      case 'call':
      case 'await': {
        const call = c.type === 'await' ? unwrap(c.firstNamedChild) : c;
        if (call?.type === 'call') this.mutatingCall(call);
        return;
      }
      default:
    }
  }

  private assignment(node: SyntaxNode): void {
    const targets: SyntaxNode[] = [];
    let cur = node;
    for (;;) {
      const left = cur.childForFieldName('left');
      if (left) targets.push(left);
      const right = cur.childForFieldName('right');
      if (!right) return; // annotation only
      if (right.type === 'assignment') {
        cur = right;
        continue;
      }
      const v = this.eval(right);
      for (const t of targets) this.bind(t, right, v, node.endIndex);
      return;
    }
  }

  /** `x.append(t)`, `x.update(t)`: the receiver now holds `t`. */
  private mutatingCall(call: SyntaxNode): void {
    const fn = unwrap(call.childForFieldName('function'));
    if (fn?.type !== 'attribute') return;
    const kind = MUTATORS.get(fn.childForFieldName('attribute')?.text ?? '');
    if (!kind) return;
    const key = this.keyOf(fn.childForFieldName('object'));
    if (!key) return;
    const args = call.childForFieldName('arguments');
    const parts: Value[] = [];
    for (const a of args?.namedChildren ?? []) {
      if (a.type === 'comment') continue;
      // keyword arguments of update() name their keys in the source: clean for mass assignment
      const v = a.type === 'keyword_argument' ? withClean(this.eval(a.childForFieldName('value')), BIT.mass) : this.eval(a);
      parts.push(kind === 'element' ? withClean(v, BIT.mass) : v);
    }
    this.mutate(key, parts, call.endIndex);
  }

  /** A condition: walrus bindings, and path guards on resolved names. */
  private condition(cond: SyntaxNode | null): void {
    if (!cond) return;
    this.eval(cond);
    const text = cond.text;
    if (!text.includes('startswith') && !text.includes('is_relative_to') && !text.includes('commonpath')) return;
    for (const call of cond.descendantsOfType('call')) {
      const fn = unwrap(call.childForFieldName('function'));
      if (!fn) continue;
      const targets: SyntaxNode[] = [];
      if (fn.type === 'attribute') {
        const m = fn.childForFieldName('attribute')?.text;
        if (m === 'startswith' || m === 'is_relative_to') {
          const o = unwrap(fn.childForFieldName('object'));
          if (o) targets.push(o);
        }
      }
      if (this.qualname(fn) === 'os.path.commonpath') {
        const first = this.positional(call)[0];
        if (first && (first.type === 'list' || first.type === 'tuple')) targets.push(...first.namedChildren);
      }
      for (const target of targets) {
        let node: SyntaxNode | null = unwrap(target);
        let resolvedHere = false;
        const inner = node ? this.resolvedArgument(node) : null;
        if (inner) {
          node = inner;
          resolvedHere = true;
        }
        const key = this.keyOf(node);
        if (!key) continue;
        const v = this.read(key, cond.startIndex);
        if (v && v.taint && (resolvedHere || v.resolved)) this.set(key, withClean(v, BIT.path), cond.endIndex);
      }
    }
  }

  /** For `realpath(x)` / `x.resolve()`: the node `x`; otherwise null. */
  private resolvedArgument(node: SyntaxNode): SyntaxNode | null {
    if (node.type !== 'call') return null;
    const fn = unwrap(node.childForFieldName('function'));
    if (!fn) return null;
    if (fn.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'resolve') return unwrap(fn.childForFieldName('object'));
    return FUNCTIONS.get(this.qualname(fn)) === 'resolve' ? (this.positional(node)[0] ?? null) : null;
  }

  /** `if k in ALLOWED:` clears `k` inside; `if k not in ALLOWED: return` clears it after. */
  private allowList(cond: SyntaxNode | null, negated: boolean, pos: number): void {
    for (const test of membershipTests(cond, negated)) {
      const key = this.keyOf(test.namedChildren[0] ?? null);
      if (!key) continue;
      const v = this.read(key, pos);
      if (!v || !v.taint || this.eval(test.namedChildren[1] ?? null).taint) continue;
      this.set(key, withClean(v, EVERY), pos);
    }
  }

  private ifStatement(s: SyntaxNode): boolean {
    const cond = s.childForFieldName('condition');
    this.condition(cond);
    let pre = this.copyEnv();
    const outs: Env[] = [];
    const consequence = s.childForFieldName('consequence');
    if (consequence) this.allowList(cond, false, consequence.startIndex);
    let falls = this.block(consequence);
    const bodyFalls = falls;
    if (falls) outs.push(this.env);
    let hasElse = false;
    const alternatives = s.childrenForFieldName('alternative');
    for (const alt of alternatives) {
      this.restore(pre, alt.startIndex);
      if (alt.type === 'elif_clause') {
        const c = alt.childForFieldName('condition');
        this.condition(c);
        pre = this.copyEnv();
        const body = alt.childForFieldName('consequence');
        if (body) this.allowList(c, false, body.startIndex);
        falls = this.block(body);
      } else {
        hasElse = true;
        falls = this.block(alt.childForFieldName('body'));
      }
      if (falls) outs.push(this.env);
    }
    if (!hasElse) outs.push(pre);
    this.restore(joinEnvs(outs), s.endIndex);
    if (!bodyFalls && alternatives.length === 0) this.allowList(cond, true, s.endIndex);
    return outs.length > 0;
  }

  /** Walk a loop body; a second time when the head would see different values. */
  private loop(body: SyntaxNode, start: number, walk: () => boolean): void {
    const pre = this.copyEnv();
    const escapes: LoopEscapes = {breaks: [], continues: []};
    this.loops.push(escapes);
    let end = this.iterationEnd(walk(), escapes);
    if (end && this.loops.length <= MAX_REWALK_DEPTH) {
      let changed = false;
      for (const [k, v] of end) {
        const before = pre.get(k) ?? UNKNOWN;
        if (!sameValue(join(before, v), before)) {
          changed = true;
          break;
        }
      }
      if (changed) {
        escapes.breaks = [];
        escapes.continues = [];
        this.truncate(start);
        spend(pre.size);
        this.env = new Map(pre);
        this.restore(joinEnvs([pre, end]), start);
        end = this.iterationEnd(walk(), escapes);
      }
    }
    this.loops.pop();
    this.restore(joinEnvs([pre, ...(end ? [end] : []), ...escapes.breaks]), body.endIndex);
  }

  /** The environment at the end of one iteration (falling off the body or `continue`), or null when none gets there. */
  private iterationEnd(falls: boolean, escapes: LoopEscapes): Env | null {
    const ends = falls ? [this.env, ...escapes.continues] : escapes.continues;
    return ends.length > 0 ? joinEnvs(ends) : null;
  }

  private forStatement(s: SyntaxNode): void {
    const left = s.childForFieldName('left');
    const right = s.childForFieldName('right');
    const body = s.childForFieldName('body');
    if (!body) return;
    const start = body.startIndex;
    this.loop(body, start, () => {
      this.bindFor(left, right, undefined, start);
      return this.block(body);
    });
    const alt = s.childForFieldName('alternative');
    if (alt) this.block(alt.childForFieldName('body'));
  }

  private whileStatement(s: SyntaxNode): void {
    const cond = s.childForFieldName('condition');
    const body = s.childForFieldName('body');
    if (!cond || !body) return;
    this.loop(body, cond.startIndex, () => {
      this.condition(cond);
      return this.block(body);
    });
    const alt = s.childForFieldName('alternative');
    if (alt) this.block(alt.childForFieldName('body'));
  }

  private tryStatement(s: SyntaxNode): boolean {
    const pre = this.copyEnv();
    const bodyFalls = this.block(s.childForFieldName('body'));
    const afterBody = this.env;
    const outs: Env[] = [];
    let elseClause: SyntaxNode | null = null;
    let finallyClause: SyntaxNode | null = null;
    for (const c of s.namedChildren) {
      if (c.type === 'except_clause' || c.type === 'except_group_clause') {
        this.restore(joinEnvs([pre, afterBody]), c.startIndex);
        const value = c.childForFieldName('value') ?? c.namedChildren.find(x => x.type === 'as_pattern') ?? null;
        if (value?.type === 'as_pattern') {
          const alias = value.childForFieldName('alias');
          const key = this.keyOf(alias?.firstNamedChild ?? null);
          if (key) this.assign(key, UNKNOWN, value.endIndex);
        }
        if (this.block(blockOf(c))) outs.push(this.env);
      } else if (c.type === 'else_clause') elseClause = c;
      else if (c.type === 'finally_clause') finallyClause = c;
    }
    if (elseClause) {
      this.restore(afterBody, elseClause.startIndex);
      if (this.block(elseClause.childForFieldName('body')) && bodyFalls) outs.push(this.env);
    } else if (bodyFalls) outs.push(afterBody);
    const joined = outs.length > 0 ? joinEnvs(outs) : joinEnvs([pre, afterBody]);
    if (finallyClause) {
      this.restore(joined, finallyClause.startIndex);
      if (!this.block(blockOf(finallyClause))) return false;
    } else this.restore(joined, s.endIndex);
    return outs.length > 0;
  }

  private withStatement(s: SyntaxNode): boolean {
    for (const clause of s.namedChildren) {
      if (clause.type !== 'with_clause') continue;
      for (const item of clause.namedChildren) {
        if (item.type !== 'with_item') continue;
        const value = item.childForFieldName('value');
        if (value?.type === 'as_pattern') {
          const v = this.eval(value.firstNamedChild);
          const alias = value.childForFieldName('alias');
          this.bind(alias?.firstNamedChild ?? null, null, v, item.endIndex);
        } else this.eval(value);
      }
    }
    return this.block(s.childForFieldName('body'));
  }

  private matchStatement(s: SyntaxNode): void {
    const subjects = s.childrenForFieldName('subject').map(x => this.eval(x));
    const subject = derived(combine(subjects));
    const pre = this.copyEnv();
    const outs: Env[] = [pre];
    const body = s.childForFieldName('body');
    for (const clause of body?.namedChildren ?? []) {
      if (clause.type !== 'case_clause') continue;
      this.restore(pre, clause.startIndex);
      for (const pattern of clause.namedChildren) {
        if (pattern.type !== 'case_pattern') continue;
        for (const id of pattern.descendantsOfType('identifier')) {
          const p = id.parent;
          if (!p) continue;
          const capture = (p.type === 'dotted_name' && p.namedChildCount === 1) || p.type === 'splat_pattern' || p.type === 'as_pattern_target';
          if (capture && id.text !== '_') this.assign(id.text, subject, pattern.endIndex);
        }
      }
      const guard = clause.childForFieldName('guard');
      if (guard) this.condition(guard.firstNamedChild);
      if (this.block(clause.childForFieldName('consequence'))) outs.push(this.env);
    }
    this.restore(joinEnvs(outs), s.endIndex);
  }

  private definition(d: SyntaxNode): void {
    if (d.type === 'class_definition') {
      // A class body runs in place; its names are the class's, not this scope's.
      const pre = this.copyEnv();
      this.block(d.childForFieldName('body'));
      this.restore(pre, d.endIndex);
    }
    const name = d.childForFieldName('name');
    if (name) this.assign(name.text, UNKNOWN, d.endIndex);
  }

  // ---- expressions

  private qualname(fn: SyntaxNode | null): string {
    if (!fn) return '';
    if (fn.type === 'identifier') return this.names.resolve(fn);
    if (fn.type === 'attribute' && DOTTED.test(fn.text)) return this.names.resolve(fn);
    return '';
  }

  private positional(call: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
      if (a.type !== 'comment' && a.type !== 'keyword_argument' && a.type !== 'dictionary_splat') out.push(a);
    }
    return out;
  }

  private source(node: SyntaxNode, label: string): Value {
    return {...UNKNOWN, taint: stepAt(node, label), direct: true};
  }

  /** The source read widened to `node` (`request.args` → `request.args.get('q')`). */
  private widen(v: Value, node: SyntaxNode): Value {
    return {...v, taint: stepAt(node, v.taint!.label)};
  }

  private eval(node: SyntaxNode | null): Value {
    const n = unwrap(node);
    if (!n) return UNKNOWN;
    switch (n.type) {
      case 'string':
      case 'concatenated_string':
        return this.evalString(n);
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'none':
      case 'ellipsis':
        return CONSTANT;
      case 'identifier': {
        const v = this.read(n.text, n.startIndex);
        if (v) return v;
        if (this.names.alias(n.text) === 'sys.argv') return this.source(n, 'sys.argv');
        return UNKNOWN;
      }
      case 'attribute':
        return this.evalAttribute(n);
      case 'subscript': {
        const base = this.eval(n.childForFieldName('value'));
        let index = CONSTANT;
        for (const s of n.childrenForFieldName('subscript')) {
          const v = this.eval(s);
          if (!v.constant) index = UNKNOWN;
        }
        if (base.direct) return this.widen(base, n);
        if (base.taint) return derived(base);
        return base.constant && index.constant ? CONSTANT : UNKNOWN;
      }
      case 'call':
        return this.evalCall(n);
      case 'binary_operator': {
        // Long chains (`a + b + c + …`) nest to the left: fold them without recursing down the spine.
        const steps: [string, SyntaxNode | null][] = [];
        let cur: SyntaxNode | null = n;
        while (cur && cur.type === 'binary_operator') {
          steps.push([cur.childForFieldName('operator')?.type ?? '', cur.childForFieldName('right')]);
          cur = unwrap(cur.childForFieldName('left'));
        }
        let v = this.eval(cur);
        for (let i = steps.length - 1; i >= 0; i--) v = this.operation(steps[i]![0], v, this.eval(steps[i]![1]));
        return v;
      }
      case 'unary_operator':
      case 'not_operator':
        return this.eval(n.childForFieldName('argument')).constant ? CONSTANT : UNKNOWN;
      case 'comparison_operator': {
        let constant = true;
        for (const c of n.namedChildren) if (!this.eval(c).constant) constant = false;
        return constant ? CONSTANT : UNKNOWN;
      }
      case 'boolean_operator':
        return join(this.eval(n.childForFieldName('left')), this.eval(n.childForFieldName('right')));
      case 'conditional_expression': {
        const [a, cond, b] = n.namedChildren.filter(c => c.type !== 'comment');
        this.eval(cond ?? null);
        return join(this.eval(a ?? null), this.eval(b ?? null));
      }
      case 'tuple':
      case 'expression_list':
      case 'pattern_list':
        return combine(n.namedChildren.filter(c => c.type !== 'comment').map(c => this.eval(c)));
      case 'list':
      case 'set':
        return {...combine(n.namedChildren.filter(c => c.type !== 'comment').map(c => this.eval(c))), mutable: true};
      case 'dictionary':
        return this.evalDictionary(n);
      case 'list_splat':
      case 'dictionary_splat':
      case 'await':
        return this.eval(n.firstNamedChild);
      case 'keyword_argument':
        return this.eval(n.childForFieldName('value'));
      case 'named_expression': {
        const v = this.eval(n.childForFieldName('value'));
        const name = n.childForFieldName('name');
        if (this.building && name && this.frames.length === 0) this.assign(name.text, v, n.endIndex);
        return v;
      }
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression':
        return this.evalComprehension(n);
      default:
        return UNKNOWN;
    }
  }

  /** `a OP b` (also the augmented form, with the `=` dropped from OP). */
  private operation(op: string, l: Value, r: Value): Value {
    if (op === '%' && l.full && reprOnly(l.prefix, PERCENT_FIELD)) r = withClean(r, BIT.log);
    const v = combine([l, r]);
    let prefix = '';
    let full = false;
    if (op === '+') {
      if (l.full) {
        prefix = l.prefix + r.prefix;
        full = r.full;
      } else prefix = l.prefix;
    } else if (op === '%') {
      const i = l.prefix.indexOf('%');
      prefix = i < 0 ? l.prefix : l.prefix.slice(0, i);
    }
    return prefix ? {...v, prefix, full: full && v.constant} : v;
  }

  private evalString(n: SyntaxNode): Value {
    const info = literalInfo(n);
    if (!info) return UNKNOWN;
    if (info.kind !== 'fstring') return constantText(info.value);
    const pieces = n.type === 'string' ? [n] : n.namedChildren.filter(c => c.type === 'string');
    const parts: Value[] = [];
    for (const piece of pieces) {
      for (const c of piece.namedChildren) {
        if (c.type !== 'interpolation') continue;
        let v = this.eval(c.childForFieldName('expression'));
        if (c.childForFieldName('type_conversion')?.text === '!r') v = withClean(v, BIT.log);
        parts.push(v);
      }
    }
    const v = combine(parts);
    const first = pieces[0]?.namedChildren[1];
    const prefix = first && first.type !== 'interpolation' ? (info.segments[0]?.value ?? '') : '';
    return prefix ? {...v, prefix, full: parts.length === 0} : v;
  }

  private evalAttribute(n: SyntaxNode): Value {
    const label = requestAttributeLabel(n);
    if (label) return this.source(n, label);
    const text = n.text;
    if (text.endsWith('argv') && this.names.resolve(n) === 'sys.argv') return this.source(n, 'sys.argv');
    if (DOTTED.test(text)) {
      const v = this.read(text, n.startIndex);
      if (v) return v;
    }
    const obj = this.eval(n.childForFieldName('object'));
    if (obj.direct) return this.widen(obj, n);
    return obj.taint ? derived(obj) : UNKNOWN;
  }

  private evalDictionary(n: SyntaxNode): Value {
    const parts: Value[] = [];
    let keysTainted = false;
    for (const c of n.namedChildren) {
      if (c.type === 'pair') {
        const k = this.eval(c.childForFieldName('key'));
        if (k.taint && !(k.clean & BIT.mass)) keysTainted = true;
        parts.push(k, this.eval(c.childForFieldName('value')));
      } else if (c.type === 'dictionary_splat') {
        const s = this.eval(c.firstNamedChild);
        if (s.taint && !(s.clean & BIT.mass)) keysTainted = true;
        parts.push(s);
      }
    }
    const v = {...combine(parts), mutable: true};
    return keysTainted ? v : withClean(v, BIT.mass);
  }

  private evalComprehension(n: SyntaxNode): Value {
    const frame = new Map<string, Value>();
    this.frames.push(frame);
    try {
      for (const clause of n.namedChildren) {
        if (clause.type === 'for_in_clause') this.bindFor(clause.childForFieldName('left'), clause.childForFieldName('right'), frame);
      }
      const body = n.childForFieldName('body');
      let v: Value;
      if (body?.type === 'pair') {
        const k = this.eval(body.childForFieldName('key'));
        v = combine([k, this.eval(body.childForFieldName('value'))]);
        if (!k.taint || k.clean & BIT.mass) v = withClean(v, BIT.mass);
      } else v = derived(this.eval(body));
      return {...v, constant: false, mutable: n.type !== 'generator_expression'};
    } finally {
      this.frames.pop();
    }
  }

  private argumentValues(call: SyntaxNode, keywordsNameKeys = false): Value[] {
    const args = call.childForFieldName('arguments');
    if (!args) return [];
    if (args.type === 'generator_expression') return [this.eval(args)];
    const out: Value[] = [];
    for (const a of args.namedChildren) {
      if (a.type === 'comment') continue;
      const v = this.eval(a);
      out.push(keywordsNameKeys && a.type === 'keyword_argument' ? withClean(v, BIT.mass) : v);
    }
    return out;
  }

  private evalCall(n: SyntaxNode): Value {
    const fn = unwrap(n.childForFieldName('function'));
    if (!fn) return UNKNOWN;
    const qual = this.qualname(fn);
    if (qual === 'input' && fn.type === 'identifier') return this.source(n, 'input()');
    if (qual) {
      const kind = FUNCTIONS.get(qual) ?? SANITISER_NAMES.get(qual.slice(qual.lastIndexOf('.') + 1));
      if (kind) return this.evalKnown(kind, qual, n);
    }
    if (fn.type !== 'attribute') return UNKNOWN;
    const label = requestAttributeLabel(fn);
    if (label) return this.source(n, label);
    const method = fn.childForFieldName('attribute')?.text ?? '';
    const recv = this.eval(fn.childForFieldName('object'));
    if (recv.direct && SOURCE_METHODS.has(method)) return this.widen(recv, n);
    switch (method) {
      case 'format':
      case 'format_map':
      case 'join': {
        let args = this.argumentValues(n);
        if (method !== 'join' && recv.full && reprOnly(recv.prefix, BRACE_FIELD)) args = args.map(a => withClean(a, BIT.log));
        const v = combine([recv, ...args]);
        if (method === 'join' || !recv.prefix) return v;
        const i = recv.prefix.indexOf('{');
        const prefix = i < 0 ? recv.prefix : recv.prefix.slice(0, i);
        return prefix ? {...v, prefix, full: v.constant && i < 0} : v;
      }
      case 'replace': {
        const args = this.positional(n);
        const v = combine([recv, ...args.map(a => this.eval(a))]);
        const first = unwrap(args[0] ?? null);
        const what = first && (first.type === 'string' || first.type === 'concatenated_string') ? literalInfo(first) : null;
        return what && what.kind === 'plain' && /[\r\n]/.test(what.value) ? withClean(v, BIT.log) : v;
      }
      case 'resolve':
        return recv.taint || recv.constant ? {...derived(recv), resolved: true} : {...UNKNOWN, resolved: true};
      default:
    }
    if (CLEAN_METHODS.has(method)) return UNKNOWN;
    if (recv.taint) return derived(recv);
    if (recv.constant && PURE_METHODS.has(method) && this.argumentValues(n).every(a => a.constant)) return CONSTANT;
    return UNKNOWN;
  }

  private evalKnown(kind: FnKind, qual: string, n: SyntaxNode): Value {
    const args = this.argumentValues(n, qual === 'dict');
    if (kind === 'clean') return args.every(a => a.constant) ? CONSTANT : UNKNOWN;
    const v = combine(args);
    switch (kind) {
      case 'pure':
        return v;
      case 'through':
        return {...v, constant: false};
      case 'container':
        return {...v, mutable: true};
      case 'resolve':
        return {...v, resolved: true};
      default:
        return withClean(v, kind.sanitise);
    }
  }
}

/** `%` conversions (`%%` skipped) and `{…}` replacement fields, with the conversion letter in group 1. */
const PERCENT_FIELD = /%(?:\([^)]*\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?([a-zA-Z%])/g;
const BRACE_FIELD = /\{\{|\}\}|\{[^{}!:]*(?:!([a-z]))?(?::[^{}]*)?\}/g;

/**
 * Whether every value a format string inserts is written as repr()/ascii() (`%r`, `{!r}`)
 * or as a number (`%d`), so no newline of the value reaches the text.
 */
function reprOnly(format: string, field: RegExp): boolean {
  let inserts = false;
  for (const m of format.matchAll(field)) {
    const c = m[1];
    if (m[0] === '{{' || m[0] === '}}' || c === '%') continue;
    inserts = true;
    if (field === BRACE_FIELD ? c !== 'r' && c !== 'a' : !c || !'radiouxXeEfFgGc'.includes(c) || c === 'c') return false;
  }
  return inserts;
}

function lambdaParameters(lambda: SyntaxNode): string[] {
  const out: string[] = [];
  for (const p of lambda.childForFieldName('parameters')?.namedChildren ?? []) {
    if (p.type === 'identifier') out.push(p.text);
    else {
      const name = p.childForFieldName('name') ?? p.firstNamedChild;
      if (name?.type === 'identifier') out.push(name.text);
    }
  }
  return out;
}

/** Build the analysis of one function (or module) body. The engine calls this lazily and caches it per scope. */
export function analyzeFlow(scope: SyntaxNode): FlowAnalysis {
  return new Flow(scope, namesOf(scope));
}
