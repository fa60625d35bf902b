/** Small helpers over syntax nodes that every part of the engine uses. */
import type {SyntaxNode} from './tree.js';

export type {SyntaxNode, Tree} from './tree.js';

/** CPython has no parentheses in its AST: look through them. */
export function unwrap(node: SyntaxNode | null | undefined): SyntaxNode | null {
  let n = node ?? null;
  while (n && n.type === 'parenthesized_expression') {
    const inner = n.firstNamedChild;
    // `(yield x)` and comments: take the first named non-comment child.
    let c = inner;
    while (c && c.type === 'comment') c = c.nextNamedSibling;
    if (!c) return n;
    n = c;
  }
  return n;
}

/** 1-based line of a node's start. */
export function lineOf(node: SyntaxNode): number {
  return node.startPosition.row + 1;
}

export function endLineOf(node: SyntaxNode): number {
  return node.endPosition.row + 1;
}

/** Named children without comments. */
export function namedChildren(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const c of node.namedChildren) if (c.type !== 'comment') out.push(c);
  return out;
}

const FUNCTION_TYPES = new Set(['function_definition', 'lambda']);

/** The nearest enclosing node of one of the given types, or null. */
export function closest(node: SyntaxNode, types: ReadonlySet<string>): SyntaxNode | null {
  let n = node.parent;
  while (n) {
    if (types.has(n.type)) return n;
    n = n.parent;
  }
  return null;
}

/** The last name of an expression (`self.conf` → `conf`, `app` → `app`), or '' when it is not a name. */
export function lastNameOf(expr: SyntaxNode | null | undefined): string {
  const e = unwrap(expr);
  if (!e) return '';
  if (e.type === 'identifier') return e.text;
  if (e.type === 'attribute') return e.childForFieldName('attribute')?.text ?? '';
  return '';
}

/** The nearest enclosing `def` (sync or async), or null at module level. */
export function enclosingFunction(node: SyntaxNode): SyntaxNode | null {
  let n = node.parent;
  while (n) {
    if (n.type === 'function_definition') return n;
    n = n.parent;
  }
  return null;
}

export function isAsyncDef(def: SyntaxNode): boolean {
  return def.firstChild?.type === 'async';
}

/**
 * The qualified name of the scope that encloses a node: `Class.method`, `func`,
 * or '' at module level. Lambdas are not scopes here (they have no name).
 */
export function scopeName(node: SyntaxNode): string {
  const parts: string[] = [];
  let n: SyntaxNode | null = node.type === 'function_definition' || node.type === 'class_definition' ? node.parent : node.parent;
  while (n) {
    if (n.type === 'function_definition' || n.type === 'class_definition') {
      const name = n.childForFieldName('name');
      if (name) parts.push(name.text);
    }
    n = n.parent;
  }
  return parts.reverse().join('.');
}

export {FUNCTION_TYPES};

/** The simple statement (or compound statement header owner) that contains a node. */
const SIMPLE_STATEMENTS = new Set([
  'expression_statement',
  'return_statement',
  'assert_statement',
  'delete_statement',
  'raise_statement',
  'import_statement',
  'import_from_statement',
  'future_import_statement',
  'global_statement',
  'nonlocal_statement',
  'print_statement',
  'exec_statement',
  'type_alias_statement',
  'pass_statement',
  'break_statement',
  'continue_statement',
]);

export function enclosingSimpleStatement(node: SyntaxNode): SyntaxNode | null {
  let n: SyntaxNode | null = node;
  while (n) {
    if (SIMPLE_STATEMENTS.has(n.type)) return n;
    const t = n.type;
    if (t === 'block' || t === 'module' || t.endsWith('_definition') || t.endsWith('_clause')) return null;
    n = n.parent;
  }
  return null;
}

/** The identifier text of a def/class name. */
export function definitionName(def: SyntaxNode): string {
  return def.childForFieldName('name')?.text ?? '';
}

/** Decorators of a function or class definition (empty when undecorated). */
export function decoratorsOf(def: SyntaxNode): SyntaxNode[] {
  const parent = def.parent;
  if (!parent || parent.type !== 'decorated_definition') return [];
  return parent.namedChildren.filter(c => c.type === 'decorator');
}

/** The statements of a block, comments left out. */
export function statementsOf(block: SyntaxNode | null): SyntaxNode[] {
  if (!block) return [];
  return namedChildren(block);
}

/** The body statements of a def, without a leading docstring. */
export function bodyWithoutDocstring(def: SyntaxNode): SyntaxNode[] {
  const stmts = statementsOf(def.childForFieldName('body'));
  if (stmts.length > 0 && isDocstring(stmts[0]!)) return stmts.slice(1);
  return stmts;
}

export function isDocstring(stmt: SyntaxNode): boolean {
  if (stmt.type !== 'expression_statement' || stmt.namedChildCount !== 1) return false;
  const c = stmt.firstNamedChild!;
  return c.type === 'string' || c.type === 'concatenated_string';
}

const NESTED_SCOPES: ReadonlySet<string> = new Set(['function_definition', 'class_definition']);
const withNestedScopes = new Map<readonly string[], string[]>();

/**
 * Descendants of `node` of the given types, in source order, leaving out the nested defs
 * and classes and everything inside them (code that runs at another time).
 */
export function descendantsInScope(node: SyntaxNode, types: readonly string[]): SyntaxNode[] {
  let query = withNestedScopes.get(types);
  if (!query) {
    query = [...new Set([...types, ...NESTED_SCOPES])];
    withNestedScopes.set(types, query);
  }
  const out: SyntaxNode[] = [];
  let skipUntil = -1;
  for (const n of node.descendantsOfType(query)) {
    if (n.startIndex < skipUntil) continue;
    if (NESTED_SCOPES.has(n.type)) {
      skipUntil = n.endIndex;
      continue;
    }
    out.push(n);
  }
  return out;
}
