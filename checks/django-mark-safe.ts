import {defineCheck} from '../src/model/check.js';
import {plainString} from '../src/scan/strings.js';
import {BanditFailure, markSafeArgumentUnsafe} from './lib/django-safestring.js';

const SAFE_MARKERS: ReadonlySet<string> = new Set(['mark_safe', 'SafeText', 'SafeUnicode', 'SafeString', 'SafeBytes']);

export default defineCheck({
  id: 'B703',
  slug: 'django-mark-safe',
  title: 'django mark_safe on a value that may hold user data',
  category: 'input',
  severity: 'medium',
  confidence: 'high',
  cwe: 80,
  banditName: 'django_mark_safe',
  docs: {
    what:
      'Finds mark_safe() (and SafeString, SafeText, SafeUnicode, SafeBytes) applied to something that is not provably ' +
      'literal text: a parameter, a variable assigned from anything but string literals, an f-string, a concatenation, ' +
      'or a .format()/% whose arguments are not all literal. Only the enclosing function (or module) is looked at.',
    why:
      'mark_safe tells Django\'s templates not to escape the value. If any part of it comes from a request, a database ' +
      'field or another user, its markup and scripts reach the page as they are (cross-site scripting).',
    example: 'return mark_safe(f"<a href=\'{url}\'>{title}</a>")',
    fix: 'Build the HTML with django.utils.html.format_html("<a href=\'{}\'>{}</a>", url, title), which escapes each argument, or escape() every variable part before marking the whole safe.',
    differences:
      'Same analysis as Bandit: the assignments to a name before the call, in the enclosing function or module, are read ' +
      'in order and the name is literal text if they end in a string literal or a format call over literals; an assignment ' +
      'of anything else, or a non-literal one inside an if/for/while/try/with block or a nested function, makes it unsafe. ' +
      'Where Bandit fails on the code (for example a tuple assignment with a starred target before the name), nothing is reported.',
  },
  callNames: SAFE_MARKERS,
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (!ctx.names.importedLike('django.utils.safestring')) return;
      const arg = call.args[0];
      if (!arg || plainString(arg) !== null) return;
      try {
        if (!markSafeArgumentUnsafe(node, arg, ctx)) return;
      } catch (err) {
        if (err instanceof BanditFailure) return;
        throw err;
      }
      ctx.report(node, {message: `${call.name}() is given a value that is not known to be literal text`});
    },
  },
});
