import {Box, Text} from 'ink';
import React from 'react';
import {displayKey, KEYMAP, type KeyBinding} from '../src/review/keymap.js';
import type {Mode} from '../src/review/session.js';
import {colors} from './theme.js';
import {pad} from './text.js';

export interface HelpOverlayProps {
  readonly width: number;
  readonly height: number;
}

const OTHER_MODES: readonly [Mode, string][] = [
  ['dismiss', 'After d'],
  ['note', 'Note, search, filter'],
  ['confirm-quit', 'Quitting with unsaved changes'],
];

function keysOf(b: KeyBinding): string {
  return b.keys.map(displayKey).join(' ');
}

/** Every key of every mode, from the key map; the main keys in two columns when space is short. */
export function HelpOverlay({width, height}: HelpOverlayProps) {
  const list = KEYMAP.list;
  const rows: React.ReactNode[] = [];
  rows.push(
    <Text bold key="title" wrap="truncate">
      pyvet keys <Text color={colors.muted}>— ? or Esc closes this screen</Text>
    </Text>,
  );
  // The other modes' lines wrap; count the screen lines they take.
  const modeLines = OTHER_MODES.reduce((n, [mode, title]) => {
    const text = `${title}: ${KEYMAP[mode].map(b => `${keysOf(b)} ${b.help}`).join(' · ')}`;
    return n + Math.max(1, Math.ceil(text.length / Math.max(1, width)));
  }, 0);
  const fixed = 2 + modeLines; // title, Ctrl-c line, modes
  const twoColumns = list.length + fixed + 3 > height && width >= 60;
  const keyLines = twoColumns ? Math.ceil(list.length / 2) : list.length;
  // Blank lines between the parts only where they fit: an overflowing column box
  // squeezes its rows (Ink then garbles the first line) instead of cutting the last.
  let gaps = Math.max(0, Math.min(3, height - fixed - keyLines));
  const gap = (key: string) => (gaps-- > 0 ? <Text key={key}> </Text> : null);
  rows.push(gap('g1'));
  const cell = twoColumns ? Math.floor((width - 2) / 2) : width - 2;
  const keyWidth = 12;
  const entry = (b: KeyBinding) => (
    <Text key={b.command}>
      <Text bold color={colors.accent}>
        {pad(keysOf(b), keyWidth)}
      </Text>
      <Text>{pad(b.help, cell - keyWidth)}</Text>
    </Text>
  );
  if (twoColumns) {
    const half = Math.ceil(list.length / 2);
    for (let i = 0; i < half; i++) {
      rows.push(
        <Text key={`row${i}`} wrap="truncate">
          {'  '}
          {entry(list[i]!)}
          {list[i + half] ? entry(list[i + half]!) : null}
        </Text>,
      );
    }
  } else {
    for (const b of list) rows.push(<Text key={b.command} wrap="truncate">{'  '}{entry(b)}</Text>);
  }
  rows.push(gap('modes-gap'));
  for (const [mode, title] of OTHER_MODES) {
    rows.push(
      <Text key={mode} wrap="wrap">
        <Text bold>{title}: </Text>
        {KEYMAP[mode].map((b, i) => (
          <Text key={b.command}>
            {i > 0 ? <Text color={colors.muted}> · </Text> : null}
            <Text bold color={colors.accent}>
              {keysOf(b)}
            </Text>{' '}
            {b.help}
          </Text>
        ))}
      </Text>,
    );
  }
  rows.push(gap('gap-end'));
  rows.push(
    <Text key="ctrl-c" wrap="truncate">
      <Text bold color={colors.accent}>
        Ctrl-c
      </Text>{' '}
      quits at once; every decision is already stored.
    </Text>,
  );
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {rows.map((row, i) =>
        row === null ? null : (
          <Box key={i} flexShrink={0}>
            {row}
          </Box>
        ),
      )}
    </Box>
  );
}
