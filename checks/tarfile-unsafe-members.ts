import {defineCheck} from '../src/model/check.js';
import {plainString} from '../src/scan/strings.js';
import type {SyntaxNode} from '../src/scan/syntax.js';

/** `filter="data"`, or pyvet's addition: the same filter passed as a function (tarfile.data_filter). */
function isDataFilter(value: SyntaxNode): boolean {
  if (value.type === 'identifier') return value.text === 'data_filter';
  if (value.type === 'attribute') return value.childForFieldName('attribute')?.text === 'data_filter';
  return plainString(value) === 'data';
}

export default defineCheck({
  id: 'B202',
  slug: 'tarfile-unsafe-members',
  title: 'tarfile extractall without member checks',
  category: 'input',
  severity: 'high',
  confidence: 'high',
  cwe: 22,
  banditName: 'tarfile_unsafe_members',
  docs: {
    what:
      'In modules that import tarfile, finds extractall() calls that neither use the "data" extraction filter nor pass ' +
      'members=. A members= list that cannot be judged is reported with medium severity; members= computed by a function ' +
      'call (presumably a filter) with low severity.',
    why:
      'A tar archive can hold entries named ../../etc/cron.d/job or /home/user/.ssh/authorized_keys, symbolic links out ' +
      'of the target directory, and device files. Extracting an untrusted archive as is lets whoever made it write anywhere ' +
      'the process can (path traversal, CVE-2007-4559).',
    example: 'with tarfile.open(upload) as tar:\n    tar.extractall(dest)',
    fix:
      'On Python 3.12+ (and patched older releases) pass filter="data": tar.extractall(dest, filter="data"). Otherwise pass ' +
      'members= from a function that drops absolute paths, ".." components, links and special files.',
    differences:
      'Bandit stops with an internal error when members= is a method call (members=helper.safe(tar)) and reports nothing; ' +
      'pyvet reports it like any other function call, low severity and low confidence. pyvet also accepts ' +
      'filter=tarfile.data_filter (the function behind filter="data"), which Bandit reports as unvalidated.',
  },
  visit: {
    call(node, ctx) {
      const call = ctx.call(node);
      if (!call.name.includes('extractall') || !ctx.names.importedExact('tarfile')) return;
      const filter = call.keyword('filter');
      if (filter && isDataFilter(filter.value)) return;
      const members = call.keyword('members');
      if (!members) {
        ctx.report(node, {message: 'archive members are extracted without any validation (no filter="data", no members=)'});
      } else if (members.value.type === 'call') {
        ctx.report(node, {
          severity: 'low',
          confidence: 'low',
          message: 'members= comes from a function: make sure it drops absolute paths, ".." and links',
        });
      } else {
        ctx.report(node, {
          severity: 'medium',
          confidence: 'medium',
          message: 'members= is passed, but whether its entries are safe cannot be told',
        });
      }
    },
  },
});
