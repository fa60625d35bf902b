import {defineCheck} from '../src/model/check.js';
import {shellOn, SUBPROCESS_CALLS} from './lib/shell.js';

export default defineCheck({
  id: 'B604',
  slug: 'other-call-shell-true',
  title: 'shell=True passed to a call outside subprocess',
  category: 'input',
  severity: 'medium',
  confidence: 'low',
  cwe: 78,
  banditName: 'any_other_function_with_shell_equals_true',
  docs: {
    what:
      'Finds calls that pass a true shell= keyword to something other than the subprocess functions: wrappers, ' +
      'helper libraries, or methods whose callee pyvet cannot identify.',
    why:
      'A shell=True keyword usually means the callee forwards it to subprocess, so the command string ends up parsed by ' +
      '/bin/sh, and any value spliced into it can add commands of its own. The confidence is low because the callee is unknown.',
    example: 'invoke.run(f"git checkout {branch}", shell=True)',
    fix:
      'Call the wrapper with an argument list and without a shell, or quote each spliced value with shlex.quote(). ' +
      'Dismiss the finding if the callee does not start a shell.',
    differences:
      'Same trigger as Bandit: any call whose name is not one of the five subprocess functions, including os.system and ' +
      'calls with no resolvable name, and shell= read the same way (a variable counts as on). Reported on the line of the shell= value.',
  },
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      const kw = call.keyword('shell');
      if (!kw || SUBPROCESS_CALLS.has(call.qualname) || !shellOn(call)) return;
      const callee = call.qualname || 'this call';
      ctx.report(node, {at: kw.value, message: `${callee} is asked for a shell: its command is probably parsed by /bin/sh`});
    },
  },
});
