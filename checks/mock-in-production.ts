import {defineCheck, type CheckContext} from '../src/model/check.js';
import {importedNames} from '../src/scan/names.js';
import type {SyntaxNode} from '../src/scan/syntax.js';

/** `mock`, `mock.x`, `unittest.mock`, `unittest.mock.x`. */
function isMockModule(module: string): boolean {
  return module === 'mock' || module.startsWith('mock.') || module === 'unittest.mock' || module.startsWith('unittest.mock.');
}

/** What the statement imports from the mock library, as written, or null. */
function mockImport(stmt: SyntaxNode): string | null {
  if (stmt.type === 'import_from_statement') {
    // `from .mock import X` is the project's own module.
    if (stmt.childForFieldName('module_name')?.type === 'relative_import') return null;
  }
  for (const n of importedNames(stmt)) {
    if (n.fromModule === undefined) {
      if (isMockModule(n.candidate)) return n.candidate;
    } else if (isMockModule(n.fromModule)) return n.fromModule;
    else if (n.fromModule === 'unittest' && n.written === 'mock') return 'unittest.mock';
  }
  return null;
}

/** Inside `if TYPE_CHECKING:` (its body, not an else): read by type checkers only, never imported at run time. */
function typeCheckingOnly(stmt: SyntaxNode): boolean {
  for (let n = stmt.parent; n; n = n.parent) {
    if (n.type === 'if_statement') {
      const cond = n.childForFieldName('condition');
      const body = n.childForFieldName('consequence');
      if (cond && body && /^(?:typing\.)?TYPE_CHECKING$/.test(cond.text) && stmt.startIndex >= body.startIndex && stmt.endIndex <= body.endIndex) {
        return true;
      }
    }
    if (n.type === 'function_definition' || n.type === 'class_definition') return false;
  }
  return false;
}

function visit(node: SyntaxNode, ctx: CheckContext): void {
  const what = mockImport(node);
  if (what && !typeCheckingOnly(node)) ctx.report(node, {message: `imports ${what} outside test code`});
}

export default defineCheck({
  id: 'R401',
  slug: 'mock-in-production',
  title: 'mock library in production',
  category: 'test-code',
  severity: 'medium',
  confidence: 'high',
  cwe: 489,
  prodOnly: true,
  docs: {
    what:
      'Finds imports of the mock library in production code: import mock, from mock import …, import ' +
      'unittest.mock, from unittest import mock, from unittest.mock import … (with or without `as`). A relative ' +
      'import of a project module that happens to be called mock (from .mock import …) is not reported, nor an ' +
      'import under `if TYPE_CHECKING:`, which only type checkers read. Not reported in test code, where mocks belong.',
    why:
      'Mocks replace real behaviour with canned answers. In shipped code they can stub out a policy check, a ' +
      'signature verification or a quota, and they only get there by mistake: a test helper imported from production, ' +
      'or a debugging shortcut left behind. The test and production code paths must stay separate.',
    example: 'from unittest import mock\n\ndef get_quota(context):\n    return mock.Mock(limit=-1)',
    fix:
      'Keep mocks in test modules (tests/, test_*.py, conftest.py); give production code real collaborators, or ' +
      'plain fakes that live with the tests.',
    differences:
      "pyvet's own check; Bandit has no equivalent. Imports under `if TYPE_CHECKING:` (type annotations of a " +
      "library's patch helpers) never run and are not reported.",
  },
  visit: {
    import_statement: visit,
    import_from_statement: visit,
  },
});
