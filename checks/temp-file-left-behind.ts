import {defineCheck} from '../src/model/check.js';
import type {CallInfo} from '../src/scan/calls.js';
import type {NameTable} from '../src/scan/names.js';
import {definitionName, enclosingFunction, unwrap, type SyntaxNode} from '../src/scan/syntax.js';
import {anyUse, calleeOf, containerStore, fateOf, loopTargetsOver, type Fate} from './lib/resources.js';

/**
 * Removal functions and methods, by short name: shutil.rmtree, os.remove/unlink/rmdir/
 * removedirs, pathlib's Path.unlink()/rmdir(), oslo.utils' fileutils.delete_if_exists,
 * and test helpers of the same names (test.support.os_helper.unlink, support.rmtree).
 */
const REMOVER_NAMES: ReadonlySet<string> = new Set(['rmtree', 'remove', 'unlink', 'rmdir', 'removedirs', 'delete_if_exists']);

/**
 * Calls that move the file into place, after which it is no longer temporary (the
 * write-then-rename pattern): os.rename/replace/renames, shutil.move, Path.rename().
 * Path.replace() is left out: by name it cannot be told from str.replace().
 */
const MOVERS: ReadonlySet<string> = new Set(['os.rename', 'os.replace', 'os.renames', 'shutil.move']);

/** Short names of calls that schedule a cleanup with the arguments they are given. */
const REGISTRARS: ReadonlySet<string> = new Set(['addCleanup', 'addClassCleanup', 'addAsyncCleanup', 'callback']);

/**
 * A `dir=` that is itself a scratch directory (tmp_dir, workdir, build_dir, self.tempdir,
 * a pytest tmp_path): the file goes when that directory goes.
 */
const SCRATCH_DIR = /te?mp|work|build|scratch|stag/i;

function inScratchDir(call: CallInfo): boolean {
  const dir = unwrap(call.keyword('dir')?.value);
  return !!dir && dir.type !== 'none' && SCRATCH_DIR.test(dir.text) && !/gettempdir/.test(dir.text);
}

/** The trigger, or null: mkdtemp(), mkstemp(), NamedTemporaryFile(delete=False). */
function triggerOf(call: CallInfo): string | null {
  if (inScratchDir(call)) return null;
  switch (call.qualname) {
    case 'tempfile.mkdtemp':
    case 'tempfile.mkstemp':
      return `${call.qualname}()`;
    case 'tempfile.NamedTemporaryFile': {
      // delete is the eighth positional parameter
      const del = call.keyword('delete')?.value ?? call.args[7];
      return unwrap(del)?.type === 'false' ? `${call.qualname}(delete=False)` : null;
    }
    default:
      return null;
  }
}

/** The short name of a name or attribute, resolved through imports ('' for anything else). */
function shortOf(expr: SyntaxNode | null, names: NameTable): string {
  const e = unwrap(expr);
  if (!e || (e.type !== 'identifier' && e.type !== 'attribute')) return '';
  const q = names.resolve(e);
  return q.slice(q.lastIndexOf('.') + 1);
}

/**
 * Whether a call removes what it is given, registers its removal (atexit.register,
 * addCleanup, ExitStack.callback), or hands a removal function to a runner along with
 * it (execute(os.remove, (path,)), executor.submit(shutil.rmtree, d)).
 */
function isRemoval(call: SyntaxNode, names: NameTable): boolean {
  const callee = calleeOf(call);
  const name = shortOf(callee, names);
  if (REMOVER_NAMES.has(name) || REGISTRARS.has(name)) return true;
  if (name === 'rename' || ((name === 'replace' || name === 'renames' || name === 'move') && callee && MOVERS.has(names.resolve(callee)))) {
    return true;
  }
  if (name === 'register' && callee && names.resolve(callee) === 'atexit.register') return true;
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list') return false;
  for (const a of args.namedChildren) if (REMOVER_NAMES.has(shortOf(a, names))) return true;
  return false;
}

