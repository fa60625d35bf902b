import {Box, Text} from 'ink';
import React from 'react';
import type {Rule} from '../src/model/check.js';
import {DISMISS_REASON_LABELS, type Decision, type Finding} from '../src/model/finding.js';
import {clip, displayLine, escapeControls} from '../src/report/safe-text.js';
import {colors, decisionColor, severityColor} from './theme.js';
import {truncate, wrap} from './text.js';

export interface FindingDetailProps {
  readonly finding: Finding;
  readonly decision: Decision;
  readonly rule?: Rule;
  /** The file's lines (for the excerpt); absent when the text is not available. */
  readonly sourceLines?: readonly string[];
  readonly contextLines: number;
  readonly width: number;
  readonly height: number;
}

const MAX_FLAGGED = 8;

function decisionLabel(d: Decision): string {
  if (d.kind === 'accepted') return 'accepted';
  if (d.kind === 'dismissed') return `dismissed: ${DISMISS_REASON_LABELS[d.reason ?? 'false-positive']}`;
  return 'pending';
}

/** The selected finding: what, where (source excerpt), why, fix, note — cut to the pane's height. */
export function FindingDetail({finding: f, decision, rule, sourceLines, contextLines, width, height}: FindingDetailProps) {
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

  // The excerpt: context lines around the flagged lines, which are marked.
  const flaggedLast = Math.min(f.endLine, f.line + MAX_FLAGGED - 1);
  if (sourceLines && sourceLines.length > 0) {
    const first = Math.max(1, f.line - contextLines);
    const last = Math.min(sourceLines.length, flaggedLast + contextLines);
    const numWidth = String(last).length;
    for (let n = first; n <= last; n++) {
      const flagged = n >= f.line && n <= flaggedLast;
      const code = displayLine(sourceLines[n - 1] ?? '', 4, w);
      push(
        <Text wrap="truncate" key={`src${n}`}>
          <Text color={flagged ? colors.flagged : colors.muted} bold={flagged}>
            {flagged ? '▶' : ' '} {String(n).padStart(numWidth)} │{' '}
          </Text>
          <Text bold={flagged}>{truncate(code, w - numWidth - 5)}</Text>
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

  if (decision.note) {
    // A pasted note may be long: only what the pane can show is laid out.
    const noteLines = wrap(escapeControls(clip(decision.note, (w - 6) * 8 * height + 64), {newlines: true}), w - 6, height);
    noteLines.forEach((l, i) =>
      push(
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
        push(
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

  const shown = lines.length > height ? [...lines.slice(0, Math.max(0, height - 1)), <Text color={colors.muted}>… (pyvet explain {f.checkId} for the rest)</Text>] : lines;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {shown.map((l, i) => (
        <Box key={i}>{l}</Box>
      ))}
    </Box>
  );
}
