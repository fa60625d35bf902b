/**
 * The cleanup family (R601 resource not closed, R602 temporary file left behind, R603
 * patcher never stopped): where the value of an expression ends up, read from the
 * expression upwards, and the uses of a bound name inside the enclosing function.
 * Only called when a trigger call is present, so looking through one function's
 * statements here is cheap.
 */
import {shortName, type NameTable} from '../../src/scan/names.js';
import {closest, unwrap, type SyntaxNode} from '../../src/scan/syntax.js';

/** Where a value goes once the expression that produced it has run. */
export type Fate =
  /** A `with` item (`alias`: the `as` name, when it is a plain name). */
  | {readonly kind: 'with'; readonly alias: string | null}
  /** `return`ed, `yield`ed, or the body of a lambda: the caller owns it. */
  | {readonly kind: 'returned'}
  /** Assigned to an attribute or a subscript (`self.f = …`, `cache[k] = …`), or declared global. */
  | {readonly kind: 'stored'}
  /** Assigned to plain local names (several for `fd, path = …`). */
  | {readonly kind: 'bound'; readonly names: readonly string[]}
  /** Passed (positionally or by keyword) to `call`. */
  | {readonly kind: 'argument'; readonly call: SyntaxNode}
  /** The object of `.attribute` or of a subscript (`attribute` null); `node` is that attribute or subscript. */
  | {readonly kind: 'receiver'; readonly node: SyntaxNode; readonly attribute: string | null}
  /** A statement of its own: the value is thrown away. */
  | {readonly kind: 'dropped'}
  /** Inside a container that is bound or passed on (`files = [open(a), open(b)]`): not followed. */
  | {readonly kind: 'unknown'}
  /** Any other use in an expression (a `for` iterable, a comparison, an f-string…). */
  | {readonly kind: 'inline'};

const INLINE: Fate = {kind: 'inline'};
const UNKNOWN: Fate = {kind: 'unknown'};
const RETURNED: Fate = {kind: 'returned'};
const STORED: Fate = {kind: 'stored'};
const DROPPED: Fate = {kind: 'dropped'};

const CONTAINERS = new Set(['tuple', 'list', 'set', 'expression_list', 'dictionary']);

function isField(parent: SyntaxNode, field: string, child: SyntaxNode): boolean {
  return parent.childForFieldName(field)?.id === child.id;
}

/** The names an assignment target binds, or 'stored' when one of them is an attribute or subscript. */
function targetNames(left: SyntaxNode, out: string[]): 'stored' | 'names' | 'other' {
  const t = unwrap(left) ?? left;
  switch (t.type) {
    case 'identifier':
      out.push(t.text);
      return 'names';
    case 'attribute':
    case 'subscript':
      return 'stored';
    case 'pattern_list':
    case 'tuple_pattern':
    case 'list_pattern': {
      let result: 'stored' | 'names' | 'other' = 'names';
      for (const c of t.namedChildren) {
        if (c.type === 'comment') continue;
        const r = targetNames(c.type === 'list_splat_pattern' ? (c.firstNamedChild ?? c) : c, out);
        if (r === 'stored') return 'stored';
        if (r === 'other') result = 'other';
      }
      return result;
    }
    default:
      return 'other';
  }
}

/** `a = b = value`: every target of the chain that `assign` is the innermost link of. */
function assignmentFate(assign: SyntaxNode, contained: boolean): Fate {
  const names: string[] = [];
  let a: SyntaxNode | null = assign;
  while (a && a.type === 'assignment') {
    const left = a.childForFieldName('left');
    if (!left) return UNKNOWN;
    const r = targetNames(left, names);
    if (r === 'stored') return STORED;
    if (r === 'other') return UNKNOWN;
    const up: SyntaxNode | null = a.parent;
    a = up && up.type === 'assignment' && isField(up, 'right', a) ? up : null;
  }
  // A container bound to a name (`files = [open(a), open(b)]`) is not followed.
  if (contained) return UNKNOWN;
  return {kind: 'bound', names};
}

/** Where the value of `expr` goes, looking only at its ancestors. */
export function fateOf(expr: SyntaxNode): Fate {
  let n = expr;
  let contained = false;
  for (;;) {
    const p = n.parent;
    if (!p) return INLINE;
    switch (p.type) {
      case 'parenthesized_expression':
      case 'await':
      case 'boolean_operator':
        n = p;
        continue;
      case 'conditional_expression': {
        const parts = p.namedChildren.filter(c => c.type !== 'comment');
        if (parts[1]?.id === n.id) return INLINE; // the condition
        n = p;
        continue;
      }
      case 'pair':
        if (!isField(p, 'value', n)) return INLINE;
        contained = true;
        n = p;
        continue;
      case 'keyword_argument':
        if (!isField(p, 'value', n)) return INLINE;
        n = p;
        continue;
      case 'argument_list': {
        const call = p.parent;
        if (!call || call.type !== 'call') return INLINE; // class bases
        return contained ? UNKNOWN : {kind: 'argument', call};
      }
      case 'with_item':
        return contained ? UNKNOWN : {kind: 'with', alias: null};
      case 'as_pattern': {
        if (p.parent?.type !== 'with_item' || contained) return INLINE;
        const target = p.childForFieldName('alias')?.firstNamedChild;
        return {kind: 'with', alias: target?.type === 'identifier' ? target.text : null};
      }
      case 'return_statement':
      case 'yield':
        return RETURNED;
      case 'lambda':
        return isField(p, 'body', n) ? RETURNED : INLINE;
      case 'assignment':
        return isField(p, 'right', n) ? assignmentFate(p, contained) : INLINE;
      case 'augmented_assignment': {
        if (!isField(p, 'right', n)) return INLINE;
        const left = unwrap(p.childForFieldName('left'));
        return left && (left.type === 'attribute' || left.type === 'subscript') ? STORED : UNKNOWN;
      }
      case 'named_expression': {
        if (!isField(p, 'value', n) || contained) return contained ? UNKNOWN : INLINE;
        const name = p.childForFieldName('name');
        return name ? {kind: 'bound', names: [name.text]} : UNKNOWN;
      }
      case 'attribute':
        if (!isField(p, 'object', n) || contained) return INLINE;
        return {kind: 'receiver', node: p, attribute: p.childForFieldName('attribute')?.text ?? null};
      case 'subscript':
        if (!isField(p, 'value', n) || contained) return INLINE;
        return {kind: 'receiver', node: p, attribute: null};
      case 'list_comprehension':
      case 'set_comprehension':
      case 'generator_expression':
      case 'dictionary_comprehension':
        // The element of a comprehension is one of many: like a container display.
        if (!isField(p, 'body', n)) return INLINE;
        contained = true;
        n = p;
        continue;
      case 'expression_statement':
        return DROPPED;
      case 'global_statement':
      case 'nonlocal_statement':
        return STORED;
      default:
        if (CONTAINERS.has(p.type)) {
          contained = true;
          n = p;
          continue;
        }
        return contained ? UNKNOWN : INLINE;
    }
  }
}

