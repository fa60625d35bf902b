import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {parsePython} from '../../src/scan/parse.js';
import {decodeEscapes, literalInfo, type FStringSegment} from '../../src/scan/strings.js';

function segments(info: ReturnType<typeof literalInfo>): readonly FStringSegment[] {
  assert.equal(info?.kind, 'fstring');
  return info!.kind === 'fstring' ? info!.segments : [];
}

function first(source: string) {
  const root = parsePython(source).rootNode;
  const node = root.descendantsOfType(['concatenated_string', 'string'])[0]!;
  return literalInfo(node);
}

describe('string literals', () => {
  test('plain strings decode escapes; raw strings keep backslashes', () => {
    const info = first('x = "a\\x2fb\\n\\101\\u00e9"') as {kind: string; value: string};
    assert.equal(info.kind, 'plain');
    assert.equal(info.value, 'a/b\nAé');
    assert.equal((first('x = r"a\\nb"') as {value: string}).value, 'a\\nb');
    assert.equal((first("x = '''line\\\ncontinued'''") as {value: string}).value, 'linecontinued');
  });

  test('implicit concatenation is one literal', () => {
    assert.equal((first('x = ("/tmp" "/" \'x\')') as {value: string}).value, '/tmp/x');
  });

  test('bytes are their own kind', () => {
    assert.equal(first('x = b"/tmp"')!.kind, 'bytes');
    assert.equal(first('x = "a" b"b"')!.kind, 'bytes');
  });

  test('f-strings give their literal segments, fused across pieces, with lines', () => {
    const info = first('q = ("SELECT * " f"FROM {t} "\n     "WHERE id = {{x}} " f"AND a={a}")');
    assert.deepEqual(
      segments(info),
      [
        {value: 'SELECT * FROM ', line: 1, column: 6},
        {value: ' WHERE id = {{x}} AND a=', line: 1, column: 28},
      ],
    );
    assert.deepEqual(
      segments(first('f"{a}\\nSELECT {b}"')).map(s => s.value),
      ['\nSELECT '],
    );
    assert.deepEqual(segments(first('f"{{literal}} {x}"')).map(s => s.value), ['{literal} ']);
  });

  test('decodeEscapes', () => {
    assert.equal(decodeEscapes('\\t\\\\\\q', false), '\t\\\\q');
    assert.equal(decodeEscapes('\\u0041', true), '\\u0041', 'bytes have no \\u escape');
  });
});
