import {createHash} from 'node:crypto';

/**
 * A finding's identity across edits (DESIGN.md "Fingerprint"): check id, path, the
 * enclosing scope's qualified name, the flagged node's text with white space
 * collapsed, and the occurrence index among findings sharing those four. Line numbers
 * are deliberately left out, so adding lines above a finding keeps its fingerprint.
 */
export function fingerprint(checkId: string, path: string, scope: string, text: string, occurrence: number): string {
  return createHash('sha256')
    .update(`${checkId}\0${path}\0${scope}\0${collapseWhitespace(text)}\0${occurrence}`)
    .digest('hex')
    .slice(0, 16);
}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Assigns occurrence indexes in order: the n-th finding with the same key gets n. */
export class OccurrenceCounter {
  private readonly counts = new Map<string, number>();
  next(key: string): number {
    const n = this.counts.get(key) ?? 0;
    this.counts.set(key, n + 1);
    return n;
  }
}
