import {Box, Text} from 'ink';
import React from 'react';
import type {Counts, Filters} from '../src/review/session.js';
import {clip, escapeControls} from '../src/report/safe-text.js';
import {colors, decisionColor, decisionMark} from './theme.js';
import {truncate} from './text.js';

export interface HeaderProps {
  readonly title: string;
  readonly counts: Counts;
  readonly filters: Filters;
  readonly visible: number;
  readonly dirty: boolean;
  readonly width: number;
}

/** Top line: what is being reviewed, counts by decision, active filters. */
export function Header({title, counts, filters, visible, dirty, width}: HeaderProps) {
  const active: string[] = [];
  if (filters.decision !== 'all') active.push(filters.decision);
  if (filters.minSeverity !== 'info') active.push(`≥ ${filters.minSeverity}`);
  if (filters.text) active.push(`/${truncate(escapeControls(clip(filters.text, width * 8)), Math.max(10, Math.floor(width / 3)))}`);
  const filterText = active.length ? ` · showing ${visible} (${active.join(', ')})` : '';
  const fixed = 8 + 40 + filterText.length;
  return (
    <Box width={width}>
      <Text wrap="truncate">
        <Text bold color={colors.accent}>
          pyvet
        </Text>
        <Text> {truncate(escapeControls(clip(title, width * 8)), Math.max(10, width - fixed))}</Text>
        <Text color={colors.muted}> · </Text>
        <Text>
          {counts.total} {counts.total === 1 ? 'finding' : 'findings'}: {counts.pending} pending
        </Text>
        <Text color={colors.muted}> · </Text>
        <Text color={decisionColor.accepted}>
          {decisionMark.accepted} {counts.accepted} accepted
        </Text>
        <Text color={colors.muted}> · </Text>
        <Text color={decisionColor.dismissed}>
          {decisionMark.dismissed} {counts.dismissed} dismissed
        </Text>
        <Text color={colors.muted}>{filterText}</Text>
        {dirty ? <Text color={colors.warning}> · unsaved</Text> : null}
      </Text>
    </Box>
  );
}
