import {defineCheck} from '../src/model/check.js';
import {catchesEverything, onlyStatement} from './lib/except-clause.js';

export default defineCheck({
  id: 'B110',
  slug: 'try-except-pass',
  title: 'exception silently ignored with pass',
  category: 'errors',
  severity: 'low',
  confidence: 'high',
  cwe: 703,
  banditName: 'try_except_pass',
  docs: {
    what: 'Finds a bare except: or except Exception: whose whole body is pass.',
    why:
      'Every error in the try block disappears without a trace: a failed permission check, a half-written file or a lost ' +
      'connection looks like success, and nobody can tell afterwards that anything went wrong.',
    example: 'try:\n    audit_log.write(event)\nexcept Exception:\n    pass',
    fix:
      'Catch only the exceptions you expect and can ignore (except FileNotFoundError:), and log the rest, or use ' +
      'contextlib.suppress(SpecificError) to make the intent explicit.',
    differences:
      'Same as Bandit with its default settings: only bare except and except Exception (alone, not in a tuple) are reported; ' +
      'a body of ... or a docstring is not pass.',
  },
  visit: {
    except_clause(node, ctx) {
      const only = onlyStatement(node);
      if (!only || only.type !== 'pass_statement' || !catchesEverything(node)) return;
      ctx.report(node, {message: 'every exception is caught and dropped with pass'});
    },
  },
});
