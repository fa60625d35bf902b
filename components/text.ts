/**
 * Width-aware text helpers for the TUI (columns, not UTF-16 units: CJK and emoji take two).
 */
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

export function width(text: string): number {
  return stringWidth(text);
}

/** Cut text to at most `cols` columns, ending with … when cut. */
export function truncate(text: string, cols: number): string {
  if (cols <= 0) return '';
  if (stringWidth(text) <= cols) return text;
  let out = '';
  let w = 0;
  for (const ch of text) {
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
  if (stringWidth(text) <= cols) return text;
  const chars = [...text];
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

/** Wrap prose to lines of at most `cols` columns. */
export function wrap(text: string, cols: number): string[] {
  if (cols <= 0) return [];
  return wrapAnsi(text, cols, {hard: true, trim: true}).split('\n');
}
