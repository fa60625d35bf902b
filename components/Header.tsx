import {Box, Text} from 'ink';
import React from 'react';
import type {Counts, Filters} from '../src/review/session.js';
import {clip, escapeControls} from '../src/report/safe-text.js';
import {colors, decisionColor, decisionMark} from './theme.js';
import {truncate, truncateStart, width as textWidth} from './text.js';

export interface HeaderProps {
  readonly title: string;
  readonly counts: Counts;
  readonly filters: Filters;
  readonly visible: number;
  readonly dirty: boolean;
  readonly width: number;
}

/** Top line: what is being reviewed, counts by decision, active filters; the title gives way first. */
export function Header({title, counts, filters, visible, dirty, width}: HeaderProps) {
  const active: string[] = [];
  if (filters.decision !== 'all') active.push(filters.decision);
  if (filters.minSeverity !== 'info') active.push(`≥ ${filters.minSeverity}`);
  // Typed text can be long: clip before escaping and measuring.
  const shortText = (t: string) => truncate(escapeControls(clip(t, width * 8)), Math.max(10, Math.floor(width / 3)));
  if (filters.check) active.push(`check ${shortText(filters.check)}`);
  if (filters.text) active.push(`/${shortText(filters.text)}`);
  const filterText = active.length ? ` · ${visible} shown: ${active.join(', ')}` : '';
  const unsaved = dirty ? ' · unsaved' : '';
  const {total, pending, accepted, dismissed} = counts;
  const noun = total === 1 ? 'finding' : 'findings';
  const long = `${total} ${noun}: ${pending} pending · ${decisionMark.accepted} ${accepted} accepted · ${decisionMark.dismissed} ${dismissed} dismissed`;
  const fixed = 'pyvet '.length + ' · '.length + textWidth(filterText) + unsaved.length;
  const shownTitle = escapeControls(clip(title, width * 8));
  // The verbose counts only when the title still fits whole beside them.
  const useLong = width - fixed - textWidth(long) >= textWidth(shownTitle);
  const room = Math.max(8, width - fixed - textWidth(useLong ? long : `${total} ${noun}: ${pending} pending ✓${accepted} ✗${dismissed}`));
  return (
    <Box width={width}>
      <Text wrap="truncate">
        <Text bold color={colors.accent}>
          pyvet
        </Text>
        <Text> {truncateStart(shownTitle, room)}</Text>
        <Text color={colors.muted}> · </Text>
        <Text>
          {total} {noun}: {pending} pending
        </Text>
        {useLong ? (
          <>
            <Text color={colors.muted}> · </Text>
            <Text color={decisionColor.accepted}>
              {decisionMark.accepted} {accepted} accepted
            </Text>
            <Text color={colors.muted}> · </Text>
            <Text color={decisionColor.dismissed}>
              {decisionMark.dismissed} {dismissed} dismissed
            </Text>
          </>
        ) : (
          <>
            <Text color={decisionColor.accepted}>
              {' '}
              {decisionMark.accepted}
              {accepted}
            </Text>
            <Text color={decisionColor.dismissed}>
              {' '}
              {decisionMark.dismissed}
              {dismissed}
            </Text>
          </>
        )}
        <Text color={colors.accent}>{filterText}</Text>
        {dirty ? <Text color={colors.warning}>{unsaved}</Text> : null}
      </Text>
    </Box>
  );
}
