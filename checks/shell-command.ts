import {defineCheck} from '../src/model/check.js';
import {commandIsPlainLiteral, SHELL_CALLS} from './lib/shell.js';

export default defineCheck({
  id: 'B605',
  slug: 'shell-command',
  title: 'command started through a shell',
  category: 'input',
  severity: 'high',
  confidence: 'high',
  cwe: 78,
  banditName: 'start_process_with_a_shell',
  docs: {
    what:
      'Finds calls that always run their command through a shell: os.system, os.popen and its numbered variants, the ' +
      'popen2 and commands modules, subprocess.getoutput and subprocess.getstatusoutput. A command that is a plain ' +
      'string literal is reported with low severity; a command built at run time is high.',
    why:
      'These functions hand the whole string to /bin/sh (cmd.exe on Windows). A file name, user name or any other value ' +
      'formatted into it can close the intended command with ;, | or $() and run one of its own.',
    example: 'os.system("convert " + upload_path + " thumb.png")',
    fix: 'Use subprocess.run(["convert", upload_path, "thumb.png"]) with an argument list and no shell; if a shell is unavoidable, quote every value with shlex.quote().',
    differences: 'Same names, levels and line as Bandit (the call\'s first line); a call with no positional argument is not reported.',
  },
  callNames: SHELL_CALLS,
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (!SHELL_CALLS.has(call.qualname) || call.args.length === 0) return;
      const literal = commandIsPlainLiteral(call);
      ctx.report(node, {
        severity: literal ? 'low' : 'high',
        message: literal
          ? `${call.qualname} runs a constant command through a shell`
          : `${call.qualname} runs a command built at run time through a shell`,
      });
    },
  },
});
