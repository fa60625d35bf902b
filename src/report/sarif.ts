/**
 * The SARIF 2.1.0 report, shaped for GitHub code scanning: one run, the rules that have
 * results (with help text, CWE tags, `precision` and `security-severity`), and one result
 * per finding with a `partialFingerprints` entry GitHub uses to track it across commits.
 * In-source suppressions and dismissed review decisions become `suppressions`.
 *
 * Everything from a reviewed file is escaped: messages are plain text with control
 * characters made visible, and the JSON holds no raw control, bidi or invisible
 * character (see escapeJsonText).
 */
import {pathToFileURL} from 'node:url';
import type {Log, Notification, ReportingDescriptor, Result, Suppression} from 'sarif';
import type {Rule} from '../model/check.js';
import {cweUrl, DISMISS_REASON_LABELS, type Decision, type Finding, type Severity} from '../model/finding.js';
import {escapeControls, escapeJsonText} from './safe-text.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The partialFingerprints key: pyvet's fingerprint, versioned in case its recipe changes. */
export const FINGERPRINT_KEY = 'pyvetFingerprint/v1';

/** GitHub maps security-severity to critical (9.0+), high (7.0–8.9), medium (4.0–6.9) and low. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {high: '8.0', medium: '5.0', low: '3.0', info: '1.0'};

const LEVEL: Readonly<Record<Severity, Result.level>> = {high: 'error', medium: 'warning', low: 'note', info: 'note'};

export interface SarifInput {
  /** Findings to report, in-source suppressed ones included (flagged). */
  readonly findings: readonly Finding[];
  /** The review decision of a finding (pending when it has none). */
  readonly decision: (finding: Finding) => Decision | undefined;
  readonly rules: (id: string) => Rule | undefined;
  /** The scan root: finding paths are relative to it (%SRCROOT%). */
  readonly root: string;
  readonly version: string;
  /** The tool's web page; left out when unknown. */
  readonly informationUri?: string;
  readonly errors?: readonly {readonly path: string; readonly message: string}[];
  readonly warnings?: readonly {readonly path: string; readonly line: number; readonly message: string}[];
}

/** Plain message text: control characters visible, and SARIF's link brackets and backslash escaped (§3.11.6). */
export function plainText(text: string): string {
  return escapeControls(text.replace(/[\\[\]]/g, '\\$&'));
}

/** A '/'-separated relative path as a URI reference (each segment percent-encoded). */
export function pathToUri(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

/** `external/cwe/cwe-078`: the tag spelling CodeQL uses and GitHub filters on. */
export function cweTag(cwe: number): string {
  return `external/cwe/cwe-${String(cwe).padStart(3, '0')}`;
}

function helpText(rule: Rule): string {
  const d = rule.docs;
  return [
    `What it finds: ${d.what}`,
    `Why it matters: ${d.why}`,
    `Example:\n${d.example}`,
    `Fix: ${d.fix}`,
    `CWE-${rule.cwe}: ${cweUrl(rule.cwe)}`,
  ].join('\n\n');
}

function fence(code: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map(r => r.length));
  const f = '`'.repeat(Math.max(3, longest + 1));
  return `${f}python\n${code}\n${f}`;
}

function helpMarkdown(rule: Rule): string {
  const d = rule.docs;
  const out = [
    `**What it finds.** ${d.what}`,
    `**Why it matters.** ${d.why}`,
    `**Example**\n\n${fence(d.example)}`,
    `**Fix.** ${d.fix}`,
    `**CWE:** [CWE-${rule.cwe}](${cweUrl(rule.cwe)})`,
  ];
  if (d.references?.length) out.push(`**References:** ${d.references.map(r => `<${r}>`).join(', ')}`);
  return out.join('\n\n');
}

/** A rule for a finding whose check is not in the catalogue (should not happen; keeps the log valid). */
function fallbackRule(f: Finding): Rule {
  return {
    id: f.checkId,
    slug: f.checkId.toLowerCase(),
    title: f.title,
    category: f.category,
    severity: f.severity,
    confidence: f.confidence,
    cwe: f.cwe,
    docs: {what: f.title, why: f.title, example: f.snippet, fix: f.title},
  };
}

export function sarifRule(rule: Rule): ReportingDescriptor {
  return {
    id: rule.id,
    name: rule.slug,
    shortDescription: {text: rule.title},
    fullDescription: {text: rule.docs.what},
    help: {text: helpText(rule), markdown: helpMarkdown(rule)},
    helpUri: cweUrl(rule.cwe),
    defaultConfiguration: {level: LEVEL[rule.severity]},
    properties: {
      tags: ['security', rule.category, cweTag(rule.cwe)],
      precision: rule.confidence,
      'security-severity': SECURITY_SEVERITY[rule.severity],
    },
  };
}

