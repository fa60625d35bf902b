import {Box, Text} from 'ink';
import React from 'react';
import {colors} from './theme.js';

export interface ScanningProps {
  readonly done: number;
  readonly total: number;
  readonly what: string;
  readonly width: number;
}

/** The first screen while files are scanned: a progress bar and counts. */
export function Scanning({done, total, what, width}: ScanningProps) {
  const barWidth = Math.max(10, Math.min(50, width - 30));
  const filled = total > 0 ? Math.round((done / total) * barWidth) : 0;
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Text bold color={colors.accent}>
          pyvet
        </Text>{' '}
        scanning {what}
      </Text>
      <Text> </Text>
      <Text>
        <Text color={colors.accent}>{'█'.repeat(filled)}</Text>
        <Text color={colors.muted}>{'░'.repeat(barWidth - filled)}</Text>{' '}
        {total > 0 ? `${done}/${total} files` : 'finding files…'}
      </Text>
    </Box>
  );
}
