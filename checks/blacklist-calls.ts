/**
 * B3xx: calls to blacklisted functions and classes (bandit-parity.md §2.6, §5.3). The
 * names live in checks/lib/blacklist.ts; a call matches when the string Bandit derives
 * for it (its qualname, or the module named by `__import__` / `importlib`) equals a
 * listed name exactly.
 */
import {defineFamily} from '../src/model/check.js';
import {blacklistTarget, CALL_BLACKLIST, CALL_ENTRIES, callMessage, firstEnabled, ruleOf} from './lib/blacklist.js';

export default defineFamily({
  rules: CALL_BLACKLIST.map(ruleOf),
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      const target = blacklistTarget(call, ctx.names);
      if (target === null) return;
      const entry = firstEnabled(CALL_ENTRIES, target, ctx);
      if (!entry) return;
      ctx.report(node, {rule: entry.id, message: callMessage(call, target, entry)});
    },
  },
});