function justification(d: Decision): string {
  const reason = DISMISS_REASON_LABELS[d.reason ?? 'false-positive'];
  return d.note ? `${reason}: ${escapeControls(d.note, {newlines: true})}` : reason;
}

function suppressionsOf(f: Finding, d: Decision | undefined): Suppression[] | undefined {
  const out: Suppression[] = [];
  if (f.suppressed) {
    out.push({kind: 'inSource', ...(f.suppressionReason ? {justification: escapeControls(f.suppressionReason)} : {})});
  }
  if (d?.kind === 'dismissed') out.push({kind: 'external', status: 'accepted', justification: justification(d)});
  return out.length ? out : undefined;
}

function decisionProperty(d: Decision): Record<string, string> {
  return {
    decision: d.kind,
    ...(d.kind === 'dismissed' ? {reason: d.reason ?? 'false-positive'} : {}),
    ...(d.note ? {note: escapeControls(d.note, {newlines: true})} : {}),
  };
}

function result(f: Finding, ruleIndex: number, d: Decision | undefined): Result {
  // A region whose end is not after its start on the same line has no usable end column.
  const endColumnOk = f.endLine > f.line || f.endColumn > f.column;
  const suppressions = suppressionsOf(f, d);
  const decided = d && d.kind !== 'pending' ? d : undefined;
  return {
    ruleId: f.checkId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: {text: plainText(f.message)},
    locations: [
      {
        physicalLocation: {
          artifactLocation: {uri: pathToUri(f.path), uriBaseId: '%SRCROOT%'},
          region: {
            startLine: f.line,
            startColumn: f.column,
            endLine: f.endLine,
            ...(endColumnOk ? {endColumn: f.endColumn} : {}),
            snippet: {text: f.snippet},
          },
        },
      },
    ],
    ...(f.source
      ? {
          relatedLocations: [
            {
              id: 1,
              message: {text: plainText(`data from here: ${f.source.label}`)},
              physicalLocation: {
                artifactLocation: {uri: pathToUri(f.path), uriBaseId: '%SRCROOT%'},
                region: {startLine: f.source.line, startColumn: Math.max(1, f.source.column), snippet: {text: f.source.snippet}},
              },
            },
          ],
        }
      : {}),
    partialFingerprints: {[FINGERPRINT_KEY]: f.fingerprint},
    ...(suppressions ? {suppressions} : {}),
    properties: {
      severity: f.severity,
      confidence: f.confidence,
      context: f.context,
      ...(decided ? {pyvetDecision: decisionProperty(decided)} : {}),
    },
  };
}

function notifications(input: SarifInput): Notification[] {
  const out: Notification[] = [];
  for (const e of input.errors ?? []) {
    out.push({
      level: 'error',
      message: {text: plainText(`${e.path}: ${e.message}`)},
      locations: [{physicalLocation: {artifactLocation: {uri: pathToUri(e.path), uriBaseId: '%SRCROOT%'}}}],
    });
  }
  for (const w of input.warnings ?? []) {
    out.push({
      level: 'warning',
      message: {text: plainText(w.message)},
      locations: [
        {
          physicalLocation: {
            artifactLocation: {uri: pathToUri(w.path), uriBaseId: '%SRCROOT%'},
            region: {startLine: Math.max(1, w.line)},
          },
        },
      ],
    });
  }
  return out;
}

export function buildSarif(input: SarifInput): Log {
  const ruleIds = [...new Set(input.findings.map(f => f.checkId))].sort();
  const rules = ruleIds.map(id => sarifRule(input.rules(id) ?? fallbackRule(input.findings.find(f => f.checkId === id)!)));
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const rootUri = pathToFileURL(input.root).href.replace(/\/?$/, '/');
  const notes = notifications(input);
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pyvet',
            version: input.version,
            semanticVersion: input.version,
            ...(input.informationUri ? {informationUri: input.informationUri} : {}),
            rules,
          },
        },
        invocations: [{executionSuccessful: true, ...(notes.length ? {toolExecutionNotifications: notes} : {})}],
        originalUriBaseIds: {'%SRCROOT%': {uri: rootUri}},
        columnKind: 'utf16CodeUnits',
        results: input.findings.map(f => result(f, index.get(f.checkId)!, input.decision(f))),
      },
    ],
  };
}

export function renderSarif(input: SarifInput): string {
  return `${escapeJsonText(JSON.stringify(buildSarif(input), null, 2))}\n`;
}
