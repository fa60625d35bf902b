/**
 * All descendants of some types, as tree-sitter's own `descendantsOfType` finds them, but
 * without registering every returned node in the tree's node cache. The binding's wrapper
 * gives each node a BigInt id, a Map entry and a native weak reference so that asking for
 * the same node twice returns the same object; pyvet compares nodes by id and never needs
 * that, and skipping it takes a third off the cost of the engine's one query per file.
 *
 * This reads the binding's transfer buffer, an internal of tree-sitter 0.25.1 (pinned in
 * package.json); if the binding ever lacks what it uses, the public method is used.
 */
import {createRequire} from 'node:module';
import Parser from 'tree-sitter';
import type {SyntaxNode, Tree} from './syntax.js';

/** Fields of a node in the transfer buffer (id ×2, context ×4), as the binding lays them out. */
const FIELDS = 6;
const ERROR_SYMBOL = 0xffff;

interface Binding {
  nodeTransferArray: Uint32Array;
  NodeMethods: {descendantsOfType(tree: Tree, types: readonly string[], start: undefined, end: undefined): (number | SyntaxNode | null)[]};
}

type NodeClass = new (tree: Tree) => SyntaxNode;

/** The binding tree-sitter's index.js loaded (node-gyp-build returns the module already loaded). */
function loadBinding(): Binding | null {
  try {
    const requireHere = createRequire(import.meta.url);
    const main = requireHere.resolve('tree-sitter');
    const fromTreeSitter = createRequire(main);
    const gypBuild = fromTreeSitter('node-gyp-build') as (dir: string) => Binding;
    const b = gypBuild(main.slice(0, main.lastIndexOf('/')));
    if (typeof b?.NodeMethods?.descendantsOfType !== 'function' || !(b.nodeTransferArray instanceof Uint32Array)) return null;
    return b;
  } catch {
    return null;
  }
}

let binding: Binding | null | undefined;

/** Whether the binding's internals were found (else the public method is used). */
export function hasFastDescendants(): boolean {
  if (binding === undefined) binding = process.env.PYVET_PLAIN_DESCENDANTS ? null : loadBinding();
  return binding !== null;
}

export function descendantsOf(node: SyntaxNode, types: readonly string[]): SyntaxNode[] {
  if (!hasFastDescendants()) return node.descendantsOfType(types as string[]);
  const b = binding!;
  const slots = node as unknown as Record<number, number>;
  let transfer = b.nodeTransferArray;
  for (let i = 0; i < FIELDS; i++) transfer[i] = slots[i]!;
  const tree = node.tree;
  const values = b.NodeMethods.descendantsOfType(tree, types, undefined, undefined);
  // The binding may have grown (replaced) the buffer to hold the results.
  transfer = b.nodeTransferArray;
  const classes = (tree as unknown as {language: {nodeSubclasses: NodeClass[]}}).language.nodeSubclasses;
  const out = values as SyntaxNode[];
  let offset = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number') continue; // a node object the tree had cached
    const n = new (v === ERROR_SYMBOL ? (Parser as unknown as {SyntaxNode: NodeClass}).SyntaxNode : classes[v]!)(tree);
    const s = n as unknown as Record<number, number>;
    for (let k = 0; k < FIELDS; k++) s[k] = transfer[offset + k]!;
    offset += FIELDS;
    out[i] = n;
  }
  return out;
}
