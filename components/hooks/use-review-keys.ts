import {useInput, type Key} from 'ink';
import {commandFor, type Command} from '../../src/review/keymap.js';
import type {ReviewAction, ReviewState} from '../../src/review/session.js';
import type {ReviewEffects} from '../../src/review/controller.js';
import {DISMISS_REASONS} from '../../src/model/finding.js';
import {markKey} from '../../src/timing.js';

/** The key name the key map uses for an Ink key press. */
export function keyName(input: string, key: Key): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.pageDown) return 'pagedown';
  if (key.pageUp) return 'pageup';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'esc';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
  return input;
}

function actionFor(command: Command): ReviewAction | null {
  switch (command) {
    case 'move-down':
      return {type: 'move', by: 1};
    case 'move-up':
      return {type: 'move', by: -1};
    case 'first':
      return {type: 'move-to', where: 'first'};
    case 'last':
      return {type: 'move-to', where: 'last'};
    case 'page-down':
      return {type: 'move-page', by: 1};
    case 'page-up':
      return {type: 'move-page', by: -1};
    case 'accept':
      return {type: 'accept'};
    case 'dismiss':
      return {type: 'start-dismiss'};
    case 'reset':
      return {type: 'reset'};
    case 'note':
      return {type: 'start-note'};
    case 'undo':
      return {type: 'undo'};
    case 'redo':
      return {type: 'redo'};
    case 'help':
    case 'close-help':
      return {type: 'toggle-help'};
    case 'quit':
      return {type: 'request-quit'};
    case 'reason-1':
    case 'reason-2':
    case 'reason-3':
    case 'reason-4':
      return {type: 'dismiss', reason: DISMISS_REASONS[Number(command.slice(-1)) - 1]!};
    case 'cancel':
      return {type: 'cancel'};
    case 'keep-note':
      return {type: 'commit-note'};
    case 'quit-discard':
      return {type: 'confirm-quit'};
    case 'next-pending':
      return {type: 'next-pending', by: 1};
    case 'previous-pending':
      return {type: 'next-pending', by: -1};
    case 'next-file':
      return {type: 'next-file', by: 1};
    case 'previous-file':
      return {type: 'next-file', by: -1};
    case 'decision-filter':
      return {type: 'cycle-decision-filter'};
    case 'severity-filter':
      return {type: 'cycle-severity-filter'};
    case 'search':
      return {type: 'start-search'};
    case 'check-filter':
      return {type: 'start-check-filter'};
    case 'clear-filters':
      return {type: 'clear-filters'};
    case 'group':
      return {type: 'toggle-grouping'};
    case 'order':
      return {type: 'toggle-order'};
    case 'zoom':
      return {type: 'toggle-zoom'};
    case 'save':
    case 'quit-save':
    case 'edit':
      return null; // effects
  }
}

/** Printable text typed into the note editor (no control characters). */
function printable(input: string): string {
  // eslint-disable-next-line no-control-regex
  return input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}

/** The only place that reads raw keys: key → command (per mode) → action or effect. */
export function useReviewKeys(getState: () => ReviewState, dispatch: (a: ReviewAction) => void, effects: ReviewEffects): void {
  const save = () => {
    try {
      const path = effects.save(getState());
      dispatch({type: 'saved', path});
      return true;
    } catch (err) {
      dispatch({type: 'set-message', message: `could not save: ${(err as Error).message}`});
      return false;
    }
  };
  const edit = () => {
    if (!effects.edit) {
      dispatch({type: 'set-message', message: 'editing is not available here'});
      return;
    }
    effects.edit(getState()).then(
      action => dispatch(action ?? {type: 'set-message', message: 'nothing to edit'}),
      (err: Error) => dispatch({type: 'set-message', message: `could not run the editor: ${err.message}`}),
    );
  };
  const handle = (name: string, input: string, ctrlOrMeta: boolean) => {
    // Read the latest state: several keys can arrive before the screen redraws.
    const mode = getState().mode;
    const command = commandFor(mode, name);
    if (!command) {
      if (mode === 'note' || mode === 'search' || mode === 'check-filter') {
        if (name === 'backspace') dispatch({type: 'delete-char'});
        else if (!ctrlOrMeta) {
          const text = printable(input);
          if (text) dispatch({type: 'type-text', text});
        }
      }
      return;
    }
    if (command === 'save') {
      save();
      return;
    }
    if (command === 'quit-save') {
      if (save()) dispatch({type: 'confirm-quit'});
      return;
    }
    if (command === 'edit') {
      edit();
      return;
    }
    const action = actionFor(command);
    if (action) dispatch(action);
  };
  useInput((input, key) => {
    markKey();
    // Fast typing and pasting deliver several characters at once: take them one by one,
    // so that "text⏎" types the text and then keeps the note.
    const plain = !key.ctrl && !key.meta && !key.escape && !input.startsWith('\u001b');
    if (plain && [...input].length > 1) {
      for (const ch of input) {
        if (ch === '\r' || ch === '\n') handle('enter', '', false);
        else if (ch === '\u007f' || ch === '\b') handle('backspace', '', false);
        else handle(ch, ch, false);
      }
      return;
    }
    handle(keyName(input, key), input, key.ctrl || key.meta);
  });
}
