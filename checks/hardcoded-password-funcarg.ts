import {defineCheck} from '../src/model/check.js';
import {plainString} from '../src/scan/strings.js';
import {NON_SECRET_VALUES, isPasswordLike, mentionsPasswordName, nonSecretReason, quoteSecret} from './lib/passwords.js';

export default defineCheck({
  id: 'B106',
  slug: 'hardcoded-password-funcarg',
  title: 'hard-coded password passed as an argument',
  category: 'secrets',
  severity: 'low',
  confidence: 'medium',
  cwe: 259,
  banditName: 'hardcoded_password_funcarg',
  prefilter: mentionsPasswordName,
  docs: {
    what:
      'Finds calls that pass a string literal to a keyword argument with a password-like name: password=, passwd=, ' +
      'client_secret=, auth_token=, db_pass= and the like.',
    why:
      'The credential ends up in the repository and in every copy of it, where anyone with read access can use it, and ' +
      'changing it means changing code.',
    example: 'db = psycopg2.connect(host="db", user="app", password="hunter2")',
    fix: 'Pass a value read at run time: password=os.environ["DB_PASSWORD"], or a value from the secret manager the service uses.',
    differences:
      `${NON_SECRET_VALUES} When the first password-like keyword holds such a value, pyvet goes on to the next password-like ` +
      'keyword of the call (Bandit stops at the first), so a call is still reported at most once.',
  },
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      // A password-like keyword must be written in the call's text.
      if (!mentionsPasswordName(call.text) || call.keywords.length === 0) return;
      for (const kw of call.keywords) {
        const t = kw.value.type;
        if (t !== 'string' && t !== 'concatenated_string') continue;
        if (!isPasswordLike(kw.name)) continue;
        const value = plainString(kw.value);
        if (value === null || nonSecretReason(value, kw.name) !== null) continue;
        ctx.report(node, {at: kw.value, message: `${quoteSecret(value)} passed as ${kw.name}= looks like a hard-coded secret`});
        return;
      }
    },
  },
});
