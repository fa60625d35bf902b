/**
 * pyvet never runs, imports or evaluates the code it reviews. Files whose top-level code
 * would write a marker file — plain, in a conftest.py, setup.py, __init__.py,
 * sitecustomize.py, behind coding-declaration tricks — are scanned in every format and
 * reviewed in a terminal, with fake `python`, `python3`, `pip` and `pytest` first on the
 * PATH that would leave a marker too: no marker ever appears. And pyvet's own source is
 * checked for the ways code could be run: eval, new Function, child processes, dynamic
 * imports, vm, workers — each use there is on an explicit list.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import ts from 'typescript';
import {BIN, tmpProject} from '../helpers/cli.js';
import {pyvetSourceFiles, ROOT} from '../helpers/paths.js';
import {tmpDir} from '../helpers/tmp.js';
import {pyvet, RecordedTerminal} from './support.js';

function markerProject(markers: string): {dir: string; bin: string} {
  const m = (name: string) => JSON.stringify(path.join(markers, name));
  const write = (name: string) => `open(${m(name)}, "w").write("ran")`;
  const files: Record<string, string> = {
    'app.py': `import os\n${write('app')}\nos.system("touch " + ${m('app-system')})\n`,
    'conftest.py': `import subprocess\n${write('conftest')}\nsubprocess.run(["touch", ${m('conftest-run')}])\n`,
    'setup.py': `from setuptools import setup\n${write('setup')}\nsetup(name="x")\n`,
    'pkg/__init__.py': `${write('init')}\n`,
    'pkg/__main__.py': `${write('main')}\n`,
    'sitecustomize.py': `${write('sitecustomize')}\n`,
    'tests/test_app.py': `${write('test-module')}\n\ndef test_x():\n    ${write('test-function')}\n`,
    // Coding declarations that make Python rewrite the text: the marker line only exists for Python.
    'utf7.py': `# -*- coding: utf-7 -*-\nx = 1 +AAo-${write('utf7').replace(/"/g, '+ACI-')}\n`,
    'escapes.py': `# coding: unicode_escape\nx = 1 \\x0a${write('unicode-escape')}\n`,
    'cookie_latin1.py': `# -*- coding: latin-1 -*-\n${write('latin1')}\n`,
    'pyproject.toml': '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n[tool.pyvet]\nselect = ["B", "R"]\n',
  };
  const dir = tmpProject(files, 'pyvet-never-');
  // Programs that would leave a marker if pyvet ever started them.
  const bin = tmpDir('pyvet-never-bin-');
  for (const prog of ['python', 'python3', 'python2', 'pip', 'pip3', 'pytest', 'py']) {
    const file = path.join(bin, prog);
    fs.writeFileSync(file, `#!/bin/sh\ntouch ${JSON.stringify(path.join(markers, `started-${prog}`))}\n`);
    fs.chmodSync(file, 0o755);
  }
  return {dir, bin};
}

test('scanning and reviewing files whose top level writes a marker never writes it', async () => {
  const markers = tmpDir('pyvet-markers-');
  const {dir, bin} = markerProject(markers);
  const conf = tmpDir('pyvet-never-conf-');
  const env = {PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`};
  for (const format of ['text', 'json', 'sarif', 'markdown']) {
    const r = pyvet(['scan', '.', '--format', format], {cwd: dir, conf, env});
    assert.equal(r.code, 1, `${format}: ${r.stderr}`);
  }
  // The hidden lines were decoded as Python decodes them, and reviewed.
  const json = JSON.parse(pyvet(['scan', 'utf7.py', 'escapes.py', 'app.py', '--format', 'json'], {cwd: dir, conf, env}).stdout) as {findings: {path: string; checkId: string}[]};
  assert.ok(json.findings.some(f => f.path === 'app.py' && f.checkId === 'B605'));
  assert.ok(json.findings.some(f => f.path === 'utf7.py'), 'the line hidden by UTF-7 is reviewed');
  assert.ok(json.findings.some(f => f.path === 'escapes.py'), 'the line hidden by unicode_escape is reviewed');
  for (const args of [['checks'], ['explain', 'B602'], ['scan', '.', '--diff', 'HEAD']]) pyvet(args, {cwd: dir, conf, env});

  const term = new RecordedTerminal(`${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} review .`, {cwd: dir, env: {...env, PYVET_CONFIG_DIR: conf}});
  await term.waitFor(/findings: \d+ pending/);
  for (const key of ['j', 'j', 'a', 'G', 'd', '1', 's']) {
    term.send(key);
    await new Promise(r => setTimeout(r, 100));
  }
  await term.waitFor(/saved /);
  term.send('q');
  await term.waitFor(/\[exit 0\]/);

  assert.deepEqual(fs.readdirSync(markers), [], 'a marker was written: reviewed code ran');
});

interface Use {
  readonly file: string;
  readonly what: string;
}

/** Modules through which code can be run: a child process, a VM context, a worker, a loader. */
const RUNNERS = new Set(['child_process', 'vm', 'worker_threads', 'module', 'cluster', 'inspector', 'repl', 'wasi']);

