import {defineCheck, type CheckContext} from '../src/model/check.js';
import {unwrap, type SyntaxNode} from '../src/scan/syntax.js';

/** Response-like callees: the short name contains one of these (any case: `make_response`, `HttpResponse`). */
const RESPONSE_LIKE = /response|http|jsonify|abort|render/i;

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

const HANDLER_PARTS = [
  'assignment',
  'augmented_assignment',
  'return_statement',
  'call',
  'function_definition',
  'class_definition',
];

/** Nodes reported per file, so that nested handlers do not report one node twice. */
const reported = new WeakMap<CheckContext, Set<number>>();

/** What the handler's exception names reach: the names bound by `as`, and locals built from them. */
class Exposure {
  readonly derived = new Set<string>();

  constructor(
    readonly aliases: ReadonlySet<string>,
    private readonly ctx: CheckContext,
  ) {}

  /** Whether an expression carries the exception's text. */
  exposes(expr: SyntaxNode | null): boolean {
    const n = unwrap(expr);
    if (!n) return false;
    switch (n.type) {
      case 'identifier':
        return this.aliases.has(n.text) || this.derived.has(n.text);
      case 'attribute': {
        const obj = unwrap(n.childForFieldName('object'));
        if (obj?.type === 'identifier' && this.aliases.has(obj.text)) {
          return DETAIL_ATTRIBUTES.has(n.childForFieldName('attribute')?.text ?? '');
        }
        return this.exposes(obj);
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
        return this.exposes(n.childForFieldName('value'));
      case 'pair':
        return this.exposes(n.childForFieldName('key')) || this.exposes(n.childForFieldName('value'));
      case 'concatenated_string':
      case 'dictionary':
      case 'list':
      case 'tuple':
      case 'set':
      case 'expression_list':
      case 'conditional_expression':
      case 'boolean_operator':
      case 'await':
        return n.namedChildren.some(c => c.type !== 'comment' && this.exposes(c));
      default:
        return false;
    }
  }
}

/** The name bound by `except … as name`, or null. */
function aliasOf(clause: SyntaxNode): string | null {
  const v = clause.childForFieldName('value');
  if (v?.type !== 'as_pattern') return null;
  const target = v.childForFieldName('alias');
  const id = target?.type === 'identifier' ? target : target?.firstNamedChild;
  return id?.type === 'identifier' ? id.text : null;
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
      'Inside an exception handler, finds the exception\'s text — the name bound by `except … as e`, str(e), repr(e), ' +
      'e.message, e.msg, e.strerror, or traceback.format_exc() — reaching a return value or an argument of a ' +
      'response-like call ' +
      '(a callee whose name contains Response, HTTP, jsonify, abort or render, in any case: HttpResponse, ' +
      'make_response, webob.exc.HTTPBadRequest, render_template). The text is followed through f-strings, %, +, ' +
      '.format(), str/repr/six.text_type/exception_to_unicode/json.dumps/dict/_(), containers, and local variables ' +
      'assigned in the handler. Other attributes and methods of the exception (e.args, e.errno, Nova\'s ' +
      'e.format_message()) are not treated as its text.',
    why:
      'Exception text is written for developers: it can carry SQL fragments, file paths, host names, internal ' +
      'addresses, library versions and sometimes the data that was being processed. Sent back to a client it maps ' +
      'the system for an attacker; a full traceback even more so.',
    example: 'except Exception as e:\n    return jsonify(error=str(e)), 500',
    fix:
      'Log the exception on the server (LOG.exception(...)) and return a generic message, perhaps with a request id ' +
      'the operator can look up; expose only messages written for users (Nova\'s e.format_message()).',
    differences: "pyvet's own check; Bandit has no equivalent.",
  },
  visit: {
    except_clause(node, ctx) {
      const block = node.namedChildren.find(c => c.type === 'block');
      if (!block) return;
      const alias = aliasOf(node);
      // Without `as`, only traceback.format_exc() can expose anything.
      if (!alias && !ctx.names.importedLike('traceback')) return;
      const ex = new Exposure(new Set(alias ? [alias] : []), ctx);
      let done = reported.get(ctx);
      if (!done) {
        done = new Set();
        reported.set(ctx, done);
      }
      let skipUntil = -1;
      for (const n of block.descendantsOfType(HANDLER_PARTS)) {
        if (n.startIndex < skipUntil) continue;
        switch (n.type) {
          case 'function_definition':
          case 'class_definition':
            skipUntil = n.endIndex;
            break;
          case 'assignment':
          case 'augmented_assignment': {
            const left = n.childForFieldName('left');
            if (left?.type === 'identifier' && ex.exposes(n.childForFieldName('right'))) ex.derived.add(left.text);
            break;
          }
          case 'return_statement': {
            const value = n.namedChildren.find(c => c.type !== 'comment') ?? null;
            if (done.has(n.id) || !ex.exposes(value)) break;
            done.add(n.id);
            ctx.report(n, {message: 'the exception\'s text is returned to the caller'});
            break;
          }
          case 'call': {
            const call = ctx.call(n);
            if (!RESPONSE_LIKE.test(call.name) || done.has(n.id)) break;
            if (!call.args.some(a => ex.exposes(a)) && !call.keywords.some(k => ex.exposes(k.value))) break;
            done.add(n.id);
            ctx.report(n, {message: `the exception's text is passed to ${call.name || 'a response'}(...)`});
            break;
          }
        }
      }
    },
  },
});
