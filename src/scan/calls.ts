/**
 * Facts about one call, computed once and shared by every check that looks at it.
 * Most checks only compare the resolved name, so that is computed first and cheaply
 * (from the source text when the callee is a plain dotted name); arguments are read
 * from the tree only when a check asks for them.
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
  /** The call's source text. */
  readonly text: string;
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

/** A callee written as a plain dotted name right before its `(`: `os.path.join(`. */
const SIMPLE_CALLEE = /([\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*)[ \t]*\(/uy;

const NO_KEYWORDS: readonly KeywordArg[] = Object.freeze([]);

class Call implements CallInfo {
  readonly qualname: string;
  readonly name: string;
  private calleeNode: SyntaxNode | null | undefined;
  private argNodes: SyntaxNode[] | undefined;
  private keywordArgs: KeywordArg[] | undefined;
  private splat = false;
  private textCache: string | undefined;

  constructor(
    readonly node: SyntaxNode,
    names: NameTable,
    private readonly source: string,
    simpleCallee: boolean,
  ) {
    let qualname: string | null = null;
    if (simpleCallee) {
      SIMPLE_CALLEE.lastIndex = node.startIndex;
      const m = SIMPLE_CALLEE.exec(source);
      if (m) qualname = names.resolveDotted(m[1]!);
    }
    if (qualname === null) {
      const callee = this.callee;
      const t = callee?.type;
      qualname = t === 'identifier' || t === 'attribute' ? names.resolve(callee) : '';
    }
    this.qualname = qualname;
    this.name = shortName(qualname);
  }

  get text(): string {
    this.textCache ??= this.source.slice(this.node.startIndex, this.node.endIndex);
    return this.textCache;
  }

  get callee(): SyntaxNode | null {
    if (this.calleeNode === undefined) this.calleeNode = unwrap(this.node.childForFieldName('function'));
    return this.calleeNode;
  }

  private readArguments(): void {
    const args: SyntaxNode[] = [];
    const keywords: KeywordArg[] = [];
    this.argNodes = args;
    this.keywordArgs = keywords;
    const argList = this.node.childForFieldName('arguments');
    if (!argList) return;
    if (argList.type === 'generator_expression') {
      args.push(argList);
      return;
    }
    for (const a of argList.namedChildren) {
      switch (a.type) {
        case 'comment':
          break;
        case 'keyword_argument': {
          const name = a.childForFieldName('name')?.text ?? '';
          const value = unwrap(a.childForFieldName('value'));
          if (value) keywords.push({name, node: a, value});
          break;
        }
        case 'dictionary_splat':
          this.splat = true;
          break;
        default:
          args.push(unwrap(a) ?? a);
      }
    }
  }

  get args(): readonly SyntaxNode[] {
    if (!this.argNodes) this.readArguments();
    return this.argNodes!;
  }

  // The text screens below answer from the call's source without reading its arguments
  // from the tree: a keyword cannot be passed unless its name and a `=` are written.
  get keywords(): readonly KeywordArg[] {
    if (!this.keywordArgs) {
      if (!this.text.includes('=')) return NO_KEYWORDS;
      this.readArguments();
    }
    return this.keywordArgs!;
  }

  get hasKwargsSplat(): boolean {
    if (!this.argNodes) {
      if (!this.text.includes('**')) return false;
      this.readArguments();
    }
    return this.splat;
  }

  keyword(name: string): KeywordArg | undefined {
    if (!this.keywordArgs && !this.text.includes(name)) return undefined;
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

/**
 * Call facts for a call node. `simpleCallee` may be true only when no call starts at the
 * same offset inside this one (then a dotted name before `(` is the whole callee).
 */
export function callInfo(node: SyntaxNode, names: NameTable, source?: string, simpleCallee = false): CallInfo {
  return new Call(node, names, source ?? node.tree.rootNode.text, simpleCallee && source !== undefined);
}
