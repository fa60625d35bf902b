import {defineCheck} from '../src/model/check.js';
import type {NameTable} from '../src/scan/names.js';
import {unwrap, type SyntaxNode} from '../src/scan/syntax.js';
import {lit} from '../src/scan/values.js';

/**
 * The read idiom `mask = os.umask(0)` followed at once by `os.umask(mask)`: the only way to
 * read the umask, which is permissive for no work at all.
 */
function isReadIdiom(call: SyntaxNode, names: NameTable): boolean {
  const assign = call.parent;
  const left = assign?.type === 'assignment' ? assign.childForFieldName('left') : null;
  if (left?.type !== 'identifier' || assign?.parent?.type !== 'expression_statement') return false;
  let next = assign.parent.nextNamedSibling;
  while (next?.type === 'comment') next = next.nextNamedSibling;
  const restore = next?.type === 'expression_statement' ? unwrap(next.firstNamedChild) : null;
  if (restore?.type !== 'call') return false;
  const callee = unwrap(restore.childForFieldName('function'));
  if (!callee || names.resolve(callee) !== 'os.umask') return false;
  const arg = restore.childForFieldName('arguments')?.namedChildren.find(c => c.type !== 'comment');
  return unwrap(arg)?.text === left.text;
}

export default defineCheck({
  id: 'R504',
  slug: 'permissive-umask',
  title: 'permissive umask',
  category: 'config',
  severity: 'medium',
  confidence: 'high',
  cwe: 732,
  docs: {
    what: 'Finds os.umask(V) with an integer literal V that does not mask the other-write bit (V & 0o002 == 0), such as 0, 0o000 or 0o020.',
    why:
      'The umask decides the permissions of every file and directory the process creates from then on. With the ' +
      'other-write bit unmasked, files created with the usual 0o666 mode are writable by every local user, who can then ' +
      'alter configuration, logs, caches or scripts the service later trusts.',
    example: 'os.umask(0)',
    fix: 'Use 0o022 (or the stricter 0o027 / 0o077) and grant wider access only to the specific files that need it, with os.chmod.',
    differences:
      'No Bandit equivalent (B103 looks at chmod modes, not the umask). Only integer literals are judged (0o002, 2, 0x2, ' +
      'Python 2 octal 002); a name or an expression is left alone. The mask is the first positional argument. The ' +
      'read idiom, mask = os.umask(0) immediately followed by os.umask(mask), is not reported.',
  },
  callNames: ['umask'],
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (call.qualname !== 'os.umask') return;
      const arg = unwrap(call.args[0] ?? call.keyword('mask')?.value);
      if (arg?.type !== 'integer') return;
      const v = lit(arg);
      if (typeof v !== 'number' || (v & 0o002) !== 0 || isReadIdiom(node, ctx.names)) return;
      ctx.report(node, {message: `os.umask(${arg.text}) leaves new files and directories writable by other users`});
    },
  },
});
