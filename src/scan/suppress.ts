/**
 * Suppression comments (DESIGN.md "Suppression"):
 *   # nosec                      everything on the statement
 *   # nosec B602, B603 / B602,B603   only those ids (every listed id counts)
 *   # pyvet: ignore[R701,B105]   pyvet's own spelling; `# pyvet: ignore` is everything
 *   ... -- reason                text after ` -- ` is kept as the reason
 * Tokens shaped like an id (letters then digits) that name no known check suppress
 * nothing and produce a warning; words that are neither ids nor check names are free
 * text, so `# nosec reviewed by bob` is a blanket suppression.
 */

export interface Directive {
  readonly line: number;
  /** null: everything. */
  readonly ids: ReadonlySet<string> | null;
  readonly reason?: string;
  readonly unknown: readonly string[];
}

export interface RuleNames {
  /** Canonical id for an id (case-insensitive) or a Bandit check name, if known. */
  lookup(token: string): string | undefined;
}

const NOSEC = /#\s*nosec\b:?(.*)$/;
const PYVET = /#\s*pyvet:\s*ignore(?:\[([^\]]*)\])?(.*)$/i;
/** Looks like a check id (perhaps misspelt): a letter, then letters and digits with at least one digit. */
const ID_SHAPE = /^(?=.*\d)[A-Za-z][A-Za-z0-9]{2,5}$/;

function splitReason(rest: string): {idText: string; reason?: string} {
  const i = rest.indexOf(' -- ');
  const j = rest.startsWith('-- ') ? 0 : -1;
  const at = j === 0 ? 0 : i;
  if (at < 0) {
    // An inner `#` ends the id text, as in Bandit.
    const hash = rest.indexOf('#');
    return {idText: hash >= 0 ? rest.slice(0, hash) : rest};
  }
  const reason = rest.slice(at + (j === 0 ? 3 : 4)).trim();
  return {idText: rest.slice(0, at), reason: reason || undefined};
}

/** Parse one comment's text (starting at `#`). */
export function parseDirective(comment: string, line: number, names: RuleNames): Directive | null {
  const p = PYVET.exec(comment);
  if (p) {
    const {reason} = splitReason(p[2] ?? '');
    if (p[1] === undefined) return {line, ids: null, reason, unknown: []};
    const ids = new Set<string>();
    const unknown: string[] = [];
    for (const tok of p[1].split(/[\s,]+/).filter(Boolean)) {
      const id = names.lookup(tok);
      if (id) ids.add(id);
      else unknown.push(tok);
    }
    return {line, ids, reason, unknown};
  }
  const m = NOSEC.exec(comment);
  if (!m) return null;
  const {idText, reason} = splitReason(m[1] ?? '');
  const tokens = idText.match(/[A-Za-z0-9_]+/g) ?? [];
  const ids = new Set<string>();
  const unknown: string[] = [];
  let restricted = false;
  const words: string[] = [];
  for (const tok of tokens) {
    const id = names.lookup(tok);
    if (id) {
      ids.add(id);
      restricted = true;
    } else if (ID_SHAPE.test(tok)) {
      unknown.push(tok);
      restricted = true;
    } else words.push(tok);
  }
  const freeText = words.length > 0 && !reason ? words.join(' ') : reason;
  return {line, ids: restricted ? ids : null, reason: freeText, unknown};
}

/** The directives of a file, by line. */
export class Suppressions {
  private readonly byLine = new Map<number, Directive>();

  add(d: Directive): void {
    const prev = this.byLine.get(d.line);
    if (!prev) {
      this.byLine.set(d.line, d);
      return;
    }
    // Two directives on one line (`# nosec B602 # pyvet: ignore[R701]`): merge.
    const ids = prev.ids === null || d.ids === null ? null : new Set([...prev.ids, ...d.ids]);
    this.byLine.set(d.line, {line: d.line, ids, reason: prev.reason ?? d.reason, unknown: [...prev.unknown, ...d.unknown]});
  }

  get size(): number {
    return this.byLine.size;
  }

  directives(): Directive[] {
    return [...this.byLine.values()].sort((a, b) => a.line - b.line);
  }

  /** The directive that suppresses `id` anywhere on lines first..last, if any. */
  match(id: string, first: number, last: number): Directive | undefined {
    if (this.byLine.size === 0) return undefined;
    for (let l = first; l <= last; l++) {
      const d = this.byLine.get(l);
      if (d && (d.ids === null || d.ids.has(id))) return d;
    }
    return undefined;
  }
}
