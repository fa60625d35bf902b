/**
 * The keyboard, as data: per mode, which keys run which command, with the help text the
 * footer and the `?` screen show. components/hooks/use-review-keys.ts is the only place
 * that reads raw key presses; it turns them into the key names used here.
 */
import {DISMISS_REASONS, DISMISS_REASON_LABELS} from '../model/finding.js';
import type {Mode} from './session.js';

export type Command =
  | 'move-down'
  | 'move-up'
  | 'first'
  | 'last'
  | 'page-down'
  | 'page-up'
  | 'accept'
  | 'dismiss'
  | 'reset'
  | 'note'
  | 'undo'
  | 'redo'
  | 'save'
  | 'help'
  | 'quit'
  | 'reason-1'
  | 'reason-2'
  | 'reason-3'
  | 'reason-4'
  | 'cancel'
  | 'keep-note'
  | 'close-help'
  | 'quit-save'
  | 'quit-discard'
  | 'next-pending'
  | 'previous-pending'
  | 'next-file'
  | 'previous-file'
  | 'decision-filter'
  | 'severity-filter'
  | 'search'
  | 'check-filter'
  | 'clear-filters'
  | 'group'
  | 'order'
  | 'zoom'
  | 'edit';

export interface KeyBinding {
  readonly command: Command;
  /** Key names: a character, or up/down/pageup/pagedown/home/end/enter/esc/tab/shift+tab/ctrl+<c>. */
  readonly keys: readonly string[];
  /** Shown in the footer and the help screen. */
  readonly help: string;
  /** Shown in the footer (the help screen shows every binding). */
  readonly footer?: boolean;
  /** The footer's shorter label (defaults to `help`). */
  readonly short?: string;
}

const reasonBindings: KeyBinding[] = DISMISS_REASONS.map((r, i) => ({
  command: `reason-${i + 1}` as Command,
  keys: [String(i + 1)],
  help: DISMISS_REASON_LABELS[r],
  footer: true,
}));

export const KEYMAP: Readonly<Record<Mode, readonly KeyBinding[]>> = {
  list: [
    {command: 'move-down', keys: ['j', 'down'], help: 'next finding', footer: true, short: 'next'},
    {command: 'move-up', keys: ['k', 'up'], help: 'previous finding'},
    {command: 'first', keys: ['g', 'home'], help: 'first finding'},
    {command: 'last', keys: ['G', 'end'], help: 'last finding'},
    {command: 'page-down', keys: ['pagedown', 'ctrl+d'], help: 'page down'},
    {command: 'page-up', keys: ['pageup', 'ctrl+u'], help: 'page up'},
    {command: 'next-pending', keys: [']'], help: 'next pending finding'},
    {command: 'previous-pending', keys: ['['], help: 'previous pending finding'},
    {command: 'next-file', keys: ['tab'], help: 'next file'},
    {command: 'previous-file', keys: ['shift+tab'], help: 'previous file'},
    {command: 'accept', keys: ['a'], help: 'accept (a problem to fix)', footer: true, short: 'accept'},
    {command: 'dismiss', keys: ['d'], help: 'dismiss with a reason', footer: true, short: 'dismiss'},
    {command: 'reset', keys: ['r'], help: 'back to pending', footer: true, short: 'pending'},
    {command: 'note', keys: ['n'], help: 'write or edit the note', footer: true, short: 'note'},
    {command: 'undo', keys: ['u'], help: 'undo', footer: true},
    {command: 'redo', keys: ['ctrl+r'], help: 'redo'},
    {command: 'search', keys: ['/'], help: 'search text'},
    {command: 'decision-filter', keys: ['f'], help: 'filter: all/pending/…'},
    {command: 'severity-filter', keys: ['v'], help: 'filter: minimum severity'},
    {command: 'check-filter', keys: ['c'], help: 'filter: check id or theme'},
    {command: 'clear-filters', keys: ['x'], help: 'clear all filters'},
    {command: 'group', keys: ['t'], help: 'group by file / theme'},
    {command: 'order', keys: ['o'], help: 'sort by location / severity'},
    {command: 'zoom', keys: ['z', 'enter'], help: 'full-screen detail'},
    {command: 'edit', keys: ['e'], help: 'open $EDITOR at the line'},
    {command: 'save', keys: ['s'], help: 'save the Markdown review', footer: true, short: 'save'},
    {command: 'help', keys: ['?'], help: 'help (this screen)', footer: true, short: 'help'},
    {command: 'quit', keys: ['q'], help: 'quit (asks to save)', footer: true, short: 'quit'},
  ],
  dismiss: [...reasonBindings, {command: 'cancel', keys: ['esc'], help: 'cancel', footer: true}],
  note: [
    {command: 'keep-note', keys: ['enter'], help: 'keep the note', footer: true},
    {command: 'cancel', keys: ['esc'], help: 'cancel', footer: true},
  ],
  search: [
    {command: 'keep-note', keys: ['enter'], help: 'keep the filter', footer: true},
    {command: 'cancel', keys: ['esc'], help: 'cancel', footer: true},
  ],
  'check-filter': [
    {command: 'keep-note', keys: ['enter'], help: 'keep the filter', footer: true},
    {command: 'cancel', keys: ['esc'], help: 'cancel', footer: true},
  ],
  help: [{command: 'close-help', keys: ['?', 'esc', 'q'], help: 'close help', footer: true}],
  'confirm-quit': [
    {command: 'quit-save', keys: ['y'], help: 'save and quit', footer: true},
    {command: 'quit-discard', keys: ['n'], help: 'quit without saving', footer: true},
    {command: 'cancel', keys: ['esc', 'c'], help: 'keep reviewing', footer: true},
  ],
};

/** The command bound to a key name in a mode, if any. */
export function commandFor(mode: Mode, key: string): Command | undefined {
  for (const b of KEYMAP[mode]) if (b.keys.includes(key)) return b.command;
  return undefined;
}

/** How a key name is shown to the user. */
export function displayKey(key: string): string {
  switch (key) {
    case 'down':
      return '↓';
    case 'up':
      return '↑';
    case 'pagedown':
      return 'PgDn';
    case 'pageup':
      return 'PgUp';
    case 'enter':
      return 'Enter';
    case 'esc':
      return 'Esc';
    case 'home':
      return 'Home';
    case 'end':
      return 'End';
    case 'tab':
      return 'Tab';
    case 'shift+tab':
      return 'Shift-Tab';
    default:
      return key.startsWith('ctrl+') ? `Ctrl-${key.slice(5)}` : key;
  }
}
