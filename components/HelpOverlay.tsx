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
  rows.push(<Text key="g1"> </Text>);
  const others = OTHER_MODES.length + 5;
  const twoColumns = list.length + others > height && width >= 60;
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
  rows.push(<Text key="modes-gap"> </Text>);
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
  rows.push(<Text key="gap-end"> </Text>);
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
      {rows}
    </Box>
  );
}
