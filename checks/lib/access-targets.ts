/**
 * Facts about assignments and dict entries that several checks test on every one of them
 * (R503, R701, R703, R704, R705), read once per node and shared. Reading a node's text costs
 * two native calls; asking for a child by field costs a native call and a node allocation,
 * so the cheap textual facts come first and the checks ask for children only on a match.
 */
import type {SyntaxNode} from '../../src/scan/syntax.js';

export interface AssignmentTarget {
  /** The target node (`left` of the assignment), looked up on first use. */
  readonly node: SyntaxNode;
  /** `identifier`, `attribute`, `subscript`, `pattern_list`, … */
  readonly type: string;
  /**
   * The name the value is stored under: an identifier itself, an attribute's last part
   * (`self.policy.authorize` → `authorize`), a subscript's plain string key
   * (`app.config['DEBUG']` → `DEBUG`); '' otherwise.
   */
  readonly name: string;
}

// One-entry caches: every visitor of a node gets the same node object in one dispatch.
// (A WeakMap keyed by nodes would keep their trees' native memory until a full collection.)
let lastAssign: SyntaxNode | null = null;
let lastTarget: AssignmentTarget | null = null;

const ID = '[\\p{L}_][\\p{L}\\p{N}_]*';
/** The text before the assignment's `=` (an annotation, `x: T =`, left out). */
const HEAD = /^([^=\n]*?)\s*(?::[^=\n]*)?=(?!=)/;
const IDENTIFIER = new RegExp(`^${ID}$`, 'u');
const DOTTED = new RegExp(`^${ID}(?:\\s*\\.\\s*${ID})*\\s*\\.\\s*(${ID})$`, 'u');
const STRING_SUBSCRIPT = new RegExp(`^${ID}(?:\\s*\\.\\s*${ID})*\\s*\\[\\s*[rRuU]?(['"])([^'"\\\\]*)\\1\\s*\\]$`, 'u');
/** Any other subscript (`a[i]`, `self.cache[key]`): stored under no plain name. */
const OTHER_SUBSCRIPT = /^[\p{L}_][^,=()'"]*\]$/u;
/** Unpacking into plain and dotted names (`a, b`, `self.x, y`). */
const NAME_LIST = /^[\p{L}\p{N}_.\s*]+,[\p{L}\p{N}_.\s*,]*$/u;
const LAST_ATTRIBUTE = new RegExp(`\\.\\s*(${ID})$`, 'u');
const STRING_KEY = /\[\s*[rRuU]?(['"])([^'"\\]*)\1\s*\]$/;

class Target implements AssignmentTarget {
  private left: SyntaxNode | undefined;
  constructor(
    private readonly assign: SyntaxNode,
    readonly type: string,
    readonly name: string,
  ) {}

  get node(): SyntaxNode {
    this.left ??= this.assign.childForFieldName('left')!;
    return this.left;
  }
}

/**
 * The target of an assignment (null when it has none), computed once per node. Plain names,
 * dotted names and string-keyed subscripts are read from the text alone; anything else asks
 * the tree.
 */
export function assignmentTarget(assign: SyntaxNode): AssignmentTarget | null {
  if (assign === lastAssign) return lastTarget;
  let t: AssignmentTarget | null;
  const head = HEAD.exec(assign.text)?.[1];
  let m: RegExpExecArray | null;
  if (head !== undefined && IDENTIFIER.test(head)) t = new Target(assign, 'identifier', head);
  else if (head !== undefined && (m = DOTTED.exec(head))) t = new Target(assign, 'attribute', m[1]!);
  else if (head !== undefined && (m = STRING_SUBSCRIPT.exec(head))) t = new Target(assign, 'subscript', m[2]!);
  else if (head !== undefined && OTHER_SUBSCRIPT.test(head)) t = new Target(assign, 'subscript', '');
  else if (head !== undefined && NAME_LIST.test(head)) t = new Target(assign, 'pattern_list', '');
  else {
    const left = assign.childForFieldName('left');
    if (!left) t = null;
    else {
      const type = left.type;
      let name = '';
      if (type === 'identifier') name = left.text;
      else if (type === 'attribute') name = LAST_ATTRIBUTE.exec(left.text)?.[1] ?? '';
      else if (type === 'subscript') name = STRING_KEY.exec(left.text)?.[2] ?? '';
      t = new Target(assign, type, name);
    }
  }
  lastAssign = assign;
  lastTarget = t;
  return t;
}

let lastPair: SyntaxNode | null = null;
let lastPairText = '';

/** A dict entry's source text (key and value), computed once per node. */
export function pairText(pair: SyntaxNode): string {
  if (pair !== lastPair) {
    lastPair = pair;
    lastPairText = pair.text;
  }
  return lastPairText;
}
