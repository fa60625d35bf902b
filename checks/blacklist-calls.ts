/**
 * B3xx: calls to blacklisted functions and classes (bandit-parity.md §2.6, §5.3). The
 * names live in checks/lib/blacklist.ts; a call matches when the string Bandit derives
 * for it (its qualname, or the module named by `__import__` / `importlib`) equals a
 * listed name exactly. A direct eval() call (B307) also asks the data flow about the
 * evaluated expression, as B102 does for exec().
 */
import {defineFamily} from '../src/model/check.js';
import {blacklistTarget, CALL_BLACKLIST, CALL_ENTRIES, callMessage, firstEnabled, ruleOf} from './lib/blacklist.js';
import {argument, describeSource, originConfidence, originOf} from './lib/taint.js';

export default defineFamily({
  rules: CALL_BLACKLIST.map(ruleOf),
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      const target = blacklistTarget(call, ctx.names);
      if (target === null) return;
      const entry = firstEnabled(CALL_ENTRIES, target, ctx);
      if (!entry) return;
      const message = callMessage(call, target, entry);
      if (entry.id !== 'B307' || call.qualname !== 'eval') {
        ctx.report(node, {rule: entry.id, message});
        return;
      }
      const origin = originOf(ctx, node, argument(call, 0), 'code');
      const {source} = origin;
      ctx.report(node, {
        rule: entry.id,
        confidence: originConfidence(origin),
        ...(source ? {source} : {}),
        message: source
          ? `eval() evaluates an expression built from ${describeSource(source)}`
          : origin.constant
            ? 'eval() evaluates a constant expression'
            : message,
      });
    },
  },
});
