import {defineCheck, type CheckContext} from '../src/model/check.js';
import type {CallInfo} from '../src/scan/calls.js';
import {shortName} from '../src/scan/names.js';
import {decoratorsOf, definitionName, descendantsInScope, enclosingFunction, unwrap, type SyntaxNode} from '../src/scan/syntax.js';
import {aliasOf} from './lib/except-clause.js';

/**
 * Response-like callees by short name: Response, jsonify or render in any case
 * (`make_response`, `HttpResponse`, `render_template`), HTTP in capitals as a word of a
 * class name (`HTTPBadRequest`, FastAPI's `HTTPException`; not gcloud's `HttpException`
 * or a helper `is_http_proxy_error`), and `abort` unless it is a method of the object
 * itself (imaplib's `self.abort` is an exception class).
 */
const RESPONSE_WORD = /response|jsonify|render/i;
const HTTP_CLASS = /(?:^|[^A-Za-z])HTTP[A-Z]|^HTTP$/;

/** Web frameworks whose HTTP exceptions become the response (FastAPI's HTTPException, webob's HTTPInternalServerError). */
const WEB_FRAMEWORK = /^(?:fastapi|starlette|werkzeug|webob|falcon|aiohttp|pyramid|tornado|django|rest_framework|flask|sanic|bottle|nova\.api)\./;

function isResponseLike(call: CallInfo): boolean {
  const name = call.name;
  // An exception class (…Error, …Exception) is a response only when a web framework sends it as one;
  // a client library's ResponseParserError or http.client.HTTPException goes back to the program.
  if (/(?:Error|Exception)$/.test(name)) return WEB_FRAMEWORK.test(call.qualname) && (RESPONSE_WORD.test(name) || HTTP_CLASS.test(name));
  if (RESPONSE_WORD.test(name) || HTTP_CLASS.test(name)) return true;
  if (name !== 'abort') return false;
  const receiver = call.callee?.type === 'attribute' ? unwrap(call.callee.childForFieldName('object'))?.text : undefined;
  return receiver !== 'self' && receiver !== 'cls';
}

/** Method names of class-based views (Django, DRF, Flask MethodView, Tornado). */
const HTTP_METHODS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'dispatch']);

/** Decorators that register a request handler: @app.route, @bp.get, @router.post, @api_view, @view_config… */
const ROUTE_DECORATOR = /^(?:route|get|post|put|patch|delete|head|options|websocket|api_view|view_config|action|endpoint|expose)$/;

/** Names of handler functions: handle_x, on_x, x_handler, x_view, lambda_handler… */
const HANDLER_NAME = /^_*(?:handle|on_)|handler$|_view$|^view_|endpoint/i;

/** Parameters that a request handler receives. */
const REQUEST_PARAMETER = /^(?:request|req|event|environ)$/;

/**
 * Whether a def answers a request, so that what it returns goes back to the client: a
 * route-decorated function, a def taking request/req/event/environ, a method named after an
 * HTTP verb, or a handler-named function.
 */
function isRequestHandler(def: SyntaxNode, ctx: CheckContext): boolean {
  const name = definitionName(def);
  if (HANDLER_NAME.test(name)) return true;
  for (const d of decoratorsOf(def)) {
    let e = unwrap(d.firstNamedChild);
    if (e?.type === 'call') e = unwrap(e.childForFieldName('function'));
    if (e && (e.type === 'identifier' || e.type === 'attribute') && ROUTE_DECORATOR.test(shortName(ctx.names.resolve(e)))) return true;
  }
  for (const p of def.childForFieldName('parameters')?.namedChildren ?? []) {
    const id = p.type === 'identifier' ? p : (p.childForFieldName('name') ?? p.firstNamedChild);
    if (id?.type === 'identifier' && REQUEST_PARAMETER.test(id.text)) return true;
  }
  return HTTP_METHODS.has(name) && def.parent?.parent?.type === 'class_definition';
}

/** Attributes of an exception that carry its text. */
const DETAIL_ATTRIBUTES: ReadonlySet<string> = new Set(['message', 'msg', 'strerror']);

/** Calls whose result carries the text of their arguments (by short name). */
const TEXT_CALLS: ReadonlySet<string> = new Set([
  'str',
  'repr',
  'format',
  'text_type',
  'unicode',
  'exception_to_unicode',
  'dumps',
  'dict',
  '_',
]);

const FORMAT_EXC = 'traceback.format_exc';

const HANDLER_PARTS = ['assignment', 'augmented_assignment', 'return_statement', 'call'];

/** Nodes reported per file, so that nested handlers do not report one node twice. */
const reported = new WeakMap<CheckContext, Set<number>>();

/** What the handler's exception names reach: the names bound by `as`, and locals built from them. */
class Exposure {
  /** Locals that hold the exception's text. */
  readonly derived = new Set<string>();

