import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {describe, test} from 'node:test';
import Parser from 'tree-sitter';
import Python from 'tree-sitter-python';
import {flattenWithCursor, parsePython, parserKind} from '../../src/scan/parse.js';
import {type SyntaxNode} from '../../src/scan/tree.js';
import {FIXTURES, pythonFiles, ROOT} from '../helpers/paths.js';

/** Texts where offsets, rows and errors are easy to get wrong. */
const TRICKY: Record<string, string> = {
  empty: '',
  'no final newline': 'x = 1',
  crlf: 'def f(a):\r\n    return a\r\n\r\nprint(f(1))\r\n',
  'lone carriage returns': 'x = 1\ry = 2\n',
  tabs: 'if x:\n\tif y:\n\t\tz = 1\n',
  'astral characters': 's = "\u{1F600} and \u{1D49C}"  # \u{1F600}\nt = f"{s!r} \u{1F4A9}"\n',
  'non-ASCII names': 'café = 1\nπ = café * 2\n',
  'syntax error': 'def broken(:\n    pass\nx = [1, 2\nprint("after")\n',
  'missing token': 'foo(1, 2\n',
  'form feed': 'x = 1\n\f\ny = 2\n',
  'line continuation': 'x = 1 + \\\n    2\n',
  decorators: '@app.route("/a/<int:i>")\n@login_required\nasync def view(i: int) -> str:\n    return await g(i)\n',
};

function sources(): [string, string][] {
  const files = [...pythonFiles(FIXTURES), ...pythonFiles(path.join(ROOT, 'examples'))];
  assert.ok(files.length > 100, `${files.length} fixture files`);
  const out: [string, string][] = files.map(f => [path.relative(ROOT, f), fs.readFileSync(f, 'utf8')]);
  for (const [name, text] of Object.entries(TRICKY)) out.push([name, text]);
  return out;
}

