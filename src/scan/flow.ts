/**
 * Intra-function data flow ("taint-lite", review-checks.md "Request data").
 * One analysis per function (or module body), built lazily the first time a check
 * asks about a node inside it, and shared by every check.
 *
 * This first version answers only about the expression itself (is it a request-data
 * source, is it a constant); propagation through assignments comes with the R8xx checks.
 */
import type {FlowStep} from '../model/finding.js';
import {isConstantNode} from './values.js';
import {lineOf, unwrap, type SyntaxNode} from './syntax.js';

export interface FlowAnalysis {
  /** Where request data carried by `expr` came from, or null when it carries none. */
  taintOf(expr: SyntaxNode): FlowStep | null;
  /** Whether `expr` is a constant: a literal, or built only from literals. */
  isConstant(expr: SyntaxNode): boolean;
}

const SOURCE_ROOTS = /^(?:self\.)?(?:request|req)\.(?:args|form|values|json|get_json|data|files|cookies|headers|GET|POST|body|query_params|params|matchdict)\b/;

export function isRequestSource(expr: SyntaxNode): boolean {
  const t = expr.text;
  return SOURCE_ROOTS.test(t) || t === 'sys.argv' || t.startsWith('sys.argv[') || /^input\s*\(/.test(t);
}

export function analyzeFlow(_scope: SyntaxNode): FlowAnalysis {
  return {
    taintOf(expr) {
      const e = unwrap(expr);
      if (!e) return null;
      if (isRequestSource(e)) {
        return {line: lineOf(e), column: e.startPosition.column + 1, snippet: e.text, label: 'request data'};
      }
      return null;
    },
    isConstant(expr) {
      return isConstantNode(expr);
    },
  };
}
