/**
 * Width-aware text helpers for the TUI (columns, not UTF-16 units: CJK and emoji take two).
 * Each looks at no more of its input than it can show, so a 1 MB line costs what a short
 * one does.
 */
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

export function width(text: string): number {
  return stringWidth(text);
}

/**
 * How many UTF-16 units of a text can matter for `cols` columns: every character takes at
 * least one column except zero-width ones (combining marks), allowed a generous share.
 */
function reach(cols: number): number {
  return cols * 8 + 64;
}

/** Cut text to at most `cols` columns, ending with … when cut. */
export function truncate(text: string, cols: number): string {
  if (cols <= 0) return '';
  const limit = reach(cols);
  const sample = text.length > limit ? text.slice(0, limit) : text;
  if (sample === text && stringWidth(text) <= cols) return text;
  let out = '';
  let w = 0;
  for (const ch of sample) {
    const cw = stringWidth(ch);
    if (w + cw > cols - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

/** Cut text to at most `cols` columns from the left, starting with … when cut (for paths). */
export function truncateStart(text: string, cols: number): string {
  if (cols <= 0) return '';
  const limit = reach(cols);
  const sample = text.length > limit ? text.slice(text.length - limit) : text;
  if (sample === text && stringWidth(text) <= cols) return text;
  const chars = [...sample];
  let out = '';
  let w = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const cw = stringWidth(chars[i]!);
    if (w + cw > cols - 1) break;
    out = chars[i] + out;
    w += cw;
  }
  return `…${out}`;
}

/** Pad (or cut) text to exactly `cols` columns. */
export function pad(text: string, cols: number): string {
  const t = truncate(text, cols);
  return t + ' '.repeat(Math.max(0, cols - stringWidth(t)));
}

/** Wrap prose to lines of at most `cols` columns; with `maxLines`, only that many are made. */
export function wrap(text: string, cols: number, maxLines = Infinity): string[] {
  if (cols <= 0 || maxLines <= 0) return [];
  const limit = Number.isFinite(maxLines) ? reach(cols) * maxLines : Infinity;
  const cut = text.length > limit;
  const lines = wrapAnsi(cut ? text.slice(0, limit) : text, cols, {hard: true, trim: true}).split('\n');
  if (lines.length <= maxLines && !cut) return lines;
  const shown = lines.slice(0, maxLines);
  shown[shown.length - 1] = truncate(`${shown[shown.length - 1]}…`, cols);
  return shown;
}
