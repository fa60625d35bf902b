import {Box, Text} from 'ink';
import React from 'react';
import {displayKey, KEYMAP} from '../src/review/keymap.js';
import type {Mode} from '../src/review/session.js';
import {colors} from './theme.js';

export interface KeyHelpProps {
  readonly mode: Mode;
  readonly width: number;
}


/** The keys that apply now, from the same table the key handler uses. */
export function KeyHelp({mode, width}: KeyHelpProps) {
  const entries = KEYMAP[mode].filter(b => b.footer);
  return (
    <Box width={width}>
      <Text wrap="truncate">
        {entries.map((b, i) => (
          <Text key={b.command}>
            {i > 0 ? <Text>{'  '}</Text> : null}
            <Text bold color={colors.accent}>
              {b.keys.slice(0, mode === 'list' ? 1 : 2).map(displayKey).join('/')}
            </Text>
            <Text> {b.short ?? b.help}</Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
}