/** The callee of a call, parentheses removed. */
export function calleeOf(call: SyntaxNode): SyntaxNode | null {
  return unwrap(call.childForFieldName('function'));
}

/** The short name of a call's callee, resolved through the import table ('' for `f()()`). */
export function calleeName(call: SyntaxNode, names: NameTable): string {
  const callee = calleeOf(call);
  if (!callee || (callee.type !== 'identifier' && callee.type !== 'attribute')) return '';
  return shortName(names.resolve(callee));
}

/** The function's body block, or the node itself for anything else. */
function bodyOf(scope: SyntaxNode): SyntaxNode {
  return scope.type === 'function_definition' || scope.type === 'class_definition' ? (scope.childForFieldName('body') ?? scope) : scope;
}

/**
 * The identifiers of `scope` (nested defs and lambdas included), each with its text:
 * read once per trigger, then filtered as names are added.
 */
export function identifiersOf(scope: SyntaxNode): {readonly node: SyntaxNode; readonly text: string}[] {
  return bodyOf(scope)
    .descendantsOfType('identifier')
    .map(node => ({node, text: node.text}));
}

/**
 * Follows a name and its aliases through a scope: `uses` judges each use of a tracked
 * name and says whether it settles the question (true), adds names to track (an array),
 * or neither (false). Returns true as soon as one use settles it.
 */
export function anyUse(
  scope: SyntaxNode,
  names: readonly string[],
  uses: (id: SyntaxNode) => boolean | readonly string[],
): boolean {
  const ids = identifiersOf(scope);
  const tracked = new Set(names);
  const done = new Set<number>();
  let grew = true;
  while (grew) {
    grew = false;
    for (let i = 0; i < ids.length; i++) {
      const {node, text} = ids[i]!;
      if (done.has(i) || !tracked.has(text)) continue;
      done.add(i);
      const r = uses(node);
      if (r === true) return true;
      if (r === false) continue;
      for (const name of r) {
        if (!tracked.has(name)) {
          tracked.add(name);
          grew = true;
        }
      }
    }
  }
  return false;
}

const CLASS_DEFINITION: ReadonlySet<string> = new Set(['class_definition']);

/** The nearest enclosing class of a node, or null. */
export function enclosingClass(node: SyntaxNode): SyntaxNode | null {
  return closest(node, CLASS_DEFINITION);
}

/** Descendants of a scope's body of one type (per trigger only). */
export function descendantsIn(scope: SyntaxNode, type: string): SyntaxNode[] {
  return bodyOf(scope).descendantsOfType(type);
}

/** Container methods that keep what they are given. */
const STORE_METHODS: ReadonlySet<string> = new Set(['append', 'appendleft', 'add', 'extend', 'insert', 'put', 'put_nowait', 'setdefault']);

/** Whether the function assigns `name` itself (`opened = []`), rather than using an outer name. */
function bindsLocally(fn: SyntaxNode, name: string): boolean {
  for (const a of descendantsIn(fn, 'assignment')) {
    const left = a.childForFieldName('left');
    if (left?.type === 'identifier' && left.text === name) return true;
  }
  return false;
}

/**
 * A container store, `X.append(value)` and the like: 'stored' when X is an attribute or a
 * name the function does not bind (a module-level list outlives the call), X itself when
 * it is a local to follow, null when `call` is not a container store.
 */
export function containerStore(call: SyntaxNode, fn: SyntaxNode | null): 'stored' | string | null {
  const callee = calleeOf(call);
  if (callee?.type !== 'attribute' || !STORE_METHODS.has(callee.childForFieldName('attribute')?.text ?? '')) return null;
  const receiver = unwrap(callee.childForFieldName('object'));
  if (!receiver) return null;
  if (receiver.type === 'attribute' || receiver.type === 'subscript') return 'stored';
  if (receiver.type !== 'identifier') return null;
  return fn && bindsLocally(fn, receiver.text) ? receiver.text : 'stored';
}

/** The names a `for` loop or comprehension clause binds when `id` is what it iterates; null otherwise. */
export function loopTargetsOver(id: SyntaxNode): string[] | null {
  const p = id.parent;
  if ((p?.type !== 'for_statement' && p?.type !== 'for_in_clause') || p.childForFieldName('right')?.id !== id.id) return null;
  const left = p.childForFieldName('left');
  if (!left) return [];
  return left.type === 'identifier' ? [left.text] : left.descendantsOfType('identifier').map(i => i.text);
}
