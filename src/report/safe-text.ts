/**
 * Everything pyvet shows from a reviewed file goes through here first. Terminal control
 * characters (C0, DEL, C1, hence every ESC/OSC/CSI sequence) become `\xHH`; Unicode bidi
 * controls and invisible characters (Trojan Source, CVE-2021-42574) become `<U+XXXX>`.
 * Nothing raw from a reviewed file reaches the terminal or a written report.
 */

const INVISIBLE = /[\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2028\u2029\u2060-\u2064\u2066-\u2069\u206A-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]/;
const UNSAFE_ALL =
  /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2028\u2029\u2060-\u2064\u2066-\u2069\u206A-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\t/g;

export interface EscapeOptions {
  /** Keep `\n` as a line break (default false: shown as `\x0a`). */
  readonly newlines?: boolean;
  /** Keep tabs (true), expand them to this many columns (number), or escape them (false, default). */
  readonly tabs?: boolean | number;
}

function hex2(code: number): string {
  return `\\x${code.toString(16).padStart(2, '0')}`;
}

function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch.length === 1 && code >= 0xd800 && code <= 0xdfff) return '<U+FFFD>';
  if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return hex2(code);
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** Make text safe to print: control and invisible characters become visible escapes. */
export function escapeControls(text: string, opts: EscapeOptions = {}): string {
  const tabs = opts.tabs ?? false;
  const out = text.replace(UNSAFE_ALL, ch => {
    if (ch === '\n' && opts.newlines) return ch;
    if (ch === '\t') {
      if (tabs === true) return ch;
      if (typeof tabs === 'number') return ch; // expanded below, column-aware
      return '\\t';
    }
    return escapeChar(ch);
  });
  return typeof tabs === 'number' && out.includes('\t') ? expandTabs(out, tabs) : out;
}

/** Expand tabs to the next multiple of `width` columns, line by line. */
export function expandTabs(text: string, width: number): string {
  return text
    .split('\n')
    .map(line => {
      if (!line.includes('\t')) return line;
      let col = 0;
      let out = '';
      for (const ch of line) {
        if (ch === '\t') {
          const n = width - (col % width);
          out += ' '.repeat(n);
          col += n;
        } else {
          out += ch;
          col++;
        }
      }
      return out;
    })
    .join('\n');
}

/** Whether text contains anything escapeControls would change (tabs and newlines aside). */
export function hasUnsafe(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/.test(text) || INVISIBLE.test(text);
}

/**
 * The first `units` UTF-16 units of a text, without splitting a surrogate pair, and with
 * `…` when something was cut: what a display of limited width needs from a 1 MB line.
 */
export function clip(text: string, units: number): string {
  if (text.length <= units) return text;
  let end = Math.max(0, units);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * A source line as the TUI shows it: tabs expanded, a trailing CR dropped, the rest escaped.
 * With `maxColumns`, only the part of the line that can fill that many columns is escaped
 * (every character takes at least a column; zero-width ones are allowed for generously).
 */
export function displayLine(line: string, tabWidth = 4, maxColumns?: number): string {
  let l = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (maxColumns !== undefined) l = clip(l, Math.max(0, maxColumns) * 8 + 64);
  return escapeControls(l, {tabs: tabWidth});
}

// Characters JSON.stringify leaves raw that must not reach a terminal or an editor raw:
// DEL, C1 controls, bidi and invisible characters (JSON already escapes C0 and lone surrogates).
const JSON_UNSAFE =
  /[\u007F-\u009F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2028\u2029\u2060-\u2064\u2066-\u2069\u206A-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]/g;

/**
 * JSON text with every control, bidi and invisible character written as a `\uXXXX` escape:
 * a JSON reader gets the exact text back, while the file itself holds nothing that a
 * terminal (`cat report.json`) or an editor would interpret.
 */
export function escapeJsonText(json: string): string {
  return json.replace(JSON_UNSAFE, ch => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
