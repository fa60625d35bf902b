import {Box, Text} from 'ink';
import React from 'react';
import type {Decision} from '../src/model/finding.js';
import type {ReviewItem} from '../src/review/session.js';
import {escapeControls} from '../src/report/safe-text.js';
import {decisionColor, decisionMark, severityColor} from './theme.js';
import {pad, truncateStart} from './text.js';

export interface FindingListProps {
  readonly items: readonly ReviewItem[];
  readonly selected: number;
  readonly decisionOf: (key: string) => Decision;
  readonly width: number;
  readonly height: number;
  /** Show each finding's file (reviewing several files). */
  readonly showPath: boolean;
}

/** The top of the window that keeps the selected row in view, roughly centred. */
export function scrollOffset(selected: number, total: number, height: number): number {
  if (total <= height) return 0;
  return Math.max(0, Math.min(selected - Math.floor(height / 2), total - height));
}

const SEV_LABEL = {high: 'high', medium: 'med ', low: 'low ', info: 'info'} as const;

/** The finding list: only the rows that fit are rendered. */
export function FindingList({items, selected, decisionOf, width, height, showPath}: FindingListProps) {
  if (items.length === 0) {
    return (
      <Box height={height} width={width}>
        <Text dimColor>No findings match the current filters.</Text>
      </Box>
    );
  }
  const offset = scrollOffset(selected, items.length, height);
  const rows = items.slice(offset, offset + height);
  const lineWidth = Math.max(...rows.map(r => String(r.finding.line).length), 3);
  return (
    <Box flexDirection="column" height={height} width={width}>
      {rows.map((item, i) => {
        const index = offset + i;
        const isSel = index === selected;
        const f = item.finding;
        const d = decisionOf(item.key);
        const loc = `L${String(f.line).padEnd(lineWidth)}`;
        const fixed = 2 + 2 + 5 + 5 + loc.length + 2;
        const pathCol = showPath ? Math.min(30, Math.floor(width / 4)) : 0;
        const titleWidth = Math.max(8, width - fixed - pathCol - 1);
        return (
          <Text key={item.key} inverse={isSel} wrap="truncate">
            <Text>{isSel ? '›' : ' '}</Text>
            <Text color={decisionColor[d.kind]}>{decisionMark[d.kind]} </Text>
            <Text color={severityColor[f.severity]}>{SEV_LABEL[f.severity]} </Text>
            <Text bold>{f.checkId} </Text>
            <Text>{loc} </Text>
            <Text>{pad(escapeControls(f.title), titleWidth)}</Text>
            {showPath ? <Text dimColor> {truncateStart(escapeControls(f.path), pathCol)}</Text> : null}
          </Text>
        );
      })}
    </Box>
  );
}
