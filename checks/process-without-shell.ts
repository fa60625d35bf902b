import {defineCheck} from '../src/model/check.js';
import {NO_SHELL_CALLS} from './lib/shell.js';

export default defineCheck({
  id: 'B606',
  slug: 'process-without-shell',
  title: 'process started without a shell',
  category: 'input',
  severity: 'low',
  confidence: 'medium',
  cwe: 78,
  banditName: 'start_process_with_no_shell',
  docs: {
    what:
      'Lists calls that replace or spawn a process directly: the os.exec* and os.spawn* families and os.startfile, ' +
      'so that a reviewer checks which program they start and with which arguments.',
    why:
      'No shell parses the arguments, which rules out command injection through metacharacters, but whoever chooses the ' +
      'program path or its options still decides what runs. os.startfile opens a file with whatever program is associated with it.',
    example: 'os.execvp(request.args["tool"], [request.args["tool"], path])',
    fix: 'Start a fixed program by its full path and pass untrusted values only as validated arguments; prefer subprocess.run with an argument list.',
    differences: 'Same names and line as Bandit; the arguments are not examined.',
  },
  callNames: NO_SHELL_CALLS,
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (!NO_SHELL_CALLS.has(call.qualname)) return;
      ctx.report(node, {message: `${call.qualname} starts a program: check where the program and its arguments come from`});
    },
  },
});
