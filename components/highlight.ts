/**
 * Splitting one source line into coloured segments from the highlight spans the scan
 * produced, escaping each piece for display.
 */
import {HIGHLIGHT_KINDS, type HighlightKind} from '../src/scan/highlight.js';
import {escapeControls} from '../src/report/safe-text.js';
import {lineOfOffset} from '../src/scan/lines.js';
import stringWidth from 'string-width';

export interface Segment {
  readonly text: string;
  readonly kind?: HighlightKind;
}

interface LineIndex {
  /** Start offset of each line. */
  readonly starts: readonly number[];
  /** Span indexes (into the flat span list) touching each line, built on demand. */
  readonly byLine: Map<number, number[]>;
  built: boolean;
}

const indexes = new WeakMap<readonly number[], LineIndex>();

function indexFor(spans: readonly number[], lines: readonly string[]): LineIndex {
  let idx = indexes.get(spans);
  if (!idx) {
    const starts: number[] = [];
    let at = 0;
    for (const l of lines) {
      starts.push(at);
      at += l.length + 1;
    }
    idx = {starts, byLine: new Map(), built: false};
    indexes.set(spans, idx);
  }
  if (!idx.built) {
    for (let i = 0; i < spans.length; i += 3) {
      const first = lineOfOffset(idx.starts, spans[i]!);
      const last = lineOfOffset(idx.starts, Math.max(spans[i]!, spans[i + 1]! - 1));
      for (let l = first; l <= last; l++) {
        const list = idx.byLine.get(l);
        if (list) list.push(i);
        else idx.byLine.set(l, [i]);
      }
    }
    idx.built = true;
  }
  return idx;
}

/**
 * Segments of line `row` (0-based), escaped for display, tabs expanded, cut to `cols`
 * columns. Without spans the line is one plain segment.
 */
export function lineSegments(lines: readonly string[], row: number, spans: readonly number[] | undefined, cols: number, tabWidth = 4): Segment[] {
  let raw = lines[row] ?? '';
  if (raw.endsWith('\r')) raw = raw.slice(0, -1);
  // Never measure more than can be shown (a 1 MB line).
  const limit = Math.max(0, cols) * 2 + 16;
  if (raw.length > limit) raw = raw.slice(0, limit);
  const kinds: (HighlightKind | undefined)[] = new Array(raw.length);
  if (spans && spans.length > 0) {
    const idx = indexFor(spans, lines);
    const lineStart = idx.starts[row] ?? 0;
    for (const i of idx.byLine.get(row) ?? []) {
      const kind = HIGHLIGHT_KINDS[spans[i + 2]!];
      const from = Math.max(0, spans[i]! - lineStart);
      const to = Math.min(raw.length, spans[i + 1]! - lineStart);
      for (let c = from; c < to; c++) kinds[c] = kind;
    }
  }
  const out: Segment[] = [];
  let col = 0;
  let i = 0;
  let consumed = 0;
  while (i < raw.length && col < cols) {
    const kind = kinds[i];
    let j = i + 1;
    while (j < raw.length && kinds[j] === kind) j++;
    let text = '';
    let k = i;
    for (const ch of raw.slice(i, j)) {
      if (col >= cols) break;
      if (ch === '\t') {
        const n = tabWidth - (col % tabWidth);
        text += ' '.repeat(n);
        col += n;
      } else {
        const shown = escapeControls(ch);
        text += shown;
        col += stringWidth(shown);
      }
      k += ch.length;
    }
    out.push(kind ? {text, kind} : {text});
    consumed = k;
    i = j;
  }
  const more = consumed < (lines[row]?.replace(/\r$/, '').length ?? 0);
  if (col <= cols && !more) return out;
  // Cut to cols - 1 columns and mark the cut.
  const cut: Segment[] = [];
  let width = 0;
  for (const seg of out) {
    let t = '';
    for (const ch of seg.text) {
      const cw = stringWidth(ch);
      if (width + cw > cols - 1) break;
      t += ch;
      width += cw;
    }
    if (t) cut.push({...seg, text: t});
    if (width >= cols - 1 || t.length < seg.text.length) break;
  }
  cut.push({text: '…'});
  return cut;
}
