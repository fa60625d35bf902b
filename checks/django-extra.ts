import {defineCheck} from '../src/model/check.js';
import {plainString} from '../src/scan/strings.js';
import {namedChildren, unwrap, type SyntaxNode} from '../src/scan/syntax.js';

/** QuerySet.extra()'s parameters in positional order. */
const SLOTS = ['select', 'where', 'params', 'tables', 'order_by', 'select_params'] as const;

const isPlainString = (n: SyntaxNode | null): boolean => plainString(unwrap(n)) !== null;

/** A list display holding only plain string literals. */
function literalList(n: SyntaxNode): boolean {
  return n.type === 'list' && namedChildren(n).every(isPlainString);
}

/** A dict display whose keys and values are all plain string literals (no ** entries). */
function literalDict(n: SyntaxNode): boolean {
  if (n.type !== 'dictionary') return false;
  return namedChildren(n).every(
    e => e.type === 'pair' && isPlainString(e.childForFieldName('key')) && isPlainString(e.childForFieldName('value')),
  );
}

export default defineCheck({
  id: 'B610',
  slug: 'django-extra',
  title: 'django extra() with SQL that is not a literal',
  category: 'input',
  severity: 'medium',
  confidence: 'medium',
  cwe: 89,
  banditName: 'django_extra_used',
  docs: {
    what:
      'Finds calls to a method named extra() (Django\'s QuerySet.extra) whose where=, tables= or select= SQL fragments ' +
      'are not all string literals.',
    why:
      'extra() pastes its fragments into the generated SQL as they are. A fragment built from request data with +, % or ' +
      'an f-string lets the caller rewrite the query; only params= is passed to the database separately.',
    example: 'Entry.objects.extra(where=[f"headline = \'{q}\'"])',
    fix: 'Use filter() and Q/F expressions; if raw SQL is needed, keep the fragments literal and pass values through params=: extra(where=["headline = %s"], params=[q]).',
    differences:
      'Same test as Bandit: where= and tables= must be list displays of string literals (a tuple is reported), select= a ' +
      'dict display with string keys and values; positional arguments fill select, where, params, tables, order_by, select_params in that order.',
  },
  callNames: ['extra'],
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      const byName = new Map<string, SyntaxNode>();
      for (const k of call.keywords) byName.set(k.name, k.value);
      call.args.forEach((a, i) => {
        if (i < SLOTS.length) byName.set(SLOTS[i]!, a);
      });
      let unsafe: string | undefined;
      for (const key of ['where', 'tables']) {
        const v = byName.get(key);
        if (v && !literalList(v)) {
          unsafe = key;
          break;
        }
      }
      if (!unsafe) {
        const select = byName.get('select');
        if (select && !literalDict(select)) unsafe = 'select';
      }
      if (!unsafe) return;
      ctx.report(node, {message: `extra() is given ${unsafe}= SQL that is not made only of string literals`});
    },
  },
});
