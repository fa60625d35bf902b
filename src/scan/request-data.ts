/**
 * Request data (review-checks.md "Shared definitions"): the sources of the taint-lite
 * analysis in flow.ts. Attribute reads and calls on `request.X`, `req.X` and
 * `self.request.X` for the attributes below, plus `input()` and `sys.argv`, and the
 * parameters a route decorator's path fills (routeParameters).
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

/** Decorator methods that declare a URL route (Flask, FastAPI, Starlette, Sanic, Quart…). */
const ROUTE_DECORATORS: ReadonlySet<string> = new Set(['route', 'get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'api_route', 'websocket']);

/** Path converters whose values cannot carry text: Flask's int/float/uuid, Starlette's int/float/uuid. */
const SAFE_CONVERTERS: ReadonlySet<string> = new Set(['int', 'float', 'uuid']);

/** Annotations of a FastAPI path parameter whose values cannot carry text. */
const SAFE_ANNOTATIONS = /^(?:int|float|bool|UUID|uuid\.UUID|datetime|date|Decimal|PositiveInt|NonNegativeInt)$/;

/** A route string with a parameter: `'/files/<path:name>'`, `"/items/{item_id}"`. */
const ROUTE_WITH_PARAMETER = /\.(?:route|get|post|put|patch|delete|head|options|api_route|websocket)\(\s*[rRuU]?(['"])\/[^'"\n]*[<{][^'"\n]*\1/;

/** Whether a text may declare a route with parameters (for the data-flow prefilter). */
export function mayDeclareRouteParameters(text: string): boolean {
  return ROUTE_WITH_PARAMETER.test(text);
}

/**
 * The parameters of a route handler that the URL path fills (`<name>`, `<path:name>`,
 * `{name}`, `{name:path}` in a route decorator's path), each with its identifier node in the
 * def's parameter list. Parameters converted to numbers or UUIDs (`<int:id>`, `{id}` with
 * `id: int`) are left out: they cannot carry text.
 */
export function routeParameters(def: SyntaxNode, decorators: readonly SyntaxNode[]): {name: string; node: SyntaxNode}[] {
  const fromPath = new Map<string, string | null>(); // name -> converter
  for (const d of decorators) {
    const call = unwrap(d.namedChildren.find(c => c.type !== 'comment'));
    if (call?.type !== 'call') continue;
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute' || !ROUTE_DECORATORS.has(fn.childForFieldName('attribute')?.text ?? '')) continue;
    const first = call.childForFieldName('arguments')?.namedChildren.find(c => c.type !== 'comment');
    if (first?.type !== 'string') continue;
    const text = first.text;
    if (!/^[rRuU]?['"]\//.test(text)) continue;
    for (const m of text.matchAll(/<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>|\{(\w+)(?::(\w+))?\}/g)) {
      const name = m[2] ?? m[3]!;
      const converter = m[1] ?? m[4] ?? null;
      fromPath.set(name, converter);
    }
  }
  if (fromPath.size === 0) return [];
  const out: {name: string; node: SyntaxNode}[] = [];
  for (const p of def.childForFieldName('parameters')?.namedChildren ?? []) {
    const id = p.type === 'identifier' ? p : p.childForFieldName('name') ?? p.namedChildren.find(c => c.type === 'identifier');
    if (id?.type !== 'identifier' || !fromPath.has(id.text)) continue;
    const converter = fromPath.get(id.text);
    if (converter && SAFE_CONVERTERS.has(converter)) continue;
    const annotation = p.childForFieldName('type')?.text;
    if (annotation && SAFE_ANNOTATIONS.test(annotation)) continue;
    out.push({name: id.text, node: id});
  }
  return out;
}
