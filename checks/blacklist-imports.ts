/**
 * B4xx: imports of blacklisted modules (bandit-parity.md §2.5, §5.4). An import
 * statement matches by string prefix and gets one finding, for the first selected entry
 * in ID order; a call (`__import__("m")`, `importlib.import_module("m")`, or a call
 * whose qualname is itself an entry) matches exactly, unless a selected B3xx entry
 * claims it first.
 */
import {defineFamily, type CheckContext} from '../src/model/check.js';
import {importedNames} from '../src/scan/names.js';
import type {SyntaxNode} from '../src/scan/syntax.js';
import {
  blacklistTarget,
  CALL_ENTRIES,
  callMessage,
  firstEnabled,
  IMPORT_BLACKLIST,
  IMPORT_ENTRIES,
  ruleOf,
} from './lib/blacklist.js';

function visitImport(node: SyntaxNode, ctx: CheckContext): void {
  const imported = importedNames(node);
  for (const entry of IMPORT_BLACKLIST) {
    if (!ctx.enabled(entry.id)) continue;
    for (const n of imported) {
      for (const prefix of entry.names) {
        if (!n.candidate.startsWith(prefix)) continue;
        const shown = n.written === '*' ? n.candidate : n.written;
        ctx.report(node, {rule: entry.id, message: `import of ${shown}: ${entry.risk}`});
        return;
      }
    }
  }
}

export default defineFamily({
  rules: IMPORT_BLACKLIST.map(ruleOf),
  visit: {
    import_statement: visitImport,
    import_from_statement: visitImport,
    call(node, ctx) {
      const call = ctx.call(node);
      const target = blacklistTarget(call, ctx.names);
      if (target === null) return;
      const entry = firstEnabled(IMPORT_ENTRIES, target, ctx);
      // One blacklist finding per call, B3xx entries first.
      if (!entry || firstEnabled(CALL_ENTRIES, target, ctx)) return;
      ctx.report(node, {rule: entry.id, message: callMessage(call, target, entry)});
    },
  },
});
