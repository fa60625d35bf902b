/**
 * The access family (R701–R705): what "always grants" means for a replacement, and the
 * shapes of permissive settings.
 */
import type {CheckContext} from '../../src/model/check.js';
import {shortName} from '../../src/scan/names.js';
import {plainString} from '../../src/scan/strings.js';
import {bodyWithoutDocstring, definitionName, unwrap, type SyntaxNode} from '../../src/scan/syntax.js';

/** Mock classes whose instances return `return_value` when called. */
const MOCK_FACTORIES: ReadonlySet<string> = new Set(['Mock', 'MagicMock', 'AsyncMock']);

/** A def whose body, docstring aside, is only `return True`. */
export function returnsOnlyTrue(def: SyntaxNode): boolean {
  const body = bodyWithoutDocstring(def);
  if (body.length !== 1) return false;
  const stmt = body[0]!;
  if (stmt.type !== 'return_statement') return false;
  return unwrap(stmt.firstNamedChild)?.type === 'true';
}

/** The defs directly in a block (decorated ones included), by name. */
function defIn(block: SyntaxNode | null, name: string): SyntaxNode | null {
  if (!block) return null;
  for (const stmt of block.namedChildren) {
    const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (def?.type === 'function_definition' && definitionName(def) === name) return def;
  }
  return null;
}

/**
 * A local def named `name` visible from `from`: a def in the body of one of the functions
 * enclosing `from` (the innermost first). Module-level and class-level defs are not local.
 */
export function localDef(from: SyntaxNode, name: string): SyntaxNode | null {
  for (let n = from.parent; n; n = n.parent) {
    if (n.type !== 'function_definition') continue;
    const def = defIn(n.childForFieldName('body'), name);
    if (def) return def;
  }
  return null;
}

/** Whether a keyword argument's value is the literal `True`. */
function isTrue(node: SyntaxNode | null | undefined): boolean {
  return unwrap(node)?.type === 'true';
}

/**
 * How a replacement value always grants, or null: `lambda …: True`,
 * `Mock(return_value=True)` / `MagicMock(…)` / `AsyncMock(…)`, or the name of a local def
 * whose body is only `return True`.
 */
export function grantsAlways(value: SyntaxNode | null | undefined, ctx: CheckContext): string | null {
  const v = unwrap(value);
  if (!v) return null;
  switch (v.type) {
    case 'lambda':
      return isTrue(v.childForFieldName('body')) ? 'a lambda that returns True' : null;
    case 'call': {
      const call = ctx.call(v);
      if (!MOCK_FACTORIES.has(call.name)) return null;
      return isTrue(call.keyword('return_value')?.value) ? `${call.name}(return_value=True)` : null;
    }
    case 'identifier': {
      const def = localDef(v, v.text);
      return def && returnsOnlyTrue(def) ? `${v.text}(), which only returns True` : null;
    }
    default:
      return null;
  }
}

/** Whether an expression names DRF's `AllowAny` (a name, an attribute, or a dotted string). */
export function isAllowAny(node: SyntaxNode | null | undefined, ctx: CheckContext): boolean {
  const n = unwrap(node);
  if (!n) return false;
  if (n.type === 'identifier' || n.type === 'attribute') return shortName(ctx.names.resolve(n)) === 'AllowAny';
  if (n.type === 'string' || n.type === 'concatenated_string') {
    const s = plainString(n);
    return s !== null && shortName(s) === 'AllowAny';
  }
  // DRF composes permissions: `IsAuthenticated | AllowAny` lets anyone through.
  if (n.type === 'binary_operator' && n.childForFieldName('operator')?.type === '|') {
    return isAllowAny(n.childForFieldName('left'), ctx) || isAllowAny(n.childForFieldName('right'), ctx);
  }
  return false;
}

/** The AllowAny element of a permission list (`[IsAuthenticated, AllowAny]`), or null. */
export function allowAnyIn(value: SyntaxNode | null | undefined, ctx: CheckContext): SyntaxNode | null {
  const v = unwrap(value);
  if (!v) return null;
  if (v.type === 'list' || v.type === 'tuple') {
    for (const el of v.namedChildren) if (el.type !== 'comment' && isAllowAny(el, ctx)) return el;
    return null;
  }
  return isAllowAny(v, ctx) ? v : null;
}

/** An empty list or tuple literal (`[]`, `()`). */
export function isEmptySequence(value: SyntaxNode | null | undefined): boolean {
  const v = unwrap(value);
  if (!v) return false;
  if (v.type === 'tuple' || v.type === 'list') return !v.namedChildren.some(c => c.type !== 'comment');
  return false;
}

/** The key of a dictionary pair as a plain string, or null. */
export function pairKey(pair: SyntaxNode): string | null {
  return plainString(unwrap(pair.childForFieldName('key')));
}