/** Calls that build a path from the one they are given: their result still names the temporary file. */
const PATH_BUILDERS: ReadonlySet<string> = new Set([
  'os.path.join',
  'os.path.abspath',
  'os.path.realpath',
  'os.path.normpath',
  'os.fspath',
  'str',
  'pathlib.Path',
  'pathlib.PurePath',
  'typing.cast',
]);

/** String methods whose result is still the same path (fname.lower(), path.strip()). */
const PATH_METHODS: ReadonlySet<string> = new Set(['lower', 'upper', 'strip', 'rstrip', 'lstrip', 'encode', 'decode', 'resolve', 'absolute']);

/**
 * Where a path ends up: through subscripts and attributes (mkstemp()[1], tmp.name), string
 * methods (fname.lower()) and calls that build a path from it (os.path.realpath(mkdtemp())),
 * to its final use.
 */
function pathFate(expr: SyntaxNode, names: NameTable): Fate {
  let n = expr;
  for (let depth = 0; depth < 8; depth++) {
    const fate = fateOf(n);
    if (fate.kind === 'receiver') {
      const call = fate.node.parent;
      if (fate.attribute && PATH_METHODS.has(fate.attribute) && call?.type === 'call' && call.childForFieldName('function')?.id === fate.node.id) {
        n = call;
        continue;
      }
      n = fate.node;
      continue;
    }
    if (fate.kind === 'argument') {
      const callee = calleeOf(fate.call);
      const q = callee && (callee.type === 'identifier' || callee.type === 'attribute') ? names.resolve(callee) : '';
      if (PATH_BUILDERS.has(q)) {
        n = fate.call;
        continue;
      }
    }
    return fate;
  }
  return {kind: 'unknown'};
}

const STATEMENT_LEVEL = new Set(['block', 'module', 'function_definition', 'class_definition', 'expression_statement', 'return_statement']);

/**
 * One use of a tracked name: removed (it is inside the arguments or the receiver of a
 * removal or registration call), handed on (returned, yielded, stored on an attribute or
 * subscript, declared global — as itself, in a container, or as a path built from it),
 * or bound to further names that are then tracked (`path = tmp.name`, `p = Path(work)`).
 */
function settles(id: SyntaxNode, names: NameTable, fn: SyntaxNode): boolean | readonly string[] {
  for (let p = id.parent; p && !STATEMENT_LEVEL.has(p.type); p = p.parent) {
    if (p.type === 'call' && isRemoval(p, names)) return true;
  }
  const targets = loopTargetsOver(id); // iterating a tracked list of paths: follow the loop variable
  if (targets) return targets;
  const fate = pathFate(id, names);
  switch (fate.kind) {
    case 'returned':
    case 'stored':
      return true;
    case 'bound':
      return fate.names;
    case 'with':
      return fate.alias ? [fate.alias] : false;
    case 'argument': {
      const container = containerStore(fate.call, fn);
      return container === null ? false : container === 'stored' ? true : [container];
    }
    default:
      return false;
  }
}

