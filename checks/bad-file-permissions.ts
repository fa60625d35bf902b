import {defineCheck} from '../src/model/check.js';
import {view} from '../src/scan/values.js';

/** Group write, group execute, others write, others execute. */
const LOOSE_BITS = 0o033n;
const OTHERS_WRITE = 0o002n;

/** The integer value of an `integer` literal's text (exact, however large). */
function integerValue(text: string): bigint | null {
  const t = text.replace(/_/g, '').replace(/[lL]$/, '');
  try {
    return /^0[0-7]+$/.test(t) ? BigInt(`0o${t.slice(1)}`) : BigInt(t);
  } catch {
    return null;
  }
}

export default defineCheck({
  id: 'B103',
  slug: 'bad-file-permissions',
  title: 'chmod to a permissive mode',
  category: 'config',
  severity: 'medium',
  confidence: 'high',
  cwe: 732,
  banditName: 'set_bad_file_permissions',
  docs: {
    what:
      'Finds chmod-style calls (os.chmod, os.fchmod, os.lchmod, Path.chmod and any other call whose name contains "chmod") ' +
      'with a literal integer mode that lets the group write or execute the file, or lets others write or execute it. ' +
      'A mode that other users can write is reported with high severity.',
    why:
      'A file that other accounts can write can be replaced or altered by them: a writable script or configuration file ' +
      'becomes a way to run code or change behaviour as the owner. Executable bits on data files widen what can be run.',
    example: 'os.chmod("/etc/app/config.yml", 0o777)',
    fix: 'Grant only what the owner needs, for example os.chmod(path, 0o600) for secrets or 0o644 for public read-only files.',
    differences:
      'Same trigger as Bandit: exactly two positional arguments and a literal integer mode; a mode passed as a keyword, a named ' +
      'constant (stat.S_IRWXO) or an expression is not judged.',
  },
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (!call.name.includes('chmod') || call.args.length !== 2) return;
      const modeNode = call.args[1]!;
      if (modeNode.type !== 'integer') return;
      const mode = integerValue(modeNode.text);
      if (mode === null || (mode & LOOSE_BITS) === 0n) return;
      const target = view(call.args[0]!);
      const what = typeof target === 'string' ? target : call.args[0]!.text;
      ctx.report(node, {
        severity: (mode & OTHERS_WRITE) !== 0n ? 'high' : 'medium',
        message: `chmod gives ${what} the permissive mode 0o${mode.toString(8)}`,
      });
    },
  },
});
