import {defineCheck} from '../src/model/check.js';
import {unwrap, type SyntaxNode} from '../src/scan/syntax.js';

const ACCEPTING_POLICIES: ReadonlySet<string> = new Set(['AutoAddPolicy', 'WarningPolicy']);

/** `paramiko.AutoAddPolicy()`, `AutoAddPolicy`, `paramiko.WarningPolicy` → the policy's class name. */
function policyName(arg: SyntaxNode): string | null {
  let n: SyntaxNode | null = arg;
  if (n.type === 'call') n = unwrap(n.childForFieldName('function'));
  if (!n) return null;
  if (n.type === 'identifier') return n.text;
  if (n.type === 'attribute') return n.childForFieldName('attribute')?.text ?? null;
  return null;
}

export default defineCheck({
  id: 'B507',
  slug: 'ssh-no-host-key-verification',
  title: 'unknown SSH host keys accepted',
  category: 'config',
  severity: 'high',
  confidence: 'medium',
  cwe: 295,
  banditName: 'ssh_no_host_key_verification',
  docs: {
    what: 'In modules that import paramiko, finds set_missing_host_key_policy() calls given AutoAddPolicy or WarningPolicy.',
    why:
      'These policies accept a server key that has never been seen, so the first connection (or every connection, on a fresh ' +
      'host) can go to an impostor who then receives the credentials and every command sent.',
    example: 'client.set_missing_host_key_policy(paramiko.AutoAddPolicy())',
    fix:
      'Load known keys (client.load_system_host_keys() or load_host_keys(path)) and keep the default RejectPolicy, so unknown ' +
      'hosts are refused.',
    differences: 'Same as Bandit: the policy is recognised by its class name, whether passed as a class or an instance.',
  },
  callNames: ['set_missing_host_key_policy'],
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (call.args.length === 0) return;
      const name = policyName(call.args[0]!);
      if (name === null || !ACCEPTING_POLICIES.has(name) || !ctx.names.importedLike('paramiko')) return;
      ctx.report(node, {message: `${name} accepts SSH servers whose host key is unknown`});
    },
  },
});
