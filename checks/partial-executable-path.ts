import {defineCheck} from '../src/model/check.js';
import {isProcessCall, partialPathProgram} from './lib/shell.js';

export default defineCheck({
  id: 'B607',
  slug: 'partial-executable-path',
  title: 'process started with a partial executable path',
  category: 'input',
  severity: 'low',
  confidence: 'high',
  cwe: 78,
  banditName: 'start_process_with_partial_path',
  docs: {
    what:
      'Finds process-starting calls (subprocess, os.system and friends, os.exec*/os.spawn*) whose program is a string ' +
      'literal that is not a full path, such as "git" or ["ls", "-l"].',
    why:
      'A bare program name is looked up through PATH (and, on Windows, the current directory first). Anyone who can ' +
      'put a directory in front of PATH, or a file named like the program in the working directory, decides what actually runs.',
    example: 'subprocess.run(["git", "pull"])',
    fix: 'Name the program by its absolute path (subprocess.run(["/usr/bin/git", "pull"])), or resolve it once with shutil.which() at start-up and check the result.',
    differences:
      'Same test as Bandit: only a plain string literal is judged (first argument, or the first element of a list ' +
      'display there); a value starting with /, \\, . or a drive letter and colon counts as a full path, and an empty string is reported.',
  },
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (!isProcessCall(call.qualname) || call.args.length === 0) return;
      const program = partialPathProgram(call);
      if (program === null) return;
      ctx.report(node, {message: `${call.qualname} starts ${JSON.stringify(program)} through a PATH lookup`});
    },
  },
});