export default defineCheck({
  id: 'R602',
  slug: 'temp-file-left-behind',
  title: 'temporary file left behind',
  category: 'cleanup',
  severity: 'low',
  confidence: 'medium',
  cwe: 459,
  docs: {
    what:
      'Finds tempfile.mkdtemp(), tempfile.mkstemp() and tempfile.NamedTemporaryFile(delete=False) whose result the same ' +
      'function never removes (shutil.rmtree, os.remove, os.unlink, os.rmdir, Path.unlink()), never schedules for removal ' +
      '(addCleanup(…), atexit.register(…)), and neither returns nor stores on an attribute.',
    why:
      'These calls create files or directories that outlive the process by design: nothing deletes them unless the code does. ' +
      'Left behind they fill the temporary directory, can keep sensitive data (downloaded images, keys, user uploads) on disk ' +
      'long after it was needed, and on a shared host may be read by other users.',
    example: 'def unpack(blob):\n    work = tempfile.mkdtemp()\n    extract(blob, work)\n    return sorted(os.listdir(work))',
    fix:
      'Use tempfile.TemporaryDirectory() or NamedTemporaryFile() as a context manager, or remove the path in a finally block ' +
      '(shutil.rmtree(work)); in tests register it with self.addCleanup(shutil.rmtree, work) or use fixtures.TempDir.',
    differences:
      'No Bandit equivalent (B306 is about mktemp, a different risk). The result is followed through mkstemp()[1], ' +
      '.name, `with NamedTemporaryFile(delete=False) as tmp`, aliases and paths built from it (path = tmp.name, p = ' +
      'pathlib.Path(work), os.path.join(work, …), os.path.realpath(…), str(), os.fspath(), typing.cast()). A use ' +
      'anywhere inside the arguments or receiver of a removal counts: a call named rmtree, remove, unlink, rmdir, ' +
      'removedirs or delete_if_exists (shutil, os, pathlib, oslo.utils fileutils, test helpers of those names), a ' +
      'registration (atexit.register, addCleanup, addClassCleanup, ExitStack.callback), or a call handed a removal ' +
      'function along with it (execute(os.remove, (path,))), and moving the file into place (os.rename, os.replace, ' +
      'shutil.move, Path.rename; not Path.replace, which cannot be told from str.replace by name). Returning something ' +
      'computed from it (sorted(os.listdir(work))) is not a hand-off. A result passed straight to another call ' +
      '(self.flags(path=tempfile.mkdtemp())) is reported. A name bound at module or class level is not followed. A ' +
      'temporary file created with dir= naming a scratch directory (a name containing tmp, temp, work, build, scratch ' +
      'or stag: dir=tmp_dir, dir=workdir, dir=self.tempdir; not tempfile.gettempdir()) goes away with that directory ' +
      'and is not reported. String methods that keep the path (fname.lower(), path.strip()) ' +
      'are followed, and so is the result of any call the path is passed to when that result is bound, returned or ' +
      'stored (d = _longpath(mkdtemp()); addCleanup(rmtree, d)).',
  },
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (!call.qualname.startsWith('tempfile.')) return;
      const what = triggerOf(call);
      if (!what) return;
      let fate = pathFate(node, ctx.names);
      const fn = enclosingFunction(node);
      if (fate.kind === 'argument') {
        // tmp_dirs.append(tempfile.mkdtemp()): follow a local list; a list on self or at module level keeps it.
        const container = containerStore(fate.call, fn);
        if (container === 'stored') return;
        if (container !== null) fate = {kind: 'bound', names: [container]};
      }
      switch (fate.kind) {
        case 'returned':
        case 'stored':
        case 'unknown':
          return;
        case 'argument': {
          if (isRemoval(fate.call, ctx.names)) return;
          // d = os_helper._longpath(mkdtemp()): follow what the call's result is bound to.
          const outer = fateOf(fate.call);
          if (outer.kind === 'bound' && fn && anyUse(fn, outer.names, id => settles(id, ctx.names, fn))) return;
          if (outer.kind === 'returned' || outer.kind === 'stored') return;
          ctx.report(node, {message: `${what} is passed to ${calleeOf(fate.call)?.text ?? 'a call'} and never removed`});
          return;
        }
        case 'dropped':
        case 'inline':
          ctx.report(node, {message: `${what} is never removed`});
          return;
        case 'with':
        case 'bound': {
          const bound = fate.kind === 'with' ? (fate.alias ? [fate.alias] : []) : fate.names;
          if (!fn || bound.length === 0) return;
          if (anyUse(fn, bound, id => settles(id, ctx.names, fn))) return;
          ctx.report(node, {
            message: `${what} is bound to ${bound.join(', ')}, which ${definitionName(fn)}() never removes, returns or stores`,
          });
          return;
        }
      }
    },
  },
});
