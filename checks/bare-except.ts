import {defineCheck} from '../src/model/check.js';
import {statementsOf, type SyntaxNode} from '../src/scan/syntax.js';

/** The handler re-raises what it caught: a bare `raise` among its own statements (cleanup, then raise). */
function reraises(clause: SyntaxNode): boolean {
  const block = clause.namedChildren.find(c => c.type === 'block');
  return statementsOf(block ?? null).some(s => s.type === 'raise_statement' && s.namedChildCount === 0);
}

export default defineCheck({
  id: 'R201',
  slug: 'bare-except',
  title: 'bare except',
  category: 'errors',
  severity: 'low',
  confidence: 'high',
  cwe: 396,
  docs: {
    what:
      'Finds except clauses that name no exception type at all: `except:`. A handler that re-raises what it caught ' +
      '(a bare `raise` among its statements, as in cleanup-then-raise) is not reported.',
    why:
      'A bare except catches everything, including KeyboardInterrupt, SystemExit and GeneratorExit and the ' +
      'exceptions eventlet and gevent use to kill green threads, so a service can no longer be stopped cleanly and ' +
      'programming errors (NameError, AttributeError) are handled as if they were expected failures.',
    example: 'try:\n    conn.close()\nexcept:\n    LOG.warning("close failed")',
    fix:
      'Catch the exceptions you expect (except (OSError, socket.timeout):), or except Exception: when any error ' +
      'really must be handled, and re-raise what you cannot handle.',
    differences:
      "pyvet's own check; Bandit only looks at bare excepts whose body is pass or continue (B110/B112). On such a " +
      'handler both are reported: B110/B112 for the silenced error, R201 for the missing type. As in Ruff (E722) and ' +
      'pylint (bare-except), a handler whose own statements include a bare `raise` is left alone: it only runs cleanup ' +
      'and lets every exception, KeyboardInterrupt included, carry on. Raising another exception instead still counts.',
  },
  visit: {
    except_clause(node, ctx) {
      if (node.childForFieldName('value') || reraises(node)) return;
      ctx.report(node, {
        message: 'bare except: catches every exception, including SystemExit and KeyboardInterrupt',
        span: node.firstChild ?? node,
      });
    },
  },
});