  constructor(
    /** Names of the exception object itself (`as e`, and `err = e`). */
    readonly aliases: Set<string>,
    private readonly ctx: CheckContext,
  ) {}

  /**
   * Whether an expression carries the exception's text. With `textual` false, the exception
   * object itself (`return e`, `return (None, e)`) does not count: it is handed on, not
   * turned into text; inside str(), f-strings, % and + it always counts.
   */
  exposes(expr: SyntaxNode | null, textual = true): boolean {
    const n = unwrap(expr);
    if (!n) return false;
    switch (n.type) {
      case 'identifier':
        return (textual && this.aliases.has(n.text)) || this.derived.has(n.text);
      case 'attribute': {
        const obj = unwrap(n.childForFieldName('object'));
        if (obj?.type === 'identifier' && this.aliases.has(obj.text)) {
          return DETAIL_ATTRIBUTES.has(n.childForFieldName('attribute')?.text ?? '');
        }
        return this.exposes(obj, textual);
      }
      case 'call': {
        const call = this.ctx.call(n);
        if (call.qualname === FORMAT_EXC) return true;
        if (TEXT_CALLS.has(call.name)) {
          if (call.args.some(a => this.exposes(a)) || call.keywords.some(k => this.exposes(k.value))) return true;
        }
        // A method of a derived string (`msg.strip()`, `str(e).splitlines()`), not of the exception itself.
        const callee = call.callee;
        if (callee?.type === 'attribute') {
          const obj = unwrap(callee.childForFieldName('object'));
          if (obj && !(obj.type === 'identifier' && this.aliases.has(obj.text)) && this.exposes(obj)) return true;
        }
        return false;
      }
      case 'string':
        for (const c of n.namedChildren) {
          if (c.type === 'interpolation' && this.exposes(c.childForFieldName('expression'))) return true;
        }
        return false;
      case 'binary_operator':
        return this.exposes(n.childForFieldName('left')) || this.exposes(n.childForFieldName('right'));
      case 'subscript':
        return this.exposes(n.childForFieldName('value'), textual);
      case 'pair':
        return this.exposes(n.childForFieldName('key'), textual) || this.exposes(n.childForFieldName('value'), textual);
      case 'concatenated_string':
      case 'dictionary':
      case 'list':
      case 'tuple':
      case 'set':
      case 'expression_list':
      case 'conditional_expression':
      case 'boolean_operator':
      case 'await':
        return n.namedChildren.some(c => c.type !== 'comment' && this.exposes(c, textual));
      default:
        return false;
    }
  }
}

export default defineCheck({
  id: 'R203',
  slug: 'exception-detail-exposed',
  title: 'exception detail exposed',
  category: 'errors',
  severity: 'low',
  confidence: 'low',
  cwe: 209,
  docs: {
    what:
      'Inside an exception handler, finds the exception\'s text — str(e), repr(e), e.message, e.msg, e.strerror, ' +
      'traceback.format_exc(), or the exception itself formatted into a string — reaching an argument of a ' +
      'response-like call (a callee whose name contains Response, jsonify or render in any case, an HTTP… class such ' +
      'as webob.exc.HTTPBadRequest or FastAPI\'s HTTPException, or abort()), or the return value of a request ' +
      'handler (a route-decorated function, a def taking request/req/event/environ, a get/post/… method of a class, ' +
      'or a handle_x/x_handler/x_view function). The text is followed through f-strings, %, +, .format(), ' +
      'str/repr/six.text_type/exception_to_unicode/json.dumps/dict/_(), containers, and local variables assigned ' +
      'in the handler. Other attributes and methods of the exception (e.args, e.errno, Nova\'s e.format_message()) ' +
      'are not treated as its text. A framework\'s error handler counts as an exception handler too: in a def ' +
      'decorated with @app.errorhandler(…), @bp.app_errorhandler(…) (Flask) or @app.exception_handler(…) ' +
      '(FastAPI, Starlette), the parameters other than request are the exception, and the return value is the response.',
    why:
      'Exception text is written for developers: it can carry SQL fragments, file paths, host names, internal ' +
      'addresses, library versions and sometimes the data that was being processed. Sent back to a client it maps ' +
      'the system for an attacker; a full traceback even more so.',
    example: 'except Exception as e:\n    return jsonify(error=str(e)), 500',
    fix:
      'Log the exception on the server (LOG.exception(...)) and return a generic message, perhaps with a request id ' +
      'the operator can look up; expose only messages written for users (Nova\'s e.format_message()).',
    differences:
      "pyvet's own check; Bandit has no equivalent. The review table says the text reaching \"a return value\"; pyvet " +
      'counts a return only in a request handler, since elsewhere it goes back to the program, not to a client ' +
      '(a helper returning str(e) to a caller that logs it). A bare exception object returned or passed ' +
      '(return e, return (None, e)) is handed on, not exposed; in a response call it counts (jsonify(error=e) ' +
      'turns it into text). "HTTP" in the table is read as the capitalised word that starts HTTP exception and ' +
      "response classes (webob's HTTPBadRequest, FastAPI's HTTPException), so lower-case helpers " +
      "(_is_error_from_http_proxy(e)) and gcloud's HttpException, a command-line error, are not responses; " +
      "abort() called on self (imaplib's IMAP4.abort, an exception class) is not Flask's abort. An exception class " +
      '(a name ending in Error or Exception) counts only when it comes from a web framework that turns it into the ' +
      "response (fastapi, starlette, werkzeug, webob, falcon, aiohttp, pyramid, tornado, django, rest_framework…): " +
      "a client library's ResponseParserError or http.client.HTTPException goes back to the program.",
  },
  visit: {
    except_clause(node, ctx) {
      const block = node.namedChildren.find(c => c.type === 'block');
      if (!block) return;
      const alias = aliasOf(node);
      // Without `as`, only traceback.format_exc() can expose anything.
      if (!alias && !ctx.names.importedLike('traceback')) return;
      const fn = enclosingFunction(node);
      checkHandlerBlock(block, alias ? [alias] : [], fn !== null && isRequestHandler(fn, ctx), ctx);
    },
    decorator(node, ctx) {
      // A framework's error handler: Flask's @app.errorhandler(…) / @bp.app_errorhandler(…),
      // FastAPI's and Starlette's @app.exception_handler(…). Its parameters other than the
      // request are the exception, and what it returns is the response.
      if (!mentionsErrorHandlers(ctx) || !isErrorHandlerDecorator(node, ctx)) return;
      const def = node.parent?.childForFieldName('definition');
      if (def?.type !== 'function_definition') return;
      const names: string[] = [];
      for (const p of def.childForFieldName('parameters')?.namedChildren ?? []) {
        const id = p.type === 'identifier' ? p : p.childForFieldName('name') ?? p.namedChildren.find(c => c.type === 'identifier');
        if (id?.type === 'identifier' && !NOT_THE_EXCEPTION.has(id.text)) names.push(id.text);
      }
      const body = def.childForFieldName('body');
      if (body) checkHandlerBlock(body, names, true, ctx);
    },
  },
});

