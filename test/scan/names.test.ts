import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {NameTable} from '../../src/scan/names.js';
import {parsePython} from '../../src/scan/parse.js';
import type {SyntaxNode} from '../../src/scan/syntax.js';

/** Walk a module in source order, feeding imports to the table, and return each call's qualname. */
function qualnames(source: string): string[] {
  const root = parsePython(source).rootNode;
  const names = new NameTable();
  const out: string[] = [];
  for (const n of root.descendantsOfType(['import_statement', 'import_from_statement', 'call'])) {
    if (n.type === 'call') out.push(names.resolve(n.childForFieldName('function') as SyntaxNode));
    else names.addImport(n);
  }
  return out;
}

describe('name resolution (Bandit semantics)', () => {
  test('aliases, from-imports and attribute chains', () => {
    assert.deepEqual(
      qualnames(
        [
          'import os as o',
          'o.system(c)',
          'import xml.etree.ElementTree as ET',
          'ET.parse(f)',
          'from xml.etree import ElementTree',
          'ElementTree.fromstring(s)',
          'from subprocess import Popen as P',
          'P(c)',
          'eval(x)',
          'self.client.exec_command(c)',
        ].join('\n'),
      ),
      ['os.system', 'xml.etree.ElementTree.parse', 'xml.etree.ElementTree.fromstring', 'subprocess.Popen', 'eval', 'self.client.exec_command'],
    );
  });

  test('relative imports drop their dots; star imports resolve nothing', () => {
    assert.deepEqual(qualnames('from .subprocess import run\nrun("ls")\nfrom pickle import *\nload(f)\nfrom . import y as z\nz()'), [
      'subprocess.run',
      'load',
      'y',
    ]);
  });

  test('no scoping and no data flow: an import anywhere counts for later calls only', () => {
    assert.deepEqual(qualnames('pp("a")\ndef f():\n    from os import popen as pp\npp("ls")\np = subprocess\np.call(c)'), ['pp', 'os.popen', 'p.call']);
  });

  test('non-name callees give an empty or dot-prefixed qualname', () => {
    assert.deepEqual(qualnames('conn.cursor().execute(q)\n"x".format(y)\nfoo()()\n(os.system)(c)'), [
      '.execute',
      'conn.cursor',
      '.format',
      '',
      'foo',
      'os.system',
    ]);
  });

  test('imported-exact and imported-like', () => {
    const names = new NameTable();
    const root = parsePython('from yaml import load\nimport my_paramiko_utils\nfrom sklearn import datasets').rootNode;
    for (const n of root.namedChildren) names.addImport(n);
    assert.equal(names.importedExact('yaml'), false);
    assert.equal(names.importedExact('yaml.load'), true);
    assert.equal(names.importedLike('paramiko'), true);
    assert.equal(names.importedLike('datasets'), true);
    assert.equal(names.importedLike('torch'), false);
  });
});
