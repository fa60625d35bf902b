/**
 * B703's judgement of the value given to mark_safe() (bandit-parity.md §5.7): a small,
 * local look at where a name got its value, reproducing Bandit's rules. Everything
 * here stays inside the enclosing function (or module): no flow across calls.
 */
import type {CheckContext} from '../../src/model/check.js';
import {plainString} from '../../src/scan/strings.js';
import {isAsyncDef, namedChildren, unwrap, type SyntaxNode} from '../../src/scan/syntax.js';
import {isConstantNode} from '../../src/scan/values.js';

/** Bandit fails on this input (an internal error): it reports nothing. */
export class BanditFailure extends Error {}

interface Scope {
  /** The statements judged, in order: a non-async def's body or the module. */
  readonly body: readonly SyntaxNode[];
  /** Regular (positional-or-keyword) parameter names; empty for the module. */
  readonly params: ReadonlySet<string>;
}

const LIMITS = {depth: 200, steps: 50_000};

function regularParams(def: SyntaxNode): Set<string> {
  const names = new Set<string>();
  const params = def.childForFieldName('parameters');
  if (!params) return names;
  const all = namedChildren(params);
  const slash = all.findIndex(p => p.type === 'positional_separator');
  for (const p of all.slice(slash + 1)) {
    const t = p.type;
    if (t === 'keyword_separator' || t === 'list_splat_pattern' || t === 'dictionary_splat_pattern') break;
    if (t === 'identifier') names.add(p.text);
    else if (t === 'typed_parameter') {
      const first = p.firstNamedChild;
      if (first?.type !== 'identifier') break; // `*args: T` or `**kw: T`
      names.add(first.text);
    } else if (t === 'default_parameter' || t === 'typed_default_parameter') {
      const n = p.childForFieldName('name');
      if (n?.type === 'identifier') names.add(n.text);
    }
  }
  return names;
}

function defScope(def: SyntaxNode): Scope {
  return {body: namedChildren(def.childForFieldName('body') ?? def), params: regularParams(def)};
}

/**
 * The nearest enclosing non-async def, else the module. Classes, lambdas, comprehensions
 * and async defs are walked through; a decorator belongs to the def it decorates.
 */
function scopeOf(node: SyntaxNode): Scope {
  let n = node.parent;
  while (n) {
    const t = n.type;
    if (t === 'function_definition' && !isAsyncDef(n)) return defScope(n);
    if (t === 'decorator') {
      const def = n.parent?.childForFieldName('definition');
      if (def && def.type === 'function_definition' && !isAsyncDef(def)) return defScope(def);
    }
    if (t === 'module') return {body: namedChildren(n), params: new Set()};
    n = n.parent;
  }
  return {body: [], params: new Set()};
}

/** A statement's first line as CPython counts it (a decorated def starts at `def`). */
function stmtLine(stmt: SyntaxNode): number {
  const s = stmt.type === 'decorated_definition' ? (stmt.childForFieldName('definition') ?? stmt) : stmt;
  return s.startPosition.row + 1;
}

const lineOf = (n: SyntaxNode): number => n.startPosition.row + 1;
const isPlain = (n: SyntaxNode): boolean => plainString(n) !== null;

/** The statements of a block-like field (a `block`, or the body of an else/finally clause). */
function blockOf(n: SyntaxNode | null): SyntaxNode[] {
  if (!n) return [];
  if (n.type === 'block') return namedChildren(n);
  const b = n.childForFieldName('body') ?? n.childForFieldName('consequence') ?? namedChildren(n).find(c => c.type === 'block');
  return b ? namedChildren(b) : [];
}

type Assigned = SyntaxNode | SyntaxNode[] | null;

class Judge {
  private steps = 0;
  private depth = 0;

  constructor(
    private readonly ctx: CheckContext,
    private readonly scope: Scope,
  ) {}

  private enter(): void {
    if (++this.steps > LIMITS.steps || ++this.depth > LIMITS.depth) throw new BanditFailure('too deep');
  }