/** Every way a source file could run code, found in its syntax tree (so strings and comments do not count). */
function runnerUses(file: string): {uses: Use[]; firstArgs: Map<string, string[]>} {
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const uses: Use[] = [];
  const fromRunners = new Set<string>(); // local names bound to a runner module's exports
  const firstArgs = new Map<string, string[]>(); // calls of those names: their first argument
  const moduleName = (spec: string) => spec.replace(/^node:/, '');
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const spec = node.moduleSpecifier.text;
      if (RUNNERS.has(moduleName(spec))) {
        uses.push({file: rel, what: `import ${spec}`});
        const bindings = node.importClause?.namedBindings;
        if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) fromRunners.add(el.name.text);
        if (node.importClause?.name) fromRunners.add(node.importClause.name.text);
        if (bindings && ts.isNamespaceImport(bindings)) fromRunners.add(bindings.name.text);
      }
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword) {
        const arg = node.arguments[0];
        uses.push({file: rel, what: `dynamic import ${arg && ts.isStringLiteral(arg) ? arg.text : '<computed>'}`});
      }
      if (ts.isIdentifier(callee)) {
        if (callee.text === 'eval') uses.push({file: rel, what: 'eval()'});
        if (callee.text === 'Function') uses.push({file: rel, what: 'Function()'});
        if (callee.text === 'require') uses.push({file: rel, what: 'require()'});
        // promisify(execFile) and the like are runners too.
        if (callee.text === 'promisify' && node.arguments[0] && ts.isIdentifier(node.arguments[0]) && fromRunners.has(node.arguments[0].text)) {
          const decl = node.parent;
          if (ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name)) fromRunners.add(decl.name.text);
        } else if (fromRunners.has(callee.text)) {
          const arg = node.arguments[0];
          const list = firstArgs.get(callee.text) ?? [];
          list.push(arg && ts.isStringLiteral(arg) ? arg.text : '<computed>');
          firstArgs.set(callee.text, list);
        }
      }
    }
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Function') uses.push({file: rel, what: 'new Function'});
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'process' && ['dlopen', 'binding'].includes(node.name.text)) {
      uses.push({file: rel, what: `process.${node.name.text}`});
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return {uses, firstArgs};
}

test("pyvet's own source runs nothing but git, its worker and its own modules", () => {
  const uses: string[] = [];
  const programs: string[] = [];
  for (const file of pyvetSourceFiles()) {
    const found = runnerUses(file);
    for (const u of found.uses) uses.push(`${u.file}: ${u.what}`);
    for (const [name, args] of found.firstArgs) for (const a of args) programs.push(`${path.relative(ROOT, file)}: ${name}(${a}, …)`);
  }
  assert.deepEqual(uses.sort(), [
    'src/cli.ts: dynamic import ./tui.js', // the TUI, loaded only by `review`
    'src/report/reviewer.ts: import node:child_process', // git config user.name
    'src/scan/git-diff.ts: import node:child_process', // git diff / rev-parse for --diff
    'src/scan/memory.ts: import node:vm', // reaches V8's gc() (the literal 'gc'), to release parsed trees
    'src/scan/parse.ts: import node:module', // createRequire: pyvet's own addon, tree-sitter's binding
    'src/scan/pool.ts: import node:worker_threads', // scan workers: pyvet's own worker module
    'src/scan/worker.ts: import node:worker_threads',
    'src/tui.ts: import node:child_process', // the reviewer's $VISUAL/$EDITOR on the file being reviewed (key e)
  ]);
  const memory = fs.readFileSync(path.join(ROOT, 'src', 'scan', 'memory.ts'), 'utf8');
  assert.deepEqual(memory.match(/vm\.\w+\([^)]*\)/g), ["vm.runInNewContext('gc')"], 'vm only fetches gc');
  // Every child process pyvet starts is git, named as a literal, never a shell or a reviewed file.
  assert.ok(programs.length > 0);
  // The editor is the one exception: the user's own program, given the file and line.
  // parse.ts loads modules (createRequire) only to reach pyvet's addon and tree-sitter's binding.
  for (const p of programs) if (!p.startsWith('src/tui.ts:') && !p.startsWith('src/scan/parse.ts:')) assert.match(p, /: (execFile|execFileSync|run)\(git, …\)$/, p);
  const parse = fs.readFileSync(path.join(ROOT, 'src', 'scan', 'parse.ts'), 'utf8');
  assert.deepEqual(parse.match(/(?:createRequire\([^)]*\)|require\.resolve)(?:\([^)]*\))?/g), [
    'createRequire(import.meta.url)(file)', // file: native/build/Release/pyvet_flat_tree.node (addonPath)
    'createRequire(import.meta.url)',
    "require.resolve('tree-sitter')",
    "createRequire(main)('node-gyp-build')",
  ]);
  assert.match(parse, /path\.join\(dir, 'native', 'build', 'Release', 'pyvet_flat_tree\.node'\)/);
  // Worker threads run pyvet's own worker module, nothing else.
  const pool = fs.readFileSync(path.join(ROOT, 'src', 'scan', 'pool.ts'), 'utf8');
  assert.match(pool, /new URL\(self\.endsWith\('\.ts'\) \? '\.\/worker\.ts' : '\.\/worker\.js', import\.meta\.url\)/);
  assert.match(pool, /new Worker\(workerUrl\(\)/);
});
