/**
 * The shell family (B602–B607, B609): Bandit's three name lists and its reading of
 * `shell=` (bandit-parity.md §5.6).
 */
import type {CallInfo} from '../../src/scan/calls.js';
import {literalInfo} from '../../src/scan/strings.js';
import {unwrap, type SyntaxNode} from '../../src/scan/syntax.js';
import {lit, type Lit} from '../../src/scan/values.js';

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

/** Every name of the three lists: the calls whose first argument names a program (B607). */
export function isProcessCall(qualname: string): boolean {
  return SUBPROCESS_CALLS.has(qualname) || SHELL_CALLS.has(qualname) || NO_SHELL_CALLS.has(qualname);
}

/** Where Bandit reports B602–B604 and B609: the value of `shell=` when it is passed. */
export function shellValue(call: CallInfo): SyntaxNode | undefined {
  return call.keyword('shell')?.value;
}

// An absolute path, a relative one (`./`, `..`), a Windows path or drive (`C:`), per Bandit.
const FULL_PATH = /^(?:[A-Za-z]:|[\\/.])/;

/**
 * B607: the program name when the command starts with a plain string literal that is
 * not a full path. The first positional argument, or the first element of a non-empty
 * list display in that place (tuples are not unpacked); `null` when nothing qualifies.
 */
export function partialPathProgram(call: CallInfo): string | null {
  let first: SyntaxNode | null = call.args[0] ?? null;
  if (first && first.type === 'list') {
    const elements = first.namedChildren.filter(c => c.type !== 'comment');
    if (elements.length > 0) first = unwrap(elements[0]);
  }
  if (!first || (first.type !== 'string' && first.type !== 'concatenated_string')) return null;
  const info = literalInfo(first);
  if (!info || info.kind !== 'plain') return null;
  return FULL_PATH.test(info.value) ? null : info.value;
}

/** Python's str() of one element of a view, as far as B609's substring test can tell. */
function pyStr(v: Lit, nested: boolean): string {
  if (v === null) return 'None';
  if (typeof v === 'string') return nested ? `'${v}'` : v;
  if (typeof v === 'number') return String(v);
  switch (v.kind) {
    case 'bytes':
      return `b'${v.value}'`;
    case 'list':
      return `[${v.items.map(i => pyStr(i, true)).join(', ')}]`;
    case 'tuple':
      return `(${v.items.map(i => pyStr(i, true)).join(', ')}${v.items.length === 1 ? ',' : ''})`;
    case 'set':
      return `{${v.items.map(i => pyStr(i, true)).join(', ')}}`;
    case 'dict':
      return '{}'; // Bandit's view maps syntax nodes: their text never holds a `*`
    case 'ellipsis':
      return 'Ellipsis';
    case 'complex':
      return v.text;
  }
}

/**
 * B609: the text Bandit searches for wildcards, built from the positional view of the
 * first argument: a string is itself, a list is each element's string form after one
 * space; anything else (or no argument) gives `null`.
 */
export function commandText(call: CallInfo): string | null {
  const v = call.argView(0);
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && v.kind === 'list') return v.items.map(i => ` ${pyStr(i, false)}`).join('');
  return null;
}