/** Parameters of an error handler that are not the exception. */
const NOT_THE_EXCEPTION: ReadonlySet<string> = new Set(['self', 'cls', 'request', 'req']);

const ERROR_HANDLER_DECORATORS: ReadonlySet<string> = new Set(['errorhandler', 'app_errorhandler', 'exception_handler']);

const errorHandlerWords = new WeakMap<CheckContext, boolean>();

/** Whether the file mentions an error-handler decorator at all (tested once per file). */
function mentionsErrorHandlers(ctx: CheckContext): boolean {
  let yes = errorHandlerWords.get(ctx);
  if (yes === undefined) {
    yes = /errorhandler|exception_handler/.test(ctx.source);
    errorHandlerWords.set(ctx, yes);
  }
  return yes;
}

function isErrorHandlerDecorator(decorator: SyntaxNode, ctx: CheckContext): boolean {
  const expr = unwrap(decorator.namedChildren.find(c => c.type !== 'comment'));
  return expr?.type === 'call' && ERROR_HANDLER_DECORATORS.has(ctx.call(expr).name);
}

/**
 * Report where the exception's text (the names in `aliases`, traceback.format_exc()) reaches
 * a response call, or a return when the block belongs to a request or error handler.
 */
function checkHandlerBlock(block: SyntaxNode, aliases: readonly string[], inHandler: boolean, ctx: CheckContext): void {
  const ex = new Exposure(new Set(aliases), ctx);
  let done = reported.get(ctx);
  if (!done) {
    done = new Set();
    reported.set(ctx, done);
  }
  for (const n of descendantsInScope(block, HANDLER_PARTS)) {
    switch (n.type) {
      case 'assignment':
      case 'augmented_assignment': {
        const left = n.childForFieldName('left');
        if (left?.type !== 'identifier') break;
        const right = unwrap(n.childForFieldName('right'));
        if (right?.type === 'identifier' && ex.aliases.has(right.text)) ex.aliases.add(left.text);
        else if (ex.exposes(right, false)) ex.derived.add(left.text);
        break;
      }
      case 'return_statement': {
        const value = n.namedChildren.find(c => c.type !== 'comment') ?? null;
        if (done.has(n.id) || !inHandler || !ex.exposes(value, false)) break;
        done.add(n.id);
        ctx.report(n, {message: "the exception's text is returned to the caller"});
        break;
      }
      case 'call': {
        const call = ctx.call(n);
        if (done.has(n.id) || !isResponseLike(call)) break;
        if (!call.args.some(a => ex.exposes(a)) && !call.keywords.some(k => ex.exposes(k.value))) break;
        done.add(n.id);
        ctx.report(n, {message: `the exception's text is passed to ${call.name || 'a response'}(...)`});
        break;
      }
    }
  }
}
