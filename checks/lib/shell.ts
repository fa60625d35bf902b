/**
 * The shell family (B602–B607, B609): Bandit's three name lists and its reading of
 * `shell=` (bandit-parity.md §5.6).
 */
import type {CallInfo} from '../../src/scan/calls.js';
import {literalInfo} from '../../src/scan/strings.js';
import {lit} from '../../src/scan/values.js';

export const SUBPROCESS_CALLS: ReadonlySet<string> = new Set([
  'subprocess.Popen',
  'subprocess.call',
  'subprocess.check_call',
  'subprocess.check_output',
  'subprocess.run',
]);

export const SHELL_CALLS: ReadonlySet<string> = new Set([
  'os.system',
  'os.popen',
  'os.popen2',
  'os.popen3',
  'os.popen4',
  'popen2.popen2',
  'popen2.popen3',
  'popen2.popen4',
  'popen2.Popen3',
  'popen2.Popen4',
  'commands.getoutput',
  'commands.getstatusoutput',
  'subprocess.getoutput',
  'subprocess.getstatusoutput',
]);

export const NO_SHELL_CALLS: ReadonlySet<string> = new Set([
  'os.execl',
  'os.execle',
  'os.execlp',
  'os.execlpe',
  'os.execv',
  'os.execve',
  'os.execvp',
  'os.execvpe',
  'os.spawnl',
  'os.spawnle',
  'os.spawnlp',
  'os.spawnlpe',
  'os.spawnv',
  'os.spawnve',
  'os.spawnvp',
  'os.spawnvpe',
  'os.startfile',
]);

/** Whether `shell=` turns the shell on, read from its syntax as Bandit does; false when absent. */
export function shellOn(call: CallInfo): boolean {
  const kw = call.keyword('shell');
  if (!kw) return false;
  const v = kw.value;
  switch (v.type) {
    case 'true':
      return true;
    case 'false':
    case 'none':
      return false;
    case 'integer':
    case 'float': {
      const n = lit(v);
      return typeof n === 'number' ? n !== 0 : true;
    }
    case 'list':
    case 'dictionary':
      return v.namedChildren.some(c => c.type !== 'comment');
    case 'string':
    case 'concatenated_string': {
      const info = literalInfo(v);
      if (!info || info.kind === 'fstring') return true;
      return info.value.length > 0;
    }
    default:
      // `...`, variables, calls, tuples, sets, f-strings, expressions: on.
      return true;
  }
}

/** The first positional argument is a plain string literal (the command cannot carry data). */
export function commandIsPlainLiteral(call: CallInfo): boolean {
  const first = call.args[0];
  if (!first || (first.type !== 'string' && first.type !== 'concatenated_string')) return false;
  return literalInfo(first)?.kind === 'plain';
}
