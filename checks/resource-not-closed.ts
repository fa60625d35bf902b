import {defineCheck} from '../src/model/check.js';
import type {NameTable} from '../src/scan/names.js';
import {definitionName, enclosingFunction, unwrap, type SyntaxNode} from '../src/scan/syntax.js';
import {anyUse, calleeName, calleeOf, containerStore, fateOf, loopTargetsOver, type Fate} from './lib/resources.js';

/** Calls that open something the caller must close. */
const OPENERS: ReadonlySet<string> = new Set([
  'open',
  'builtins.open',
  'io.open',
  'socket.socket',
  'tempfile.TemporaryFile',
  'tempfile.NamedTemporaryFile',
  'tempfile.SpooledTemporaryFile',
  'urllib.request.urlopen',
]);

/**
 * Calls whose result owns the resource passed in, so that the resource lives as long as
 * that result: contextlib.closing, SSLContext.wrap_socket (the TLS socket takes the plain
 * one over), and any class (a callee whose name starts with a capital: io.TextIOWrapper, a
 * response object, a project's own wrapper). Their result is followed.
 */
function isWrapper(name: string): boolean {
  return name === 'closing' || name === 'cls' || /wrap/i.test(name) || /^from_/.test(name) || /^_*[A-Z]/.test(name);
}

/**
 * Functions that read what they are given and return data, not an object that keeps the
 * resource: `return json.load(open(p))` still leaks the file.
 */
const CONSUMERS: ReadonlySet<string> = new Set([
  'json.load',
  'pickle.load',
  'marshal.load',
  'plistlib.load',
  'tomllib.load',
  'toml.load',
  'yaml.load',
  'yaml.safe_load',
  'yaml.full_load',
  'yaml.unsafe_load',
  'yaml.load_all',
  'yaml.safe_load_all',
  'csv.reader',
  'xml.etree.ElementTree.parse',
  'xml.dom.minidom.parse',
  'hashlib.file_digest',
  'shutil.copyfileobj',
  'len',
  'list',
  'sorted',
  'tuple',
  'set',
  'str',
  'bytes',
  'print',
  'sum',
  'max',
  'min',
  'next',
  'dict',
]);

/** ExitStack (and unittest's `enterContext`): the stack closes what it is given. */
const ENTERERS: ReadonlySet<string> = new Set(['enter_context', 'enter_async_context', 'enterContext', 'enterAsyncContext']);

/** Functions that stream a file into a web response and close it when the response is done. */
const HANDOFFS: ReadonlySet<string> = new Set(['send_file', 'wrap_file']);

type Settled = Fate | 'released' | 'orphan-stack' | {readonly kind: 'container'; readonly name: string};

/** Where the resource held by `expr` ends up, following wrappers that take it over. */
function settle(expr: SyntaxNode, names: NameTable, fn: SyntaxNode | null): Settled {
  let n = expr;
  for (let depth = 0; depth < 8; depth++) {
    const fate = fateOf(n);
    if (fate.kind !== 'argument') return fate;
    const name = calleeName(fate.call, names);
    if (HANDOFFS.has(name)) return 'released';
    if (isWrapper(name)) {
      n = fate.call;
      continue;
    }
    const callee = calleeOf(fate.call);
    const receiver = callee?.type === 'attribute' ? unwrap(callee.childForFieldName('object')) : null;
    if (ENTERERS.has(name)) return receiver?.type === 'call' ? 'orphan-stack' : 'released';
    // close(fd), os.close(f), _sync_close(f); a setter (source.setByteStream(f), self.set_socket(s));
    // any method of the object itself (self.initfp(f)), which may keep it.
    if (/close/i.test(name) || /^_*set/.test(name)) return 'released';
    if (receiver && (receiver.text === 'self' || receiver.text === 'cls')) return 'released';
    const container = containerStore(fate.call, fn);
    if (container === 'stored') return 'released';
    if (container !== null) return {kind: 'container', name: container};
    // Handed to a call whose result the function returns or stores (return addinfourl(fp, …),
    // return from_stdlib_socket(sock)): that result keeps it, unless the call only reads it.
    const q = callee && (callee.type === 'identifier' || callee.type === 'attribute') ? names.resolve(callee) : '';
    if (!CONSUMERS.has(q)) {
      const outer = fateOf(fate.call);
      if (outer.kind === 'returned' || outer.kind === 'stored') return 'released';
    }
    return fate;
  }
  return {kind: 'unknown'};
}

/** The local name a list, tuple or set display holding `id` is bound to (`to_close = [f, g]`), or null. */
function displayBoundTo(id: SyntaxNode): string | null {
  let n = id;
  let p = n.parent;
  let contained = false;
  while (p && (p.type === 'list' || p.type === 'tuple' || p.type === 'set' || p.type === 'parenthesized_expression')) {
    if (p.type !== 'parenthesized_expression') contained = true;
    n = p;
    p = n.parent;
  }
  if (!contained || p?.type !== 'assignment' || p.childForFieldName('right')?.id !== n.id) return null;
  const left = p.childForFieldName('left');
  return left?.type === 'identifier' ? left.text : null;
}

/** Whether one use of a tracked name closes or hands off the resource; an alias adds names. */
function releases(id: SyntaxNode, names: NameTable, fn: SyntaxNode): boolean | readonly string[] {
  const p = id.parent;
  if (p?.type === 'attribute' && p.childForFieldName('object')?.id === id.id) {
    // f.close(), addCleanup(f.close), atexit.register(f.close); any other attribute is a plain use.
    return p.childForFieldName('attribute')?.text === 'close';
  }
  const targets = loopTargetsOver(id); // iterating a tracked container: follow the loop variable
  if (targets) return targets;
  const list = displayBoundTo(id); // close = [packf, idxf]: follow the list
  if (list) return [list];
  const fate = settle(id, names, fn);
  if (fate === 'released') return true;
  if (fate === 'orphan-stack') return false;
  switch (fate.kind) {
    case 'with':
    case 'returned':
    case 'stored':
      return true;
    case 'bound':
      return fate.names;
    case 'container':
      return [fate.name];
    default:
      return false;
  }
}

