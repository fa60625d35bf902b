/**
 * The Markdown review (DESIGN.md "The Markdown review"): a document a reviewer can hand
 * over as it is. Deterministic for the same input; every piece of reviewed text is
 * escaped (control characters visible, code fences longer than any backtick run inside).
 */
import {
  cweUrl,
  DISMISS_REASON_LABELS,
  SEVERITIES,
  THEME_HEADINGS,
  THEMES,
  severityRank,
  type Finding,
  type Severity,
} from '../model/finding.js';
import type {ReportEntry, ReportInput} from './review-data.js';
import {escapeControls} from './safe-text.js';

/** Text from a reviewed file or a reviewer, for running Markdown: controls escaped, one line. */
function inline(text: string): string {
  return escapeMarkdown(escapeControls(text));
}

/**
 * Escape what Markdown would read as syntax. An underscore inside a word (`set_override`)
 * cannot start emphasis in CommonMark, so only underscores at a word's edge are escaped.
 */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*[\]<>|]/g, '\\$&').replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_');
}

/** Multi-line prose (a note): controls escaped, line breaks kept as Markdown line breaks. */
function prose(text: string): string {
  return escapeControls(text, {newlines: true, tabs: 4})
    .split('\n')
    .map(escapeMarkdown)
    .join('  \n');
}

