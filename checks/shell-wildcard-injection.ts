import {defineCheck} from '../src/model/check.js';
import {litEquals} from '../src/scan/values.js';
import {commandText, SHELL_CALLS, shellValue, SUBPROCESS_CALLS} from './lib/shell.js';

const WILDCARD_TOOLS = ['chown', 'chmod', 'tar', 'rsync'] as const;

export default defineCheck({
  id: 'B609',
  slug: 'shell-wildcard-injection',
  title: 'wildcard in a shell command',
  category: 'input',
  severity: 'high',
  confidence: 'medium',
  cwe: 155,
  banditName: 'linux_commands_wildcard_injection',
  docs: {
    what:
      'Finds shell commands (os.system and friends, or subprocess calls with shell=True) that use a * wildcard with ' +
      'chown, chmod, tar or rsync.',
    why:
      'The shell expands * into file names before the program sees them. A file named "--checkpoint-action=exec=sh x.sh" ' +
      'or "--reference=evil" in that directory becomes an option of tar or chown, so whoever can create files there can run commands or change ownership.',
    example: 'os.system("cd /srv/uploads && tar czf /backup/up.tgz *")',
    fix: 'Pass the file list yourself (glob.glob(), then an argument list without a shell), put "--" before the names, or use "./*" so that no expanded name can start with a dash.',
    differences:
      'Same test as Bandit: the tool names are plain substrings (so "start" and "target" contain "tar"), subprocess calls ' +
      'count only with shell=True written literally, and a list command is read element by element.',
  },
  callNames: [...SHELL_CALLS, ...SUBPROCESS_CALLS],
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      const q = call.qualname;
      if (!SHELL_CALLS.has(q) && !(SUBPROCESS_CALLS.has(q) && litEquals(call.kwView('shell') ?? null, 'True'))) return;
      if (call.args.length === 0) return;
      const text = commandText(call);
      if (text === null || !text.includes('*')) return;
      const tool = WILDCARD_TOOLS.find(t => text.includes(t));
      if (!tool) return;
      ctx.report(node, {at: shellValue(call), message: `${q} runs a command with a * wildcard and ${tool}: expanded file names can become options`});
    },
  },
});
