import {Box, Text} from 'ink';
import React, {useMemo} from 'react';
import {THEME_HEADINGS, type Decision} from '../src/model/finding.js';
import type {Grouping, ReviewFile, ReviewItem} from '../src/review/session.js';
import {escapeControls} from '../src/report/safe-text.js';
import {colors, decisionColor, decisionMark, severityColor} from './theme.js';
import {pad, truncate, truncateStart} from './text.js';

export interface FindingListProps {
  readonly items: readonly ReviewItem[];
  readonly selected: number;
  readonly decisionOf: (key: string) => Decision;
  readonly width: number;
  readonly height: number;
  /** Group headers by file or by theme (only shown when there is more than one group). */
  readonly group: Grouping;
  readonly files: readonly ReviewFile[];
}

type Row = {readonly kind: 'header'; readonly label: string; readonly count: number} | {readonly kind: 'item'; readonly index: number};

interface Layout {
  readonly rows: readonly Row[];
  /** Display row of each item index. */
  readonly rowOf: readonly number[];
  readonly grouped: boolean;
}

function layout(items: readonly ReviewItem[], group: Grouping, files: readonly ReviewFile[]): Layout {
  const keyOf = (i: ReviewItem) => (group === 'file' ? String(i.file) : i.finding.category);
  const groups = new Map<string, number>();
  for (const i of items) groups.set(keyOf(i), (groups.get(keyOf(i)) ?? 0) + 1);
  const grouped = groups.size > 1 || (group === 'theme' && items.length > 0);
  const rows: Row[] = [];
  const rowOf: number[] = [];
  let last = '';
  items.forEach((item, index) => {
    const k = keyOf(item);
    if (grouped && k !== last) {
      const label = group === 'file' ? files[item.file]?.path ?? '' : THEME_HEADINGS[item.finding.category];
      rows.push({kind: 'header', label, count: groups.get(k) ?? 0});
      last = k;
    }
    rowOf.push(rows.length);
    rows.push({kind: 'item', index});
  });
  return {rows, rowOf, grouped};
}

/** The top of the window that keeps the selected row in view, roughly centred. */
export function scrollOffset(selected: number, total: number, height: number): number {
  if (total <= height) return 0;
  return Math.max(0, Math.min(selected - Math.floor(height / 2), total - height));
}

const SEV_LABEL = {high: 'high', medium: 'med ', low: 'low ', info: 'info'} as const;

/** The finding list: group headers and findings; only the rows that fit are rendered. */
export function FindingList({items, selected, decisionOf, width, height, group, files}: FindingListProps) {
  const {rows, rowOf, grouped} = useMemo(() => layout(items, group, files), [items, group, files]);
  if (items.length === 0) {
    return (
      <Box height={height} width={width}>
        <Text dimColor>No findings match the current filters (x clears them).</Text>
      </Box>
    );
  }
  const selRow = rowOf[selected] ?? 0;
  let offset = scrollOffset(selRow, rows.length, height);
  // Keep the selected finding's group header in view when it fits.
  if (grouped && offset > 0 && selRow - offset < 1 && rows[offset - 1]?.kind === 'header') offset--;
  const window = rows.slice(offset, offset + height);
  // With theme groups, each row names its file.
  const showPath = group === 'theme' && files.length > 1;
  const lineWidth = Math.max(3, ...window.map(r => (r.kind === 'item' ? String(items[r.index]!.finding.line).length : 0)));
  return (
    <Box flexDirection="column" height={height} width={width}>
      {window.map((row, i) => {
        if (row.kind === 'header') {
          const label = escapeControls(row.label);
          const text = ` ${group === 'file' ? truncateStart(label, width - 12) : truncate(label, width - 12)} (${row.count}) `;
          return (
            <Text key={`h${offset + i}`} wrap="truncate" color={colors.accent} bold>
              {`─${text}${'─'.repeat(Math.max(0, width - text.length - 1))}`}
            </Text>
          );
        }
        const item = items[row.index]!;
        const isSel = row.index === selected;
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