/** Whether the module defines its own top-level `open` (webbrowser.open, a helper), per tree. */
const definesOpen = new WeakMap<object, boolean>();

function moduleDefinesOpen(node: SyntaxNode): boolean {
  const tree = node.tree as object;
  let v = definesOpen.get(tree);
  if (v === undefined) {
    v = false;
    for (const stmt of node.tree.rootNode.namedChildren) {
      const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
      if (def?.type === 'function_definition' && def.childForFieldName('name')?.text === 'open') {
        v = true;
        break;
      }
    }
    definesOpen.set(tree, v);
  }
  return v;
}

export default defineCheck({
  id: 'R601',
  slug: 'resource-not-closed',
  title: 'resource not closed',
  category: 'cleanup',
  severity: 'low',
  confidence: 'medium',
  cwe: 772,
  docs: {
    what:
      'Finds files, sockets, temporary files and urlopen responses opened outside a with statement whose result is used ' +
      'inline (open(p).read(), json.load(open(p))), thrown away, or bound to a name that the same function never closes ' +
      '(x.close(), closing(x), addCleanup(x.close), with x:), returns, yields or stores on an attribute.',
    why:
      'An open file or socket holds an operating-system descriptor until something closes it. Leaving that to the garbage ' +
      'collector works in CPython most of the time, but not on other interpreters, not while a reference cycle or a ' +
      'traceback keeps the object alive, and never promptly: a long-running service slowly runs out of descriptors ' +
      '("too many open files"), and written data may not reach the disk before the process dies.',
    example: 'def load(path):\n    return json.load(open(path))',
    fix:
      'Use a with statement (with open(path) as f: return json.load(f)); where the lifetime spans several calls, close it in ' +
      'a finally block, register it with contextlib.ExitStack, or in tests with self.addCleanup(f.close).',
    differences:
      'No Bandit equivalent. A resource counts as handed on, not leaked, when it is returned or yielded (also inside a ' +
      'tuple, list or dict), stored on an attribute or subscript, declared global, given to an ExitStack ' +
      '(enter_context), to send_file, to a function whose name contains "close" (os.close, _sync_close), to a setter ' +
      '(source.setByteStream(f), self.set_socket(s)) or to any method of self/cls (the object may keep it; a self ' +
      'method that only reads it is therefore missed), or to any call whose result is returned or stored ' +
      '(return addinfourl(fp, headers)), unless that call only reads it (json.load, pickle.load, yaml.*load, ' +
      'csv.reader, len, list…). Wrappers are followed: contextlib.closing, anything named like wrap (wrap_socket, ' +
      'a test_wrap_socket helper), cls(…) and from_…(…) constructors, and any class (a callee named with a capital: ' +
      'io.TextIOWrapper, FileResponse, a project\'s own wrapper) take the resource over, and the wrapper must then be ' +
      'closed, returned or stored. A resource put into a local list ' +
      '(opened.append(f), or to_close = [f, g]) is followed through the list and the loop variables that iterate it; a list on self or at ' +
      'module level keeps it. A resource passed to any other function (json.load, csv.reader, tarfile.open(fileobj=…)) ' +
      'is still open afterwards and is reported. An anonymous ExitStack().enter_context(open(p)) is reported, since ' +
      'nothing closes that stack. A name bound at module or class level is a long-lived handle by design and is not ' +
      'followed; inline uses there are reported. A module that defines its own top-level open() (webbrowser) is not ' +
      'checked for open().',
  },
  callNames: OPENERS,
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (!OPENERS.has(call.qualname) || (call.qualname === 'open' && moduleDefinesOpen(node))) return;
      const what = `${call.qualname}()`;
      const fate = settle(node, ctx.names, enclosingFunction(node));
      if (fate === 'released') return;
      if (fate === 'orphan-stack') {
        ctx.report(node, {message: `${what} is entered into an ExitStack that nothing closes`});
        return;
      }
      switch (fate.kind) {
        case 'with':
        case 'returned':
        case 'stored':
        case 'unknown':
          return;
        case 'container': {
          const fn = enclosingFunction(node);
          if (!fn || anyUse(fn, [fate.name], id => releases(id, ctx.names, fn))) return;
          ctx.report(node, {message: `${what} is put into ${fate.name}, whose files are never closed`});
          return;
        }
        case 'receiver':
          if (fate.attribute === 'close') return;
          ctx.report(node, {
            message: fate.attribute
              ? `${what} is used inline (.${fate.attribute}) and never closed`
              : `${what} is used inline and never closed`,
          });
          return;
        case 'argument':
          ctx.report(node, {message: `${what} is passed to ${calleeOf(fate.call)?.text ?? 'a call'} and never closed`});
          return;
        case 'dropped':
          ctx.report(node, {message: `${what} is thrown away without being closed`});
          return;
        case 'inline':
          ctx.report(node, {message: `${what} is used inline and never closed`});
          return;
        case 'bound': {
          const fn = enclosingFunction(node);
          if (!fn) return; // module or class level: a long-lived handle
          if (anyUse(fn, fate.names, id => releases(id, ctx.names, fn))) return;
          ctx.report(node, {
            message: `${what} is bound to ${fate.names.join(', ')}, which ${definitionName(fn)}() never closes, returns or stores`,
          });
          return;
        }
      }
    },
  },
});
