import {defineCheck} from '../src/model/check.js';
import {commandIsPlainLiteral, shellOn, SUBPROCESS_CALLS} from './lib/shell.js';

export default defineCheck({
  id: 'B602',
  slug: 'subprocess-shell-true',
  title: 'subprocess call with shell=True',
  category: 'input',
  severity: 'high',
  confidence: 'high',
  cwe: 78,
  banditName: 'subprocess_popen_with_shell_equals_true',
  docs: {
    what:
      'Finds subprocess calls (Popen, call, check_call, check_output, run) that ask for a shell. ' +
      'A command that is a plain string literal is reported with low severity; anything built at run time is high.',
    why:
      'With shell=True the command string is handed to /bin/sh, which re-parses it: quotes, ;, |, $() and ` in any value ' +
      'spliced into the string become shell syntax, so whoever controls that value can run commands of their own.',
    example: 'subprocess.run(f"tar xf {archive}", shell=True)',
    fix: 'Pass an argument list and leave the shell out: subprocess.run(["tar", "xf", archive]). If shell features are really needed, quote every value with shlex.quote().',
    differences:
      'Same trigger, severity and line as Bandit (the line of the shell= value). Confidence uses the data flow inside the function: ' +
      'high, with the source shown, when request data reaches the command; low when the command is a constant ' +
      '(a literal, or a local name only ever bound to constants, such as cmd = "ls -l"); otherwise high, as in Bandit.',
    references: ['https://docs.python.org/3/library/subprocess.html#security-considerations'],
  },
  callNames: SUBPROCESS_CALLS,
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (!SUBPROCESS_CALLS.has(call.qualname) || call.args.length === 0 || !shellOn(call)) return;
      const literal = commandIsPlainLiteral(call);
      const command = call.args[0]!;
      const flow = ctx.flow(node);
      const source = literal ? null : flow.taintOf(command, 'shell');
      const constant = literal || (!source && flow.isConstant(command));
      ctx.report(node, {
        at: call.keyword('shell')!.value,
        severity: literal ? 'low' : 'high',
        confidence: source ? 'high' : constant ? 'low' : 'high',
        ...(source ? {source} : {}),
        message: source
          ? `${call.qualname} runs a command built from ${source.label} (line ${source.line}) through a shell`
          : constant
            ? `${call.qualname} runs a constant command through a shell`
            : `${call.qualname} runs a command built at run time through a shell`,
      });
    },
  },
});
