import {defineCheck} from '../src/model/check.js';
import {plainString} from '../src/scan/strings.js';

export default defineCheck({
  id: 'B611',
  slug: 'django-raw-sql',
  title: 'django RawSQL with a query that is not a literal',
  category: 'input',
  severity: 'medium',
  confidence: 'medium',
  cwe: 89,
  banditName: 'django_rawsql_used',
  docs: {
    what: 'Finds RawSQL() expressions whose SQL text is not a string literal, in files that import django.db.models.',
    why:
      'RawSQL puts its SQL into the query unchanged. If the text is built from a variable, an f-string or concatenation, ' +
      'a value that reaches it can change the query; only the params argument is escaped by the database driver.',
    example: 'qs.annotate(rank=RawSQL(f"SELECT rank FROM scores WHERE user_id = {uid}", []))',
    fix: 'Keep the SQL literal and pass values separately: RawSQL("SELECT rank FROM scores WHERE user_id = %s", [uid]), or use the ORM\'s expressions.',
    differences:
      'Same trigger as Bandit: the file must have imported something from django.db.models (any import whose name contains ' +
      'it) above the call; the SQL is the first positional argument, else sql=.',
  },
  callNames: ['RawSQL'],
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (!ctx.names.importedLike('django.db.models')) return;
      const sql = call.args[0] ?? call.keyword('sql')?.value;
      if (!sql || plainString(sql) !== null) return;
      ctx.report(node, {message: 'RawSQL is given SQL text that is not a string literal'});
    },
  },
});
