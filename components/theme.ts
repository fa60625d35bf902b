/**
 * Semantic colours for the TUI. Only the basic ANSI colours, bold and inverse are used,
 * so the screen reads on dark and light terminals; under NO_COLOR / --no-color Ink drops
 * every style and the layout still carries the meaning (markers, labels, the › pointer).
 */
import type {DecisionKind, Severity} from '../src/model/finding.js';
import type {HighlightKind} from '../src/scan/highlight.js';

export const severityColor: Readonly<Record<Severity, string>> = {
  high: 'red',
  medium: 'yellow',
  low: 'cyan',
  info: 'gray',
};

export const decisionMark: Readonly<Record<DecisionKind, string>> = {
  pending: '·',
  accepted: '✓',
  dismissed: '✗',
};

export const decisionColor: Readonly<Record<DecisionKind, string | undefined>> = {
  pending: undefined,
  accepted: 'green',
  dismissed: 'magenta',
};

export const colors = {
  accent: 'blue',
  muted: 'gray',
  flagged: 'red',
  message: 'green',
  warning: 'yellow',
} as const;

/** Syntax colours for source excerpts (basic ANSI colours only). */
export const syntaxColor: Readonly<Record<HighlightKind, string>> = {
  keyword: 'magenta',
  string: 'green',
  comment: 'gray',
  number: 'cyan',
  constant: 'cyan',
  function: 'blue',
  type: 'yellow',
  decorator: 'yellow',
};
