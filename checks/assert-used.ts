import {defineCheck} from '../src/model/check.js';

export default defineCheck({
  id: 'B101',
  slug: 'assert-used',
  title: 'assert used for a run-time check',
  category: 'errors',
  severity: 'low',
  confidence: 'high',
  cwe: 703,
  prodOnly: true,
  banditName: 'assert_used',
  docs: {
    what: 'Finds assert statements in production code.',
    why:
      'Python removes assert statements when it runs with -O or PYTHONOPTIMIZE, so a permission or input check ' +
      'written as an assert silently disappears in an optimised deployment.',
    example: 'assert user.is_admin, "admins only"',
    fix: 'Raise an exception explicitly: if not user.is_admin: raise PermissionError("admins only")',
    differences:
      'Bandit flags asserts in test files too unless told to skip them; pyvet never reports B101 in test code, where asserts are the point.',
  },
  visit: {
    assert_statement(node, ctx) {
      ctx.report(node);
    },
  },
});
