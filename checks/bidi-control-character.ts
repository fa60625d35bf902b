import {defineCheck} from '../src/model/check.js';
import type {SyntaxNode} from '../src/scan/syntax.js';

/** The characters Bandit looks for, in its order (U+200E LEFT-TO-RIGHT MARK is not one of them). */
const BIDI: readonly [string, string][] = [
  ['\u202a', 'LEFT-TO-RIGHT EMBEDDING'],
  ['\u202b', 'RIGHT-TO-LEFT EMBEDDING'],
  ['\u202c', 'POP DIRECTIONAL FORMATTING'],
  ['\u202d', 'LEFT-TO-RIGHT OVERRIDE'],
  ['\u202e', 'RIGHT-TO-LEFT OVERRIDE'],
  ['\u2066', 'LEFT-TO-RIGHT ISOLATE'],
  ['\u2067', 'RIGHT-TO-LEFT ISOLATE'],
  ['\u2068', 'FIRST STRONG ISOLATE'],
  ['\u2069', 'POP DIRECTIONAL ISOLATE'],
  ['\u200f', 'RIGHT-TO-LEFT MARK'],
];
const ANY_BIDI = /[\u202a-\u202e\u2066-\u2069\u200f]/;
/** Where Python's str.splitlines() breaks a line. */
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/g;
const STRING_PARTS = new Set(['string_start', 'string_content', 'string_end', 'escape_sequence', 'escape_interpolation', 'interpolation']);

/** The node to show: the comment or whole string literal holding the character, else the smallest node there. */
function holder(root: SyntaxNode, index: number): SyntaxNode {
  let n = root.namedDescendantForIndex(index);
  if (STRING_PARTS.has(n.type) || n.parent?.type === 'interpolation') {
    let s: SyntaxNode | null = n;
    while (s && s.type !== 'string') s = s.parent;
    if (s) n = s.parent?.type === 'concatenated_string' ? s.parent : s;
  }
  return n;
}

export default defineCheck({
  id: 'B613',
  slug: 'bidi-control-character',
  title: 'bidirectional control character in source',
  category: 'input',
  severity: 'high',
  confidence: 'medium',
  cwe: 838,
  perFile: true,
  banditName: 'trojansource',
  docs: {
    what:
      'Finds Unicode bidirectional control characters (embeddings, overrides, isolates and the right-to-left mark) anywhere ' +
      'in a file: code, strings or comments. One finding per file, on the first line that has one.',
    why:
      'These invisible characters reorder how text is displayed, so an editor or a code review can show something other ' +
      'than what Python runs: a comment that seems to end before a statement, or a string that hides code ("Trojan Source", CVE-2021-42574).',
    example: 'if access_level != "user<U+202E> <U+2066># Check if admin<U+2069> <U+2066>":  (displayed as if the comparison ended before the comment)',
    fix: 'Delete the characters. If right-to-left text is really needed in a string, write it with \\u escapes so that it is visible in the source.',
    differences:
      'Same characters and line as Bandit (lines counted as Python\'s splitlines() counts them); a # nosec on the reported ' +
      'line or on line 1 of the file suppresses it, as in Bandit. Bandit skips files that do not ' +
      'parse; pyvet still reports, since these characters in code are themselves a reason a file may fail to parse.',
    references: ['https://trojansource.codes/'],
  },
  visit: {
    module(node, ctx) {
      const src = ctx.source;
      const found = ANY_BIDI.exec(src);
      if (!found) return;
      const index = found.index;
      let line = 1;
      let lineStart = 0;
      LINE_BREAK.lastIndex = 0;
      for (let b = LINE_BREAK.exec(src); b && b.index < index; b = LINE_BREAK.exec(src)) {
        line++;
        lineStart = b.index + b[0].length;
      }
      LINE_BREAK.lastIndex = index;
      const end = LINE_BREAK.exec(src);
      const text = src.slice(lineStart, end ? end.index : src.length);
      const [ch, name] = BIDI.find(([c]) => text.includes(c))!;
      const column = [...text.slice(0, text.indexOf(ch))].length + 1;
      const code = ch.codePointAt(0)!.toString(16).toUpperCase();
      ctx.report(holder(node, lineStart + text.indexOf(ch)), {
        at: {line, column},
        nosecLines: [1],
        message: `the file contains the invisible bidirectional control character U+${code} ${name}`,
      });
    },
  },
});
