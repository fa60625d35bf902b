import {defineCheck} from '../src/model/check.js';
import {catchesEverything, onlyStatement} from './lib/except-clause.js';

export default defineCheck({
  id: 'B112',
  slug: 'try-except-continue',
  title: 'exception silently ignored with continue',
  category: 'errors',
  severity: 'low',
  confidence: 'high',
  cwe: 703,
  banditName: 'try_except_continue',
  docs: {
    what: 'Finds a bare except: or except Exception: inside a loop whose whole body is continue.',
    why:
      'Every failure of an iteration is skipped without a trace: records that fail validation or authorisation vanish from ' +
      'the batch, and a persistent fault (a revoked credential, a full disk) looks like a loop that simply had less to do.',
    example: 'for row in rows:\n    try:\n        import_row(row)\n    except Exception:\n        continue',
    fix:
      'Catch the specific exceptions an item may raise and log or count the skipped items, so failures stay visible: ' +
      'except ValueError as err: log.warning("skipping %s: %s", row.id, err); continue',
    differences:
      'Same as Bandit with its default settings: only bare except and except Exception (alone, not in a tuple) are reported.',
  },
  visit: {
    except_clause(node, ctx) {
      const only = onlyStatement(node);
      if (!only || only.type !== 'continue_statement' || !catchesEverything(node)) return;
      ctx.report(node, {message: 'every exception is caught and the loop just continues'});
    },
  },
});
