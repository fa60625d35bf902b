/**
 * B701's search for an `autoescape=` keyword: breadth first over the call's subtree in
 * CPython's AST order (Bandit uses ast.walk), so that the first keyword found is the one
 * Bandit finds. tree-sitter's tree is mapped onto CPython's shape where it matters:
 * parentheses, argument lists, dict pairs and implicit concatenations are not nodes
 * there; a call lists its positional arguments before its keywords; a dict its keys
 * before its values; a conditional expression its test first.
 */
import {namedChildren, unwrap, type SyntaxNode} from '../../src/scan/syntax.js';

function pushAll(out: SyntaxNode[], nodes: readonly (SyntaxNode | null)[]): void {
  for (const n of nodes) {
    const u = unwrap(n);
    if (u) out.push(u);
  }
}

/** A node's children as ast.iter_child_nodes would list them (expressions only). */
function astChildren(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  switch (n.type) {
    case 'call': {
      pushAll(out, [n.childForFieldName('function')]);
      const args = n.childForFieldName('arguments');
      if (!args) break;
      if (args.type !== 'argument_list') {
        pushAll(out, [args]); // a lone generator expression
        break;
      }
      const all = namedChildren(args);
      const isKeyword = (a: SyntaxNode) => a.type === 'keyword_argument' || a.type === 'dictionary_splat';
      pushAll(out, all.filter(a => !isKeyword(a)));
      pushAll(out, all.filter(isKeyword));
      break;
    }
    case 'keyword_argument':
      pushAll(out, [n.childForFieldName('value')]);
      break;
    case 'attribute':
      pushAll(out, [n.childForFieldName('object')]);
      break;
    case 'dictionary': {
      const entries = namedChildren(n);
      pushAll(out, entries.map(e => (e.type === 'pair' ? e.childForFieldName('key') : null)));
      pushAll(out, entries.map(e => (e.type === 'pair' ? e.childForFieldName('value') : e.firstNamedChild)));
      break;
    }
    case 'conditional_expression': {
      const [body, test, orelse] = namedChildren(n);
      pushAll(out, [test ?? null, body ?? null, orelse ?? null]);
      break;
    }
    case 'concatenated_string':
      for (const s of namedChildren(n)) pushAll(out, namedChildren(s));
      break;
    case 'pair':
      pushAll(out, [n.childForFieldName('key'), n.childForFieldName('value')]);
      break;
    default:
      for (const c of namedChildren(n)) {
        if (c.type === 'pair') out.push(...astChildren(c));
        else pushAll(out, [c]);
      }
  }
  return out;
}

/** The first `autoescape=` keyword in the call's subtree, breadth first, or null. */
export function firstAutoescape(call: SyntaxNode): SyntaxNode | null {
  const queue: SyntaxNode[] = [call];
  for (let i = 0; i < queue.length; i++) {
    const n = queue[i]!;
    if (n.type === 'keyword_argument' && n.childForFieldName('name')?.text === 'autoescape') return n;
    queue.push(...astChildren(n));
  }
  return null;
}
