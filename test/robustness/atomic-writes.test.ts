/**
 * Every file pyvet writes is written atomically (a temporary file renamed over the target:
 * write-file-atomic for reports, reviews and the state file, conf's `atomically` for the
 * stores), so a crash or kill -9 never leaves half a file. This finds every file-writing
 * call in pyvet's source through the TypeScript AST; the non-atomic ones are on a list.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import ts from 'typescript';
import {pyvetSourceFiles, ROOT} from '../helpers/paths.js';

const WRITERS = new Set(['writeFileSync', 'writeFile', 'appendFileSync', 'appendFile', 'createWriteStream', 'writeSync', 'write', 'truncateSync', 'ftruncateSync', 'copyFileSync', 'cpSync']);

test('pyvet writes files only atomically (the exceptions are listed)', () => {
  const direct: string[] = [];
  const atomic: string[] = [];
  for (const file of pyvetSourceFiles()) {
    const rel = path.relative(ROOT, file).split(path.sep).join('/');
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const obj = node.expression.expression.getText(sf);
        const name = node.expression.name.text;
        if ((obj === 'fs' || obj === 'fsp' || obj === 'fs.promises') && WRITERS.has(name)) direct.push(`${rel}: ${obj}.${name}`);
        if (obj === 'writeFileAtomic') atomic.push(`${rel}: writeFileAtomic.${name}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  assert.deepEqual(direct.sort(), [
    'src/review/file-lock.ts: fs.writeSync', // the lock file's owner, into a file just created with O_EXCL
    'src/timing.ts: fs.appendFileSync', // PYVET_TIMING's developer log, one line per record
  ]);
  assert.deepEqual([...new Set(atomic)].sort(), [
    'src/cli.ts: writeFileAtomic.sync', // scan --output
    'src/review/controller.ts: writeFileAtomic.sync', // the Markdown review (s)
    'src/review/state-file.ts: writeFileAtomic.sync', // .pyvet-review.json / --state
  ]);
});
