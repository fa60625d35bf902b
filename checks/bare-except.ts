import {defineCheck} from '../src/model/check.js';

export default defineCheck({
  id: 'R201',
  slug: 'bare-except',
  title: 'bare except',
  category: 'errors',
  severity: 'low',
  confidence: 'high',
  cwe: 396,
  docs: {
    what: 'Finds except clauses that name no exception type at all: `except:`.',
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
      'handler both are reported: B110/B112 for the silenced error, R201 for the missing type.',
  },
  visit: {
    except_clause(node, ctx) {
      if (node.childForFieldName('value')) return;
      ctx.report(node, {
        message: 'bare except: catches every exception, including SystemExit and KeyboardInterrupt',
        span: node.firstChild ?? node,
      });
    },
  },
});
