import {defineCheck} from '../src/model/check.js';
import {unwrap, type SyntaxNode} from '../src/scan/syntax.js';

/**
 * Bandit's default eligibility (`check_typed_exception: false`): a bare `except:` or
 * `except Exception` (with or without `as e`, parentheses allowed), nothing else.
 */
function catchesEverything(handler: SyntaxNode): boolean {
  let type = handler.childForFieldName('value');
  if (!type) return true;
  if (type.type === 'as_pattern') type = type.namedChildren[0] ?? null;
  const t = unwrap(type);
  return !!t && t.type === 'identifier' && t.text === 'Exception';
}

/** The only statement of a handler's body, or null when it has more (comments do not count). */
function onlyStatement(handler: SyntaxNode): SyntaxNode | null {
  let block: SyntaxNode | null = null;
  for (const c of handler.namedChildren) if (c.type === 'block') block = c;
  if (!block) return null;
  let only: SyntaxNode | null = null;
  for (const s of block.namedChildren) {
    if (s.type === 'comment') continue;
    if (only) return null;
    only = s;
  }
  return only;
}

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