/** An inline code span that holds any text, backticks included. */
export function codeSpan(text: string): string {
  const safe = escapeControls(text);
  const longest = Math.max(0, ...(safe.match(/`+/g) ?? []).map(r => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = safe.startsWith('`') || safe.endsWith('`') || longest > 0 ? ' ' : '';
  return `${fence}${pad}${safe}${pad}${fence}`;
}

/** A fenced code block longer than any backtick run inside it. */
export function codeBlock(text: string, lang = 'python'): string {
  const safe = escapeControls(text, {newlines: true, tabs: true});
  const longest = Math.max(0, ...(safe.match(/`+/g) ?? []).map(r => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${safe}\n${fence}`;
}

function decisionText(e: ReportEntry): string {
  const d = e.decision;
  if (d.kind === 'accepted') return 'accepted — to fix';
  if (d.kind === 'dismissed') return `dismissed (${DISMISS_REASON_LABELS[d.reason ?? 'false-positive']})`;
  return 'not yet reviewed';
}

function byLocation(a: ReportEntry, b: ReportEntry): number {
  const fa = a.finding;
  const fb = b.finding;
  return fa.path < fb.path ? -1 : fa.path > fb.path ? 1 : fa.line - fb.line || fa.column - fb.column || (fa.checkId < fb.checkId ? -1 : fa.checkId > fb.checkId ? 1 : 0);
}

function bySeverityThenLocation(a: ReportEntry, b: ReportEntry): number {
  return severityRank(a.finding.severity) - severityRank(b.finding.severity) || byLocation(a, b);
}

function countBy(entries: readonly ReportEntry[], kind: string, sev?: Severity): number {
  return entries.filter(e => e.decision.kind === kind && (!sev || e.finding.severity === sev)).length;
}

export function verdict(entries: readonly ReportEntry[]): string {
  const total = entries.length;
  if (total === 0) return 'No findings: nothing to fix.';
  const accepted = entries.filter(e => e.decision.kind === 'accepted');
  const pending = countBy(entries, 'pending');
  const dismissed = countBy(entries, 'dismissed');
  const high = accepted.filter(e => e.finding.severity === 'high').length;
  const parts: string[] = [];
  if (accepted.length > 0) {
    parts.push(
      `Changes required: ${accepted.length} ${accepted.length === 1 ? 'problem' : 'problems'} to fix` +
        (high > 0 ? `, ${high} of high severity` : ''),
    );
  } else if (pending === 0) {
    parts.push('No problems to fix');
  } else {
    parts.push('No problems accepted so far');
  }
  if (dismissed > 0) parts.push(`${dismissed} dismissed`);
  if (pending > 0) parts.push(`review incomplete: ${pending} of ${total} not yet reviewed`);
  return `${parts.join('; ')}.`;
}

function findingSection(e: ReportEntry, input: ReportInput, headingLevel: string): string {
  const f: Finding = e.finding;
  const rule = input.rules(f.checkId);
  const out: string[] = [];
  out.push(`${headingLevel} ${f.checkId} ${inline(f.title)} — ${codeSpan(`${f.path}:${f.line}`)}`);
  out.push('');
  const levels = [`**Severity:** ${f.severity}`, `**Confidence:** ${f.confidence}`, `**CWE:** [CWE-${f.cwe}](${cweUrl(f.cwe)})`];
  if (f.context === 'test') levels.push('**Context:** test code');
  out.push(`- ${levels.join(' · ')}`);
  out.push(`- **Decision:** ${decisionText(e)}`);
  if (f.message && f.message !== f.title) out.push(`- **Finding:** ${inline(f.message)}`);
  if (f.source) out.push(`- **Data from:** line ${f.source.line}, ${codeSpan(f.source.snippet)} (${inline(f.source.label)})`);
  out.push('');
  out.push(codeBlock(f.snippet));
  out.push('');
  if (rule) {
    out.push(`**Why it matters.** ${escapeControls(rule.docs.why)}`);
    out.push('');
    out.push(`**Fix.** ${escapeControls(rule.docs.fix)}`);
    out.push('');
  }
  if (e.decision.note) {
    out.push(`**Reviewer's note.** ${prose(e.decision.note)}`);
    out.push('');
  }
  return out.join('\n');
}

function summaryTable(entries: readonly ReportEntry[]): string {
  const rows: string[] = [];
  rows.push(`| Decision | ${SEVERITIES.map(s => s[0]!.toUpperCase() + s.slice(1)).join(' | ')} | Total |`);
  rows.push(`|---|${SEVERITIES.map(() => '---:').join('|')}|---:|`);
  const line = (label: string, kind?: string) => {
    const pick = (sev?: Severity) => entries.filter(e => (!kind || e.decision.kind === kind) && (!sev || e.finding.severity === sev)).length;
    rows.push(`| ${label} | ${SEVERITIES.map(s => pick(s)).join(' | ')} | ${pick()} |`);
  };
  line('Accepted (to fix)', 'accepted');
  line('Dismissed', 'dismissed');
  line('Not yet reviewed', 'pending');
  line('**All findings**');
  return rows.join('\n');
}

export function renderMarkdown(input: ReportInput): string {
  const entries = [...input.entries].sort(byLocation);
  const out: string[] = [];
  const names = input.files.map(f => f.path);
  const title = names.length === 1 ? codeSpan(names[0]!) : names.length <= 3 ? names.map(codeSpan).join(', ') : `${names.length} files`;
  out.push(`# Security review of ${title}`);
  out.push('');
  out.push(`- **Reviewer:** ${inline(input.meta.reviewer)}`);
  out.push(`- **Date:** ${input.meta.date}`);
  out.push(`- **Tool:** pyvet ${input.meta.version}`);
  out.push('');
  out.push('## Summary');
  out.push('');
  out.push(`**Verdict:** ${verdict(entries)}`);
  out.push('');
  out.push(summaryTable(entries));
  out.push('');
  const suppressed = input.files.reduce((n, f) => n + f.suppressed, 0);
  out.push('| File | Lines | Findings | Accepted | Dismissed | Pending | Notes |');
  out.push('|---|---:|---:|---:|---:|---:|---|');
  for (const file of input.files) {
    const fe = entries.filter(e => e.finding.path === file.path);
    const notes: string[] = [];
    if (file.error) notes.push(`not reviewed: ${inline(file.error)}`);
    if (file.parseErrors > 0) notes.push(`${file.parseErrors} syntax ${file.parseErrors === 1 ? 'error' : 'errors'}`);
    if (file.suppressed > 0) notes.push(`${file.suppressed} suppressed in code`);
    out.push(
      `| ${codeSpan(file.path)} | ${file.lines} | ${fe.length} | ${countBy(fe, 'accepted')} | ${countBy(fe, 'dismissed')} | ${countBy(fe, 'pending')} | ${notes.join('; ')} |`,
    );
  }
  out.push('');
  if (suppressed > 0) {
    out.push(`${suppressed} ${suppressed === 1 ? 'finding is' : 'findings are'} suppressed by \`# nosec\` or \`# pyvet: ignore\` comments and not listed.`);
    out.push('');
  }

  const decided = entries.filter(e => e.decision.kind !== 'pending');
  THEMES.forEach((theme, i) => {
    out.push(`## ${i + 1}. ${THEME_HEADINGS[theme]}`);
    out.push('');
    const inTheme = decided.filter(e => e.finding.category === theme);
    const pendingHere = entries.filter(e => e.finding.category === theme && e.decision.kind === 'pending').length;
    if (inTheme.length === 0) {
      out.push(pendingHere > 0 ? `No reviewed findings yet (${pendingHere} not yet reviewed, listed below).` : 'No findings.');
      out.push('');
      return;
    }
    const accepted = inTheme.filter(e => e.decision.kind === 'accepted').sort(bySeverityThenLocation);
    const dismissed = inTheme.filter(e => e.decision.kind === 'dismissed').sort(bySeverityThenLocation);
    for (const e of [...accepted, ...dismissed]) out.push(findingSection(e, input, '###'));
    if (pendingHere > 0) {
      out.push(`${pendingHere} more in this theme ${pendingHere === 1 ? 'is' : 'are'} not yet reviewed (listed below).`);
      out.push('');
    }
  });

  const pending = entries.filter(e => e.decision.kind === 'pending');
  out.push('## Not yet reviewed');
  out.push('');
  if (pending.length === 0) {
    out.push('Every finding has a decision.');
    out.push('');
  } else {
    for (const theme of THEMES) {
      const here = pending.filter(e => e.finding.category === theme).sort(bySeverityThenLocation);
      if (here.length === 0) continue;
      out.push(`### ${THEME_HEADINGS[theme]}`);
      out.push('');
      for (const e of here) {
        const f = e.finding;
        const note = e.decision.note ? ` — note: ${inline(e.decision.note)}` : '';
        out.push(`- ${codeSpan(`${f.path}:${f.line}`)} **${f.checkId}** ${inline(f.title)} (${f.severity}): ${inline(f.message)}${note}`);
      }
      out.push('');
    }
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
