import {defineCheck, type CheckContext} from '../src/model/check.js';
import type {SyntaxNode} from '../src/scan/syntax.js';

const ALL_INTERFACES = '0.0.0.0';

/** A plain literal standing alone as a statement (a docstring or bare string): not inspected. */
function isBareStatement(node: SyntaxNode): boolean {
  let p = node.parent;
  while (p && p.type === 'parenthesized_expression') p = p.parent;
  return !!p && p.type === 'expression_statement' && p.childCount === 1;
}

function report(node: SyntaxNode, ctx: CheckContext, line?: number): void {
  ctx.report(node, {
    message: '0.0.0.0 means every network interface: a server bound to it is reachable from all networks',
    ...(line !== undefined && line !== node.startPosition.row + 1 ? {at: {line, column: 1}} : {}),
  });
}

export default defineCheck({
  id: 'B104',
  slug: 'bind-all-interfaces',
  title: 'binding to all network interfaces',
  category: 'config',
  severity: 'medium',
  confidence: 'medium',
  cwe: 605,
  banditName: 'hardcoded_bind_all_interfaces',
  prefilter: /0\.0\.0\.0/,
  docs: {
    what: 'Finds the string "0.0.0.0" (exactly that value, also as a literal part of an f-string), the address that means "every interface".',
    why:
      'A service bound to 0.0.0.0 accepts connections on every network the host is attached to, including public or shared ' +
      'ones, so a debug server or internal API meant for localhost becomes reachable from outside.',
    example: 'app.run(host="0.0.0.0", port=8080)',
    fix:
      'Bind to 127.0.0.1 (or a specific interface address) by default and make a wider bind an explicit deployment setting, ' +
      'for example host=os.environ.get("BIND_ADDR", "127.0.0.1").',
    differences:
      'Same as Bandit: every string literal except docstrings and bare string statements, plus the literal parts of f-strings; ' +
      'bytes are not inspected.',
  },
  visit: {
    literal(node, ctx) {
      const info = ctx.literal(node);
      if (!info) return;
      if (info.kind === 'plain') {
        if (info.value === ALL_INTERFACES && !isBareStatement(node)) report(node, ctx);
      } else if (info.kind === 'fstring') {
        for (const seg of info.segments) if (seg.value === ALL_INTERFACES) report(node, ctx, seg.line);
      }
    },
  },
});
