/**
 * Shared pieces of the taint-lite checks (R801–R806): picking the argument a sink reads,
 * asking the data flow about it, and saying where the data came from.
 */
import type {CheckContext} from '../../src/model/check.js';
import type {FlowStep} from '../../src/model/finding.js';
import type {CallInfo} from '../../src/scan/calls.js';
import type {Sink} from '../../src/scan/flow.js';
import {literalInfo} from '../../src/scan/strings.js';
import type {SyntaxNode} from '../../src/scan/syntax.js';

/** Positional argument `index`, else the first of the keywords `names` that is passed. */
export function argument(call: CallInfo, index: number, ...names: string[]): SyntaxNode | null {
  for (let i = 0; i <= index && i < call.args.length; i++) if (call.args[i]!.type === 'list_splat') return null;
  const a = call.args[index];
  if (a) return a;
  for (const n of names) {
    const k = call.keyword(n);
    if (k) return k.value;
  }
  return null;
}

/** Literals carry no request data: the analysis need not be built for them. */
function cannotCarryData(expr: SyntaxNode): boolean {
  switch (expr.type) {
    case 'integer':
    case 'float':
    case 'true':
    case 'false':
    case 'none':
      return true;
    case 'string':
    case 'concatenated_string':
      return literalInfo(expr)?.kind !== 'fstring';
    default:
      return false;
  }
}

/** Where the request data that reaches `expr` (an argument of `node`) came from, or null. */
export function requestDataIn(ctx: CheckContext, node: SyntaxNode, expr: SyntaxNode | null, sink: Sink): FlowStep | null {
  if (!expr || cannotCarryData(expr)) return null;
  return ctx.flow(node).taintOf(expr, sink);
}

/**
 * What the data flow says about the value a Bandit check flags (B102, B307, B602, B608):
 * where request data in it came from, or whether it is a constant. Neither means the
 * check keeps Bandit's confidence.
 */
export interface Origin {
  readonly source: FlowStep | null;
  readonly constant: boolean;
}

const UNKNOWN_ORIGIN: Origin = {source: null, constant: false};
const CONSTANT_ORIGIN: Origin = {source: null, constant: true};

export function originOf(ctx: CheckContext, node: SyntaxNode, expr: SyntaxNode | null, sink: Sink): Origin {
  if (!expr) return UNKNOWN_ORIGIN;
  if (cannotCarryData(expr)) return CONSTANT_ORIGIN;
  const flow = ctx.flow(node);
  const source = flow.taintOf(expr, sink);
  if (source) return {source, constant: false};
  return flow.isConstant(expr) ? CONSTANT_ORIGIN : UNKNOWN_ORIGIN;
}

/** The confidence an origin gives: high with request data, low for a constant, else the check's own. */
export function originConfidence(origin: Origin): 'high' | 'low' | undefined {
  return origin.source ? 'high' : origin.constant ? 'low' : undefined;
}

/** `request.args (line 12)`: the source as messages name it. */
export function describeSource(step: FlowStep): string {
  return `${step.label} (line ${step.line})`;
}

const LOOPS: ReadonlySet<string> = new Set([
  'for_statement',
  'while_statement',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
]);

/** Whether `node` sits inside a loop (statement or comprehension) of its own function. */
export function insideLoop(node: SyntaxNode): boolean {
  for (let p = node.parent; p; p = p.parent) {
    const t = p.type;
    if (LOOPS.has(t)) return true;
    if (t === 'function_definition' || t === 'class_definition' || t === 'lambda' || t === 'module') return false;
  }
  return false;
}
