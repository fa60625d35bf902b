/**
 * Facts about one call, computed once and shared by every check that looks at it.
 */
import {shortName, type NameTable} from './names.js';
import {unwrap, type SyntaxNode} from './syntax.js';
import {view, type Lit} from './values.js';

export interface KeywordArg {
  readonly name: string;
  /** The `keyword_argument` node (its own span). */
  readonly node: SyntaxNode;
  /** The value, parentheses removed. */
  readonly value: SyntaxNode;
}

export interface CallInfo {
  readonly node: SyntaxNode;
  /** The callee with parentheses removed. */
  readonly callee: SyntaxNode | null;
  /** Bandit's qualname (§2.3): '' when the callee is not a name or attribute chain. */
  readonly qualname: string;
  /** The part after the last dot. */
  readonly name: string;
  /** Positional arguments in order (`*x` included), parentheses removed. */
  readonly args: readonly SyntaxNode[];
  readonly keywords: readonly KeywordArg[];
  /** Whether the call passes `**mapping`. */
  readonly hasKwargsSplat: boolean;
  keyword(name: string): KeywordArg | undefined;
  /** The view (§2.4) of keyword `name`, or undefined when it is not passed. */
  kwView(name: string): Lit | undefined;
  /** The view of positional argument `i`, or undefined when there are fewer. */
  argView(i: number): Lit | undefined;
}

class Call implements CallInfo {
  readonly args: SyntaxNode[] = [];
  readonly keywords: KeywordArg[] = [];
  hasKwargsSplat = false;
  readonly qualname: string;
  readonly name: string;
  readonly callee: SyntaxNode | null;

  constructor(
    readonly node: SyntaxNode,
    names: NameTable,
  ) {
    this.callee = unwrap(node.childForFieldName('function'));
    const t = this.callee?.type;
    this.qualname = t === 'identifier' || t === 'attribute' ? names.resolve(this.callee) : '';
    this.name = shortName(this.qualname);
    const argList = node.childForFieldName('arguments');
    if (!argList) return;
    if (argList.type === 'generator_expression') {
      this.args.push(argList);
      return;
    }
    for (const a of argList.namedChildren) {
      switch (a.type) {
        case 'comment':
          break;
        case 'keyword_argument': {
          const name = a.childForFieldName('name')?.text ?? '';
          const value = unwrap(a.childForFieldName('value'));
          if (value) this.keywords.push({name, node: a, value});
          break;
        }
        case 'dictionary_splat':
          this.hasKwargsSplat = true;
          break;
        default:
          this.args.push(unwrap(a) ?? a);
      }
    }
  }

  keyword(name: string): KeywordArg | undefined {
    for (const k of this.keywords) if (k.name === name) return k;
    return undefined;
  }

  kwView(name: string): Lit | undefined {
    const k = this.keyword(name);
    return k ? view(k.value) : undefined;
  }

  argView(i: number): Lit | undefined {
    const a = this.args[i];
    if (!a) return undefined;
    return a.type === 'list_splat' ? null : view(a);
  }
}

export function callInfo(node: SyntaxNode, names: NameTable): CallInfo {
  return new Call(node, names);
}