describe('flat syntax trees', () => {
  test('the native addon is built and in use (npm install builds it)', () => {
    assert.equal(parserKind(), 'native', 'native/build/Release/pyvet_flat_tree.node is missing: run `npm rebuild` or `node scripts/build-native.mjs`');
  });

  test("the addon's arrays are the same as a cursor walk of node-tree-sitter's tree, for every fixture", () => {
    let nodes = 0;
    for (const [name, text] of sources()) {
      const tree = parsePython(text);
      const walked = flattenWithCursor(text);
      assert.equal(tree.count, walked.count, name);
      for (const key of ['start', 'end', 'parentOf', 'after', 'symbol', 'field', 'flags'] as const) {
        const ours = tree[key];
        const theirs = walked[key === 'parentOf' ? 'parent' : key];
        assert.deepEqual([...ours], [...theirs], `${name}: ${key}`);
      }
      nodes += tree.count;
    }
    assert.ok(nodes > 50_000, `${nodes} nodes compared`);
  });

  test("every node answers as node-tree-sitter's node does: type, span, position, parent, fields, flags", () => {
    const parser = new Parser();
    parser.setLanguage(Python as unknown as Parser.Language);
    const fields = [
      ...new Set(
        (JSON.parse(fs.readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('tree-sitter-python/package.json')), 'src', 'node-types.json'), 'utf8')) as {fields?: Record<string, unknown>}[]).flatMap(t =>
          Object.keys(t.fields ?? {}),
        ),
      ),
    ];
    assert.ok(fields.includes('function') && fields.includes('body'), 'field names read');
    const picked = sources().filter(([name]) => name in TRICKY || /inventory_service|flow|request/.test(name));
    let checked = 0;
    for (const [name, text] of picked) {
      const ours = parsePython(text);
      const theirs = parser.parse(text, undefined, {bufferSize: text.length * 2 + 1024});
      // node-tree-sitter's nodes in document order, and the index of each (by its id)
      const list: Parser.SyntaxNode[] = [];
      const index = new Map<number, number>();
      const cursor = theirs.walk();
      for (;;) {
        index.set(cursor.currentNode.id, list.length);
        list.push(cursor.currentNode);
        if (cursor.gotoFirstChild()) continue;
        while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) break;
        if (cursor.currentNode.id === theirs.rootNode.id) break;
      }
      assert.equal(ours.count, list.length, name);
      const at = (n: Parser.SyntaxNode | null) => (n ? index.get(n.id)! : -1);
      const idsOf = (ns: SyntaxNode[]) => ns.map(n => n.id);
      list.forEach((t, i) => {
        const o = ours.node(i);
        const where = `${name}: node ${i} (${t.type})`;
        assert.equal(o.type, t.type, where);
        assert.equal(o.startIndex, t.startIndex, where);
        assert.equal(o.endIndex, t.endIndex, where);
        assert.deepEqual(o.startPosition, t.startPosition, where);
        assert.deepEqual(o.endPosition, t.endPosition, where);
        assert.equal(o.text, t.text, where);
        assert.equal(o.parent?.id ?? -1, at(t.parent), where);
        assert.deepEqual([o.isNamed, o.isMissing, o.isExtra, o.hasError, o.isError], [t.isNamed, t.isMissing, t.isExtra, t.hasError, t.isError], where);
        assert.deepEqual(idsOf(o.children), t.children.map(at), where);
        assert.deepEqual(idsOf(o.namedChildren), t.namedChildren.map(at), where);
        assert.equal(o.childCount, t.childCount, where);
        assert.equal(o.namedChildCount, t.namedChildCount, where);
        for (const [a, b] of [
          [o.firstChild, t.firstChild],
          [o.lastChild, t.lastChild],
          [o.firstNamedChild, t.firstNamedChild],
          [o.lastNamedChild, t.lastNamedChild],
          [o.nextSibling, t.nextSibling],
          [o.previousSibling, t.previousSibling],
          [o.nextNamedSibling, t.nextNamedSibling],
          [o.previousNamedSibling, t.previousNamedSibling],
        ] as const) {
          // tree-sitter's own sibling walk skips a zero-width MISSING token that follows a node; the arrays do not
          if (a?.isMissing && !b) continue;
          assert.equal(a?.id ?? -1, at(b), where);
        }
        if (t.isNamed && t.childCount > 0) {
          for (const f of fields) {
            assert.equal(o.childForFieldName(f)?.id ?? -1, at(t.childForFieldName(f)), `${where} field ${f}`);
            assert.deepEqual(idsOf(o.childrenForFieldName(f)), t.childrenForFieldName(f).map(at), `${where} fields ${f}`);
          }
        }
        checked++;
      });
      const types = ['call', 'identifier', 'ERROR', 'string'];
      assert.deepEqual(idsOf(ours.rootNode.descendantsOfType(types)), theirs.rootNode.descendantsOfType(types).map(at), name);
      for (let k = 0; k < text.length; k += 7) {
        assert.equal(ours.rootNode.namedDescendantForIndex(k).id, at(theirs.rootNode.namedDescendantForIndex(k)), `${name}: offset ${k}`);
      }
    }
    assert.ok(checked > 2000, `${checked} nodes checked`);
  });

  test('the same node is the same object; ids are document order', () => {
    const tree = parsePython('def f(x):\n    return g(x)\n');
    const call = tree.rootNode.descendantsOfType('call')[0]!;
    assert.equal(call, tree.rootNode.descendantsOfType(['call'])[0]);
    assert.equal(call.parent!.parent!.parent!.childForFieldName('name')!.text, 'f');
    const ids = tree.rootNode.descendantsOfType(['identifier']).map(n => n.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
    assert.deepEqual(
      tree.rootNode.descendantsOfType(['identifier']).map(n => n.text),
      ['f', 'x', 'g', 'x'],
    );
  });

  test('without the addon (PYVET_NATIVE=0) a scan gives byte-identical JSON', () => {
    const args = [path.join(ROOT, 'bin', 'pyvet.js'), 'scan', '--format', 'json', path.join(FIXTURES, 'checks')];
    const run = (env: NodeJS.ProcessEnv) => spawnSync(process.execPath, args, {encoding: 'utf8', env: {...process.env, ...env}, maxBuffer: 1 << 28});
    const native = run({});
    const fallback = run({PYVET_NATIVE: '0'});
    assert.ok(native.stdout.length > 10_000, native.stderr);
    const findings = (out: string) => (JSON.parse(out) as {findings: unknown[]}).findings.length;
    assert.ok(findings(native.stdout) > 500, `${findings(native.stdout)} findings`);
    assert.equal(fallback.stdout, native.stdout);
  });
});
