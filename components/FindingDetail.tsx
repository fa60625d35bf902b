import {Box, Text} from 'ink';
import React from 'react';
import type {Rule} from '../src/model/check.js';
import {DISMISS_REASON_LABELS, type Decision, type Finding} from '../src/model/finding.js';
import {clip, displayLine, escapeControls} from '../src/report/safe-text.js';
import {lineSegments} from './highlight.js';
import {colors, decisionColor, severityColor, syntaxColor} from './theme.js';
import {truncate, wrap} from './text.js';

export interface FindingDetailProps {
  readonly finding: Finding;
  readonly decision: Decision;
  readonly rule?: Rule;
  /** The file's lines (for the excerpt); absent when the text is not available. */
  readonly sourceLines?: readonly string[];
  /** Highlight spans of the file (src/scan/highlight.ts). */
  readonly highlights?: readonly number[];
  readonly contextLines: number;
  readonly width: number;
  readonly height: number;
  /** Full-screen (z): nothing more to point to. */
  readonly zoomed?: boolean;
}

const MAX_FLAGGED = 8;

function decisionLabel(d: Decision): string {
  if (d.kind === 'accepted') return 'accepted';
  if (d.kind === 'dismissed') return `dismissed: ${DISMISS_REASON_LABELS[d.reason ?? 'false-positive']}`;
  return 'pending';
}

/** The selected finding: what, where (source excerpt), why, fix, note — cut to the pane's height. */
export function FindingDetail({finding: f, decision, rule, sourceLines, highlights, contextLines, width, height, zoomed}: FindingDetailProps) {
  const lines: React.ReactNode[] = [];
  const push = (node: React.ReactNode) => lines.push(node);
  const w = Math.max(20, width);

  push(
    <Text wrap="truncate">
      <Text bold>{f.checkId} </Text>
      <Text bold>{escapeControls(f.title)}</Text>
    </Text>,
  );
  push(
    <Text wrap="truncate">
      <Text color={severityColor[f.severity]}>{f.severity}</Text>
      <Text color={colors.muted}> · confidence </Text>
      <Text>{f.confidence}</Text>
      <Text color={colors.muted}> · </Text>
      <Text>CWE-{f.cwe}</Text>
      <Text color={colors.muted}> · </Text>
      <Text>{f.category}</Text>
      {f.context === 'test' ? <Text color={colors.muted}> · test code</Text> : null}
      <Text color={colors.muted}> · </Text>
      <Text color={decisionColor[decision.kind]} bold={decision.kind !== 'pending'}>
        {decisionLabel(decision)}
      </Text>
    </Text>,
  );
  if (f.message && f.message !== f.title) {
    for (const l of wrap(escapeControls(clip(f.message, w * 16 + 128)), w, 2)) push(<Text wrap="truncate">{l}</Text>);
  }
  if (f.source) {
    push(
      <Text wrap="truncate">
        <Text color={colors.muted}>data from line {f.source.line}: </Text>
        <Text>{escapeControls(clip(f.source.snippet, w * 8))}</Text>
        <Text color={colors.muted}> ({escapeControls(clip(f.source.label, w * 8))})</Text>
      </Text>,
    );
  }

  // The note, why and fix go below the excerpt; they are built first to size it.
  const tailLines: React.ReactNode[] = [];
  const pushTail = (node: React.ReactNode) => tailLines.push(node);
  if (decision.note) {
    // A pasted note may be long: only what the pane can show is laid out.
    const noteLines = wrap(escapeControls(clip(decision.note, (w - 6) * 8 * height + 64), {newlines: true}), w - 6, height);
    noteLines.forEach((l, i) =>
      pushTail(
        <Text wrap="truncate">
          <Text color={colors.message} bold>
            {i === 0 ? 'Note: ' : '      '}
          </Text>
          <Text>{l}</Text>
        </Text>,
      ),
    );
  }
  if (rule) {
    const section = (label: string, text: string) => {
      wrap(escapeControls(text), w - label.length).forEach((l, i) =>
        pushTail(
          <Text wrap="truncate">
            <Text bold>{i === 0 ? label : ' '.repeat(label.length)}</Text>
            <Text>{l}</Text>
          </Text>,
        ),
      );
    };
    section('Why: ', rule.docs.why);
    section('Fix: ', rule.docs.fix);
  }

  // The excerpt: context lines around the flagged lines, which are marked.
  const flaggedLast = Math.min(f.endLine, f.line + MAX_FLAGGED - 1);
  if (sourceLines && sourceLines.length > 0) {
    // Context lines share what the note, why and fix leave: at least one when it fits,
    // up to the preference (or up to 10 when the detail fills the screen).
    const flaggedCount = flaggedLast - f.line + 1 + (f.endLine > flaggedLast ? 1 : 0);
    const room = height - lines.length - tailLines.length - flaggedCount;
    const ctx = Math.max(Math.min(1, contextLines), Math.min(zoomed ? 10 : contextLines, Math.floor(room / 2)));
    const first = Math.max(1, f.line - ctx);
    const last = Math.min(sourceLines.length, flaggedLast + ctx);
    const numWidth = String(last).length;
    for (let n = first; n <= last; n++) {
      const flagged = n >= f.line && n <= flaggedLast;
      const segments = lineSegments(sourceLines, n - 1, highlights, w - numWidth - 5);
      push(
        <Text wrap="truncate" key={`src${n}`}>
          <Text color={flagged ? colors.flagged : colors.muted} bold={flagged}>
            {flagged ? '▶' : ' '} {String(n).padStart(numWidth)} │{' '}
          </Text>
          {segments.map((s, i) => (
            <Text key={i} bold={flagged} color={s.kind ? syntaxColor[s.kind] : undefined}>
              {s.text}
            </Text>
          ))}
        </Text>,
      );
      if (n === flaggedLast && f.endLine > flaggedLast) {
        push(
          <Text color={colors.muted} key="more">
            {'  '}
            {' '.repeat(numWidth)} │ … {f.endLine - flaggedLast} more flagged lines
          </Text>,
        );
      }
    }
  } else {
    for (const l of f.snippet.split('\n', MAX_FLAGGED)) push(<Text wrap="truncate">▶ {truncate(displayLine(l, 4, w), w - 2)}</Text>);
  }

  lines.push(...tailLines);
  const shown = lines.length > height ? [...lines.slice(0, Math.max(0, height - 1)), <Text color={colors.muted}>{zoomed ? `… (pyvet explain ${f.checkId} for the rest)` : '… (z shows the rest)'}</Text>] : lines;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {shown.map((l, i) => (
        <Box key={i}>{l}</Box>
      ))}
    </Box>
  );
}
