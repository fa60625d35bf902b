import {Box, Text, useApp} from 'ink';
import React, {useEffect, useMemo} from 'react';
import type {Rule} from '../src/model/check.js';
import type {ReviewEffects} from '../src/review/controller.js';
import {counts, decisionOf, selectedIndex, visibleItems, type ReviewState} from '../src/review/session.js';
import {clip, escapeControls} from '../src/report/safe-text.js';
import {markReviewShown} from '../src/timing.js';
import {FindingDetail} from './FindingDetail.js';
import {FindingList} from './FindingList.js';
import {Header} from './Header.js';
import {HelpOverlay} from './HelpOverlay.js';
import {KeyHelp} from './KeyHelp.js';
import {useReviewKeys} from './hooks/use-review-keys.js';
import {useReviewState} from './hooks/use-review-state.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {colors} from './theme.js';
import {truncate} from './text.js';

export interface AppProps {
  readonly initial: ReviewState;
  readonly effects: ReviewEffects;
  readonly rule: (id: string) => Rule | undefined;
  readonly contextLines?: number;
  /** Fixed size for tests; the real terminal's size otherwise. */
  readonly size?: {columns: number; rows: number};
}

const sourceCache = new Map<string, {source: string; lines: string[]}>();

function linesOf(absPath: string, source: string | undefined): string[] | undefined {
  if (source === undefined) return undefined;
  const hit = sourceCache.get(absPath);
  if (hit && hit.source === source) return hit.lines;
  const lines = source.split('\n');
  sourceCache.set(absPath, {source, lines});
  return lines;
}

/** The end of a note being typed (the status line shows its end, where the cursor is). */
function draftTail(draft: string, units: number): string {
  if (draft.length <= units) return draft;
  let start = draft.length - units;
  const first = draft.charCodeAt(start);
  if (first >= 0xdc00 && first <= 0xdfff) start++;
  return `…${draft.slice(start)}`;
}

/** The review screen: header, finding list, detail, status and keys. Composition only. */
export function App({initial, effects, rule, contextLines = 2, size: fixedSize}: AppProps) {
  const {exit} = useApp();
  const terminal = useTerminalSize();
  const size = fixedSize ?? terminal;
  const [state, dispatch, getState] = useReviewState(initial, effects);
  useReviewKeys(getState, dispatch, effects);
  useEffect(() => {
    if (state.quitting) exit();
  }, [state.quitting, exit]);
  useEffect(() => markReviewShown(), []);

  const cols = Math.max(40, size.columns);
  const rows = Math.max(12, size.rows);
  const wide = cols >= 120;
  const bodyHeight = rows - 4; // header, status line, keys; the last row stays free
  const listHeight = wide ? bodyHeight : Math.max(3, Math.min(Math.round(bodyHeight * 0.3), bodyHeight - 8));
  const detailHeight = wide ? bodyHeight : bodyHeight - listHeight - 1;
  const listWidth = wide ? Math.floor(cols * 0.45) : cols;
  const detailWidth = wide ? cols - listWidth - 3 : cols;

  useEffect(() => {
    dispatch({type: 'set-page-size', rows: listHeight});
  }, [listHeight, dispatch]);

  const visible = visibleItems(state);
  const index = selectedIndex(state);
  const item = visible[index];
  const file = item ? state.files[item.file] : undefined;
  const sourceLines = useMemo(() => (file ? linesOf(file.absPath, file.source) : undefined), [file]);
  const title =
    state.files.length === 1 ? state.files[0]!.path : `${state.files.length} files`;

  if (state.mode === 'help') {
    return (
      <Box flexDirection="column" width={cols} height={rows - 1}>
        <HelpOverlay width={cols} height={rows - 1} />
      </Box>
    );
  }

  const list = (
    <FindingList
      items={visible}
      selected={index}
      decisionOf={key => decisionOf(state, key)}
      width={listWidth}
      height={listHeight}
      group={state.view.group}
      files={state.files}
    />
  );
  const detail = item ? (
    <FindingDetail
      finding={item.finding}
      decision={decisionOf(state, item.key)}
      rule={rule(item.finding.checkId)}
      sourceLines={sourceLines}
      highlights={file?.highlights}
      contextLines={state.zoom ? Math.max(contextLines, 6) : contextLines}
      zoomed={state.zoom}
      width={state.zoom ? cols : detailWidth}
      height={state.zoom ? bodyHeight : detailHeight}
    />
  ) : (
    <Box height={state.zoom ? bodyHeight : detailHeight} width={detailWidth}>
      <Text dimColor>{state.items.length === 0 ? 'No findings: nothing to review.' : ' '}</Text>
    </Box>
  );

  let status: React.ReactNode;
  if (state.mode === 'search' || state.mode === 'check-filter') {
    status = (
      <Text wrap="truncate-start">
        <Text bold color={colors.accent}>
          {state.mode === 'search' ? '/' : 'check or theme: '}
        </Text>
        {escapeControls(state.draft)}
        <Text inverse> </Text>
        <Text color={colors.muted}> {visible.length} shown</Text>
      </Text>
    );
  } else if (state.mode === 'note') {
    status = (
      <Text wrap="truncate-start">
        <Text bold color={colors.message}>
          Note:{' '}
        </Text>
        {escapeControls(draftTail(state.draft, cols * 8 + 64))}
        <Text inverse> </Text>
      </Text>
    );
  } else if (state.mode === 'confirm-quit') {
    status = <Text bold>Unsaved changes. Save the review before quitting?</Text>;
  } else if (state.mode === 'dismiss' && item) {
    status = (
      <Text bold wrap="truncate">
        Dismiss {item.finding.checkId} at line {item.finding.line} as:
      </Text>
    );
  } else if (state.message) {
    status = <Text color={colors.message}>{truncate(escapeControls(clip(state.message, cols * 8 + 64)), cols)}</Text>;
  } else if (item) {
    const pos = `${index + 1}/${visible.length}`;
    status = (
      <Text color={colors.muted} wrap="truncate">
        {pos} · {escapeControls(item.finding.path)}:{item.finding.line}
      </Text>
    );
  } else {
    status = <Text> </Text>;
  }

  return (
    <Box flexDirection="column" width={cols} height={rows - 1}>
      <Header title={title} counts={counts(state)} filters={state.filters} visible={visible.length} dirty={state.dirty} width={cols} />
      {state.zoom ? (
        detail
      ) : wide ? (
        <Box height={bodyHeight}>
          {list}
          <Box width={3} flexDirection="column">
            <Text color={colors.muted}>{' │\n'.repeat(bodyHeight).trimEnd()}</Text>
          </Box>
          {detail}
        </Box>
      ) : (
        <>
          {list}
          <Text color={colors.muted}>{'─'.repeat(cols)}</Text>
          {detail}
        </>
      )}
      <Box width={cols}>{status}</Box>
      <KeyHelp mode={state.mode} width={cols} />
    </Box>
  );
}
