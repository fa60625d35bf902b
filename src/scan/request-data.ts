/**
 * Request data (review-checks.md "Shared definitions"): the sources of the taint-lite
 * analysis in flow.ts. Attribute reads and calls on `request.X`, `req.X` and
 * `self.request.X` for the attributes below, plus `input()` and `sys.argv`.
 * checks/lib/vocabulary.ts re-exports these names for the checks.
 */
import {unwrap, type SyntaxNode} from './syntax.js';

/** Attribute names on `request` / `req` / `self.request` that carry request data. */
export const REQUEST_DATA_ATTRIBUTES: ReadonlySet<string> = new Set([
  'args',
  'form',
  'values',
  'json',
  'get_json',
  'data',
  'files',
  'cookies',
  'headers',
  'GET',
  'POST',
  'body',
  'query_params',
  'params',
  'matchdict',
]);

/** Receivers whose attributes above are request data. */
export const REQUEST_OBJECTS: ReadonlySet<string> = new Set(['request', 'req', 'self.request']);

/**
 * The label of a request-data attribute read (`request.args`, `self.request.GET`), or
 * null when `node` is not one. Only the attribute itself: `request.args.get('q')` is a
 * call on the source, which flow.ts follows.
 */
export function requestAttributeLabel(node: SyntaxNode): string | null {
  if (node.type !== 'attribute') return null;
  const attr = node.childForFieldName('attribute');
  if (!attr || !REQUEST_DATA_ATTRIBUTES.has(attr.text)) return null;
  const obj = unwrap(node.childForFieldName('object'));
  if (!obj || (obj.type !== 'identifier' && obj.type !== 'attribute')) return null;
  const receiver = obj.text;
  return REQUEST_OBJECTS.has(receiver) ? `${receiver}.${attr.text}` : null;
}
