import {defineCheck, type CheckContext} from '../src/model/check.js';
import type {CallInfo} from '../src/scan/calls.js';
import {unwrap, type SyntaxNode} from '../src/scan/syntax.js';
import {NO_SHELL_CALLS, SHELL_CALLS} from './lib/shell.js';

/** Programs that run a command as another (usually the root) user. */
const ELEVATORS: ReadonlySet<string> = new Set(['sudo', 'su', 'doas', 'pkexec']);

/** Process calls other than subprocess.*, os.*, and *execute. */
const OTHER_PROCESS_CALLS: ReadonlySet<string> = new Set([
  'os.posix_spawn',
  'os.posix_spawnp',
  'asyncio.create_subprocess_exec',
  'asyncio.create_subprocess_shell',
]);

/** The argument that holds the command of a process call, or undefined when `call` is not one. */
function commandOf(call: CallInfo): SyntaxNode | undefined {
  const q = call.qualname;
  if (q.startsWith('subprocess.')) return call.args[0] ?? call.keyword('args')?.value;
  if (q.startsWith('os.spawn')) return NO_SHELL_CALLS.has(q) ? call.args[1] : undefined; // spawn*(mode, path, …)
  if (SHELL_CALLS.has(q) || NO_SHELL_CALLS.has(q) || OTHER_PROCESS_CALLS.has(q)) return call.args[0];
  if (call.name.endsWith('execute')) return call.name === 'ssh_execute' ? call.args[1] : (call.args[0] ?? call.keyword('cmd')?.value);
  return undefined;
}

/** The first word of a string's literal start (an f-string only when it starts with text). */
function firstWordOfString(node: SyntaxNode, ctx: CheckContext): string | null {
  const info = ctx.literal(node);
  if (!info) return null;
  let text: string;
  if (info.kind === 'plain') text = info.value;
  else if (info.kind === 'fstring') {
    const first = node.type === 'concatenated_string' ? node.firstNamedChild : node;
    const opening = first?.children[1];
    if (!opening || opening.type !== 'string_content' || info.segments.length === 0) return null;
    text = info.segments[0]!.value;
  } else return null;
  const word = text.trimStart().split(/\s/, 1)[0] ?? '';
  return word.slice(word.lastIndexOf('/') + 1);
}

/** The program a command starts with, as far as its literal start shows; null when unknown. */
function program(expr: SyntaxNode | null | undefined, ctx: CheckContext, depth = 0): string | null {
  const e = unwrap(expr);
  if (!e || depth > 4) return null;
  switch (e.type) {
    case 'string':
    case 'concatenated_string':
      return firstWordOfString(e, ctx);
    case 'list':
    case 'tuple': {
      const first = e.namedChildren.find(c => c.type !== 'comment');
      return first ? program(first, ctx, depth + 1) : null;
    }
    case 'binary_operator': // 'sudo ' + cmd, 'sudo %s' % cmd, ['sudo'] + args
      return program(e.childForFieldName('left'), ctx, depth + 1);
    case 'call': {
      const call = ctx.call(e);
      if (call.qualname === 'shlex.split') return program(call.args[0], ctx, depth + 1);
      const callee = call.callee;
      const receiver = callee?.type === 'attribute' ? unwrap(callee.childForFieldName('object')) : null;
      if (receiver && (receiver.type === 'string' || receiver.type === 'concatenated_string')) {
        if (call.name === 'format') return program(receiver, ctx, depth + 1); // 'sudo {}'.format(cmd)
        if (call.name === 'join') return program(call.args[0], ctx, depth + 1); // ' '.join(['sudo', …])
      }
      return null;
    }
    default:
      return null;
  }
}

export default defineCheck({
  id: 'R502',
  slug: 'privileged-execution',
  title: 'privileged execution',
  category: 'config',
  severity: 'medium',
  confidence: 'medium',
  cwe: 250,
  docs: {
    what:
      'Finds commands run with raised privileges: a process call (subprocess.*, os.system, os.popen, os.exec*, os.spawn*, ' +
      'asyncio.create_subprocess_*, or any *execute(…) such as oslo.concurrency\'s processutils.execute) whose command ' +
      'starts with sudo, su, doas or pkexec, and any call that passes run_as_root=True.',
    why:
      'A command run as root can do anything on the host. If any part of it comes from input (a file name, a device ' +
      'path, an option), a mistake or an injection becomes a full compromise rather than a failed call, and a broad sudo ' +
      'rule for the service account lets an attacker who takes over the service become root.',
    example: 'processutils.execute("ip", "link", "set", dev, "up", run_as_root=True)',
    fix:
      'Avoid the privileged command where an unprivileged API exists. Otherwise run the smallest possible operation with ' +
      'fixed arguments through a privilege-separation layer (oslo.privsep entrypoints, a rootwrap filter that allows only ' +
      'that command), validate every value passed in, and never build the command through a shell.',
    differences:
      'No Bandit equivalent. The command is its first positional argument (args= for subprocess; the second for ' +
      'os.spawn* and ssh_execute); its program is read from a string\'s first word (basename, so /usr/bin/sudo counts), ' +
      'a list\'s or tuple\'s first element, the left operand of + or %, "…".format(…), " ".join([…]) and shlex.split(…). ' +
      'run_as_root=True is reported on any call, since only command runners (execute, trycmd, …) take it.',
  },
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      const asRoot = call.keyword('run_as_root');
      const command = commandOf(call);
      const prog = command ? program(command, ctx) : null;
      if (prog !== null && ELEVATORS.has(prog)) {
        ctx.report(node, {message: `${call.qualname || call.name} runs its command through ${prog}`});
      } else if (asRoot && unwrap(asRoot.value)?.type === 'true') {
        ctx.report(node, {at: asRoot.value, message: `${call.qualname || call.name} runs its command as root (run_as_root=True)`});
      }
    },
  },
});
