import {defineCheck, type CheckContext} from '../src/model/check.js';
import type {NameTable} from '../src/scan/names.js';
import {descendantsInScope, namedChildren, statementsOf, unwrap, type SyntaxNode} from '../src/scan/syntax.js';
import {isLoggingCall, LOGGER_FACTORIES, LOGGING_METHODS} from './lib/vocabulary.js';
import {aliasOf} from './lib/except-clause.js';

const BROAD: ReadonlySet<string> = new Set(['Exception', 'BaseException', 'builtins.Exception', 'builtins.BaseException']);

/** Calls that never return normally: as good as a raise for this check. */
const RAISING_CALLS: ReadonlySet<string> = new Set([
  'sys.exit',
  'os._exit',
  'os.abort',
  'exit',
  'quit',
  'self.fail',
  'self.skipTest',
  'pytest.fail',
  'pytest.exit',
  'pytest.skip',
  'pytest.xfail',
  'flask.abort',
  'werkzeug.exceptions.abort',
  'parser.error',
  'self.parser.error',
]);

/** Calls that report the error where someone will see it, like a logging call does. */
const REPORTING_CALLS: ReadonlySet<string> = new Set([
  'traceback.print_exc',
  'traceback.print_exception',
  'warnings.warn',
  'sys.stderr.write',
  'sys.excepthook',
]);

/** Calls that capture the exception in flight, as `as e` does: what they return carries the error on. */
const CAPTURING_CALLS: ReadonlySet<string> = new Set(['sys.exc_info', 'sys.exception', 'traceback.format_exc', 'traceback.format_exception']);

/** Error hooks by name: logging.Handler.handleError(record), self.report_error(…), on_error(…). */
const ERROR_HOOK = /^_*(?:handle|report|record|log|on)_?(?:error|exception|failure)s?$/i;

/** A logging method called on a fresh logger: `logging.getLogger(__name__).exception(…)`. */
function isChainedLoggerCall(call: SyntaxNode, ctx: CheckContext): boolean {
  const callee = unwrap(call.childForFieldName('function'));
  if (callee?.type !== 'attribute' || !LOGGING_METHODS.has(callee.childForFieldName('attribute')?.text ?? '')) return false;
  const obj = unwrap(callee.childForFieldName('object'));
  return obj?.type === 'call' && LOGGER_FACTORIES.has(ctx.call(obj).name);
}

/** `print(…, file=sys.stderr)`: an error message on standard error. */
function printsToStderr(call: SyntaxNode, ctx: CheckContext): boolean {
  const info = ctx.call(call);
  if (info.qualname !== 'print') return false;
  const file = unwrap(info.keyword('file')?.value);
  return !!file && ctx.names.resolve(file) === 'sys.stderr';
}

/** The handler's type as written when it catches a broad class (`Exception`, alone or in a tuple), or null. */
function broadType(clause: SyntaxNode, names: NameTable): string | null {
  let t = unwrap(clause.childForFieldName('value'));
  if (!t) return null;
  if (t.type === 'as_pattern') t = unwrap(t.firstNamedChild);
  if (!t) return null;
  const items = t.type === 'tuple' ? namedChildren(t).map(unwrap) : [t];
  for (const item of items) {
    if (item && (item.type === 'identifier' || item.type === 'attribute') && BROAD.has(names.resolve(item))) {
      return t.text.replace(/\s+/g, ' ');
    }
  }
  return null;
}

const HANDLING_PARTS = ['raise_statement', 'call', 'identifier'];

/**
 * Whether the handler body raises, exits, logs or reports the error, or carries the
 * exception on (uses the name bound by `as`: stores, returns or passes it), outside nested
 * functions and classes.
 */
function handles(block: SyntaxNode, alias: string | null, ctx: CheckContext): boolean {
  for (const n of descendantsInScope(block, HANDLING_PARTS)) {
    if (n.type === 'raise_statement') return true;
    if (n.type === 'identifier') {
      if (alias !== null && n.text === alias) return true;
      continue;
    }
    const info = ctx.call(n);
    const q = info.qualname;
    if (isLoggingCall(q) || RAISING_CALLS.has(q) || REPORTING_CALLS.has(q) || CAPTURING_CALLS.has(q)) return true;
    if (ERROR_HOOK.test(info.name) || printsToStderr(n, ctx) || isChainedLoggerCall(n, ctx)) return true;
  }
  return false;
}

export default defineCheck({
  id: 'R202',
  slug: 'broad-exception-swallowed',
  title: 'broad exception swallowed',
  category: 'errors',
  severity: 'medium',
  confidence: 'medium',
  cwe: 390,
  docs: {
    what:
      'Finds handlers for Exception or BaseException (alone or in a tuple, with or without `as e`) whose body ' +
      'neither raises nor logs: no raise statement and no logging call (LOG.*, logger.*, logging.*, log.*: debug, ' +
      'info, warning, error, exception, critical, log). Calls that never return (sys.exit, os._exit, self.fail, ' +
      'self.skipTest, pytest.fail/exit/skip/xfail, flask.abort, parser.error) count as raising; ' +
      'traceback.print_exc/print_exception, warnings.warn, sys.stderr.write, print(…, file=sys.stderr), ' +
      'logging.getLogger(…).error(…) and error hooks (self.handleError(record), report_error, on_error) count as ' +
      'logging. A handler that uses the exception it bound (`except Exception as e:` and then e is stored, returned, ' +
      'passed on or formatted), or captures it with sys.exc_info() or traceback.format_exc(), keeps the error and is ' +
      'not reported. Handlers whose body is only pass or continue are ' +
      'left to B110/B112.',
    why:
      'Catching every exception and carrying on hides the failure: the error that would have explained a corrupt ' +
      'record, a half-finished operation or an attack leaves no trace, and the code continues in a state nobody ' +
      'planned for.',
    example: 'try:\n    self._cleanup_allocation(ctxt, instance)\nexcept Exception:\n    return False',
    fix:
      'Catch the specific exceptions you can handle; if a broad catch is really needed, log it with the traceback ' +
      '(LOG.exception(...)) or re-raise after cleaning up.',
    differences:
      "pyvet's own check; Bandit has none for a broad handler with a real body. A body of only pass/continue is never " +
      'reported here, whatever the exception type (B110/B112 cover bare except and except Exception). The review table ' +
      'asks for "no raise and no logging call"; pyvet reads "swallowed" as "no trace of the error survives", so reporting ' +
      'it on standard error or with warnings.warn, and carrying the exception object on (errors.append(e), ' +
      'return {"error": e}, future.set_exception(e)), also count as handling it.',
  },
  visit: {
    except_clause(node, ctx) {
      const broad = broadType(node, ctx.names);
      if (!broad) return;
      const block = node.namedChildren.find(c => c.type === 'block');
      if (!block) return;
      const stmts = statementsOf(block);
      if (stmts.every(s => s.type === 'pass_statement' || s.type === 'continue_statement')) return;
      if (handles(block, aliasOf(node), ctx)) return;
      ctx.report(node, {
        message: `except ${broad} swallows the error: the handler neither re-raises, logs nor keeps it`,
        span: node.firstChild ?? node,
      });
    },
  },
});
