/**
 * Reading `except` clauses.
 */
import {unwrap, type SyntaxNode} from '../../src/scan/syntax.js';

/** The name bound by `except … as name`, or null. */
export function aliasOf(clause: SyntaxNode): string | null {
  const v = clause.childForFieldName('value');
  if (v?.type !== 'as_pattern') return null;
  const target = v.childForFieldName('alias');
  const id = target?.type === 'identifier' ? target : target?.firstNamedChild;
  return id?.type === 'identifier' ? id.text : null;
}

/**
 * Bandit's default eligibility for B110/B112 (`check_typed_exception: false`): a bare
 * `except:` or `except Exception` (with or without `as e`, parentheses allowed), nothing else.
 */
export function catchesEverything(handler: SyntaxNode): boolean {
  let type = handler.childForFieldName('value');
  if (!type) return true;
  if (type.type === 'as_pattern') type = type.namedChildren[0] ?? null;
  const t = unwrap(type);
  return !!t && t.type === 'identifier' && t.text === 'Exception';
}

/** The only statement of a handler's body, or null when it has more (comments do not count). */
export function onlyStatement(handler: SyntaxNode): SyntaxNode | null {
  let block: SyntaxNode | null = null;
  for (const c of handler.namedChildren) if (c.type === 'block') block = c;
  if (!block) return null;
  let only: SyntaxNode | null = null;
  for (const s of block.namedChildren) {
    if (s.type === 'comment') continue;
    if (only) return null;
    only = s;
  }
  return only;
}
