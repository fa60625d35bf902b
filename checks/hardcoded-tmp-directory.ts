import {defineCheck, type CheckContext} from '../src/model/check.js';
import type {SyntaxNode} from '../src/scan/syntax.js';

/** Bandit's default `tmp_dirs`. */
const TMP_DIRS = ['/tmp', '/var/tmp', '/dev/shm'] as const;

function tmpPrefix(value: string): string | undefined {
  if (value.charCodeAt(0) !== 47 /* / */) return undefined;
  return TMP_DIRS.find(d => value.startsWith(d));
}

/** A plain literal standing alone as a statement (a docstring or bare string): not inspected. */
function isBareStatement(node: SyntaxNode): boolean {
  let p = node.parent;
  while (p && p.type === 'parenthesized_expression') p = p.parent;
  return !!p && p.type === 'expression_statement' && p.childCount === 1;
}

function report(node: SyntaxNode, ctx: CheckContext, dir: string, line?: number): void {
  ctx.report(node, {
    message: `hard-coded path under ${dir}, a directory every local user can write to`,
    ...(line !== undefined && line !== node.startPosition.row + 1 ? {at: {line, column: 1}} : {}),
  });
}

export default defineCheck({
  id: 'B108',
  slug: 'hardcoded-tmp-directory',
  title: 'hard-coded temporary file path',
  category: 'config',
  severity: 'medium',
  confidence: 'medium',
  cwe: 377,
  banditName: 'hardcoded_tmp_directory',
  prefilter: /\/tmp|\/var\/tmp|\/dev\/shm/,
  docs: {
    what:
      'Finds string literals (and literal parts of f-strings) that start with /tmp, /var/tmp or /dev/shm: fixed file names in ' +
      'shared temporary directories.',
    why:
      'Every local user can create files in these directories. Another user can create the predictable name first, as a ' +
      'symbolic link to a file you own, and make your program overwrite it, or read data you write there.',
    example: 'with open("/tmp/report.csv", "w") as out:',
    fix: 'Let the tempfile module pick a fresh, private name: tempfile.NamedTemporaryFile(), tempfile.mkstemp() or tempfile.TemporaryDirectory().',
    differences:
      'Same as Bandit with its default directory list (a plain prefix test, so "/tmpfiles" matches too); docstrings, bare string ' +
      'statements and bytes are not inspected.',
  },
  visit: {
    literal(node, ctx) {
      const info = ctx.literal(node);
      if (!info) return;
      if (info.kind === 'plain') {
        const dir = tmpPrefix(info.value);
        if (dir && !isBareStatement(node)) report(node, ctx, dir);
      } else if (info.kind === 'fstring') {
        for (const seg of info.segments) {
          const dir = tmpPrefix(seg.value);
          if (dir) report(node, ctx, dir, seg.line);
        }
      }
    },
  },
});
