import {defineCheck} from '../src/model/check.js';
import {shellOn, shellValue, SUBPROCESS_CALLS} from './lib/shell.js';

export default defineCheck({
  id: 'B603',
  slug: 'subprocess-without-shell',
  title: 'subprocess call without a shell',
  category: 'input',
  severity: 'low',
  confidence: 'high',
  cwe: 78,
  banditName: 'subprocess_without_shell_equals_true',
  docs: {
    what:
      'Lists every subprocess call (Popen, call, check_call, check_output, run) that does not turn the shell on, ' +
      'so that a reviewer confirms where its program and arguments come from.',
    why:
      'Without a shell there is no command-line parsing to abuse, but the call still starts a program: if a caller ' +
      'can choose that program, or an option such as --output or -exec among its arguments, it can still make the ' +
      'process do something unintended.',
    example: 'subprocess.run([tool, "--config", user_path])',
    fix:
      'Start a fixed program by its full path, pass untrusted values only as separate arguments after "--" where the ' +
      'program supports it, and validate them against what the program accepts. Dismiss the finding once the inputs are known to be safe.',
    differences:
      'Same trigger as Bandit: no positional argument is needed (subprocess.Popen() and run(args=[...]) are listed), and ' +
      'shell= values that read as false (False, 0, None, "", []) count as no shell. Reported on the line of the shell= value when it is passed.',
  },
  callNames: SUBPROCESS_CALLS,
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (!SUBPROCESS_CALLS.has(call.qualname) || shellOn(call)) return;
      ctx.report(node, {
        at: shellValue(call),
        message: `${call.qualname} starts a program without a shell: check that its arguments cannot be chosen by an attacker`,
      });
    },
  },
});
