/**
 * Reading `except` clauses.
 */
import type {SyntaxNode} from '../../src/scan/syntax.js';

/** The name bound by `except … as name`, or null. */
export function aliasOf(clause: SyntaxNode): string | null {
  const v = clause.childForFieldName('value');
  if (v?.type !== 'as_pattern') return null;
  const target = v.childForFieldName('alias');
  const id = target?.type === 'identifier' ? target : target?.firstNamedChild;
  return id?.type === 'identifier' ? id.text : null;
}