  /** The values of the statements of a block that assign `name` (compound statements yield lists). */
  private collect(stmts: readonly SyntaxNode[], name: string): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (const s of stmts) {
      const a = this.assigned(s, name);
      if (Array.isArray(a)) out.push(...a);
      else if (a) out.push(a);
    }
    return out;
  }

  /** Where `name` gets a value in one statement, looking into nested blocks as Bandit does. */
  assigned(stmt: SyntaxNode, name: string): Assigned {
    switch (stmt.type) {
      case 'expression_statement': {
        if (stmt.namedChildCount !== 1) return null;
        const e = stmt.firstNamedChild!;
        if (e.type === 'augmented_assignment') {
          const target = unwrap(e.childForFieldName('left'));
          return target?.type === 'identifier' && target.text === name ? unwrap(e.childForFieldName('right')) : null;
        }
        if (e.type !== 'assignment' || e.childForFieldName('type')) return null;
        let value = unwrap(e.childForFieldName('right'));
        while (value && value.type === 'assignment') value = unwrap(value.childForFieldName('right'));
        const target = unwrap(e.childForFieldName('left'));
        if (!target || !value) return null;
        if (target.type === 'identifier') return target.text === name ? value : null;
        if ((target.type === 'pattern_list' || target.type === 'tuple_pattern') && (value.type === 'expression_list' || value.type === 'tuple')) {
          const values = namedChildren(value);
          let pos = 0;
          for (const el of namedChildren(target)) {
            const t = unwrap(el);
            if (t?.type !== 'identifier') throw new BanditFailure('target without a name');
            if (t.text === name) {
              const v = values[pos];
              if (!v) throw new BanditFailure('too few values');
              return unwrap(v);
            }
            pos++;
          }
        }
        return null;
      }
      case 'decorated_definition':
        return this.assigned(stmt.childForFieldName('definition') ?? stmt, name);
      case 'function_definition':
        return isAsyncDef(stmt) ? null : this.collect(blockOf(stmt.childForFieldName('body')), name);
      case 'with_statement': {
        if (stmt.firstChild?.type === 'async') return null;
        const clause = namedChildren(stmt).find(c => c.type === 'with_clause');
        let result: Assigned = null;
        for (const item of clause ? namedChildren(clause) : []) {
          if (item.type !== 'with_item') continue;
          const v = item.childForFieldName('value');
          const alias = v?.type === 'as_pattern' ? unwrap(v.childForFieldName('alias')?.firstNamedChild) : null;
          result = alias?.type === 'identifier' && alias.text === name ? stmt : this.collect(blockOf(stmt.childForFieldName('body')), name);
        }
        return result;
      }
      case 'try_statement': {
        const parts = namedChildren(stmt);
        // `except*` is a different statement in CPython, which Bandit does not look into.
        if (parts.some(p => p.type === 'except_clause' && p.children.some(c => c.type === '*'))) return null;
        const out = this.collect(blockOf(stmt.childForFieldName('body')), name);
        for (const p of parts) {
          if (p.type === 'except_clause' || p.type === 'except_group_clause' || p.type === 'else_clause' || p.type === 'finally_clause') {
            out.push(...this.collect(blockOf(p), name));
          }
        }
        return out;
      }
      case 'if_statement': {
        const out = this.collect(blockOf(stmt.childForFieldName('consequence')), name);
        for (const p of namedChildren(stmt)) {
          if (p.type === 'elif_clause' || p.type === 'else_clause') out.push(...this.collect(blockOf(p), name));
        }
        return out;
      }
      case 'for_statement':
      case 'while_statement': {
        if (stmt.firstChild?.type === 'async') return null;
        const out = this.collect(blockOf(stmt.childForFieldName('body')), name);
        const alt = stmt.childForFieldName('alternative');
        if (alt) out.push(...this.collect(blockOf(alt), name));
        return out;
      }
      default:
        return null;
    }
  }

  /** Whether `name` holds only literal text when line `limit` runs. */
  resolves(name: string, limit: number): boolean {
    if (this.scope.params.has(name)) return false;
    this.enter();
    let result = false;
    for (const stmt of this.scope.body) {
      if (stmtLine(stmt) >= limit) break;
      const to = this.assigned(stmt, name);
      if (!to || (Array.isArray(to) && to.length === 0)) continue;
      if (Array.isArray(to)) {
        const line = stmtLine(stmt);
        result = to.every(v => isPlain(v) || (v.type === 'identifier' && this.resolves(v.text, line)));
        if (!result) break;
      } else if (isPlain(to)) result = true;
      else if (to.type === 'identifier') result = this.resolves(to.text, lineOf(to));
      else if (to.type === 'call') result = this.safeCall(to);
      else {
        result = false;
        break;
      }
    }
    this.depth--;
    return result;
  }

  /** Only `<constant>.format(...)` without keywords, over safe arguments, can be safe. */
  safeCall(node: SyntaxNode): boolean {
    const callee = unwrap(node.childForFieldName('function'));
    if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'format') return false;
    if (!isConstantNode(callee.childForFieldName('object'))) return false;
    const call = this.ctx.call(node);
    if (call.keywords.length > 0 || call.hasKwargsSplat) return false;
    return this.safeArgs(call.args, lineOf(node));
  }

  /** The arguments of a format call (or the items of a `%` right-hand side) judged at `line`. */
  safeArgs(initial: readonly SyntaxNode[], line: number): boolean {
    this.enter();
    const args = [...initial];
    let ok = 0;
    for (const a of args) {
      if (isPlain(a)) ok++;
      else if (a.type === 'identifier' && this.resolves(a.text, line)) ok++;
      else if (a.type === 'call' && this.safeCall(a)) ok++;
      else if (a.type === 'list_splat') {
        const inner = unwrap(a.firstNamedChild);
        if (inner?.type !== 'list' && inner?.type !== 'tuple') break;
        for (const el of namedChildren(inner)) args.push(unwrap(el) ?? el);
        ok++;
      } else break;
    }
    this.depth--;
    return ok === args.length;
  }
}

/**
 * Whether the first argument of a mark_safe-like call is unsafe, per Bandit's rules.
 * Throws BanditFailure where Bandit itself fails (it then reports nothing).
 */
export function markSafeArgumentUnsafe(call: SyntaxNode, arg: SyntaxNode, ctx: CheckContext): boolean {
  const scope = scopeOf(call);
  const judge = new Judge(ctx, scope);
  switch (arg.type) {
    case 'identifier':
      return scope.params.has(arg.text) || !judge.resolves(arg.text, lineOf(call));
    case 'call':
      return !judge.safeCall(arg);
    case 'binary_operator': {
      const left = unwrap(arg.childForFieldName('left'));
      if (arg.childForFieldName('operator')?.type !== '%' || !left || !isPlain(left)) return true;
      const right = unwrap(arg.childForFieldName('right'));
      if (!right) return true;
      const items = right.type === 'tuple' ? namedChildren(right).map(n => unwrap(n) ?? n) : [right];
      return !judge.safeArgs(items, lineOf(arg));
    }
    default:
      return true;
  }
}
