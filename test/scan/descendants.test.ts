import assert from 'node:assert/strict';
import fs from 'node:fs';
import {test} from 'node:test';
import {descendantsOf, hasFastDescendants} from '../../src/scan/descendants.js';
import {parsePython} from '../../src/scan/parse.js';
import type {SyntaxNode} from '../../src/scan/syntax.js';
import {fixture} from '../helpers/paths.js';

const view = (nodes: SyntaxNode[]) => nodes.map(n => [n.id, n.type, n.startIndex, n.endIndex, n.text, n.parent?.type ?? null, n.childCount]);

test('descendantsOf finds what tree-sitter finds, with working nodes', () => {
  // tree-sitter is pinned; an upgrade that moves its internals must be noticed here.
  assert.ok(hasFastDescendants(), "tree-sitter's binding internals were not found");
  const src = fs.readFileSync(fixture('review', 'app.py'), 'utf8');
  const types = ['call', 'string', 'assignment', 'function_definition', 'import_statement'];
  const tree = parsePython(src);
  const ours = descendantsOf(tree.rootNode, types);
  assert.ok(ours.length > 10, `${ours.length} nodes`);
  assert.deepEqual(view(ours), view(tree.rootNode.descendantsOfType(types)));
});

test('descendantsOf: ERROR nodes, nodes the tree already handed out, and more results than the buffer held', () => {
  const broken = 'def f(:\n    x = call(1\nprint("a")\n';
  const tree = parsePython(broken);
  const errors = descendantsOf(tree.rootNode, ['ERROR']);
  assert.ok(errors.length > 0);
  assert.deepEqual(view(errors), view(tree.rootNode.descendantsOfType('ERROR')));
  // Some nodes already have objects (asked for through the public API first).
  const src = Array.from({length: 3000}, (_, i) => `v${i} = f(${i}, "s${i}")`).join('\n') + '\n';
  const t = parsePython(src);
  const first = t.rootNode.firstChild!.firstChild!;
  const ours = descendantsOf(t.rootNode, ['call', 'string', 'assignment']);
  assert.equal(ours.length, 9000);
  assert.equal(ours[0]!.id, first.id);
  assert.deepEqual(view(ours), view(t.rootNode.descendantsOfType(['call', 'string', 'assignment'])));
});
