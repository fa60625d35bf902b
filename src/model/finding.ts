/**
 * The vocabulary every part of pyvet shares: levels, themes, findings, decisions.
 * Closed sets are `as const` arrays ordered from most to least serious, so that an
 * index comparison is a severity comparison.
 */

export const SEVERITIES = ['high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** Themes in the order the Markdown review groups them (checks/review-checks.md). */
export const THEMES = [
  'secrets',
  'errors',
  'timeouts',
  'test-code',
  'config',
  'cleanup',
  'access',
  'input',
  'crypto',
] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_HEADINGS: Readonly<Record<Theme, string>> = {
  secrets: 'Hard-coded credentials and secrets',
  errors: 'Error handling',
  timeouts: 'Timeouts and polling',
  'test-code': 'Test and debug code in production',
  config: 'Configuration and privilege',
  cleanup: 'Resource handling and cleanup',
  access: 'Access control and policy',
  input: 'Input validation and injection',
  crypto: 'Cryptography and randomness',
};

export type CodeContext = 'production' | 'test';

/** Where a data-flow finding's value came from (taint-lite checks). */
export interface FlowStep {
  readonly line: number;
  readonly column: number;
  readonly snippet: string;
  readonly label: string;
}

export interface Finding {
  readonly checkId: string;
  readonly title: string;
  readonly category: Theme;
  readonly severity: Severity;
  readonly confidence: Confidence;
  readonly cwe: number;
  /** Relative to the scan root, '/'-separated. */
  readonly path: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
  /** The flagged source lines, as written (control characters untouched: escape on output). */
  readonly snippet: string;
  /** 16 hex characters; see src/model/fingerprint.ts. */
  readonly fingerprint: string;
  readonly context: CodeContext;
  /** Set when a `# nosec` / `# pyvet: ignore[...]` comment covers this finding. */
  readonly suppressed?: boolean;
  readonly suppressionReason?: string;
  /** For data-flow findings: where the value came from. */
  readonly source?: FlowStep;
}

export const DECISIONS = ['pending', 'accepted', 'dismissed'] as const;
export type DecisionKind = (typeof DECISIONS)[number];

export const DISMISS_REASONS = ['false-positive', 'acceptable-risk', 'wont-fix', 'test-only'] as const;
export type DismissReason = (typeof DISMISS_REASONS)[number];

export const DISMISS_REASON_LABELS: Readonly<Record<DismissReason, string>> = {
  'false-positive': 'false positive',
  'acceptable-risk': 'acceptable risk',
  'wont-fix': "won't fix",
  'test-only': 'test only',
};

export interface Decision {
  readonly kind: DecisionKind;
  readonly reason?: DismissReason;
  readonly note?: string;
}

export const PENDING: Decision = Object.freeze({kind: 'pending'});

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export function confidenceRank(c: Confidence): number {
  return CONFIDENCES.indexOf(c);
}

/** True when `s` is at least as serious as `min`. */
export function atLeast(s: Severity, min: Severity): boolean {
  return severityRank(s) <= severityRank(min);
}

export function confidenceAtLeast(c: Confidence, min: Confidence): boolean {
  return confidenceRank(c) <= confidenceRank(min);
}

export function lowerSeverity(s: Severity): Severity {
  return SEVERITIES[Math.min(severityRank(s) + 1, SEVERITIES.length - 1)]!;
}

export function isTheme(s: string): s is Theme {
  return (THEMES as readonly string[]).includes(s);
}

export function cweUrl(cwe: number): string {
  return `https://cwe.mitre.org/data/definitions/${cwe}.html`;
}
