/**
 * The rule catalogue and selection (`--select` / `--ignore` take ids, id prefixes and
 * theme names).
 */
import type {Check, Rule} from '../model/check.js';
import {isTheme} from '../model/finding.js';
import {CheckSet} from './engine.js';

export class Registry {
  readonly rules: readonly Rule[];
  private readonly byId = new Map<string, Rule>();

  constructor(readonly checks: readonly Check[]) {
    const rules = checks.flatMap(c => c.rules);
    rules.sort((a, b) => compareIds(a.id, b.id));
    this.rules = rules;
    for (const r of rules) this.byId.set(r.id, r);
  }

  rule(id: string): Rule | undefined {
    return this.byId.get(id.toUpperCase());
  }

  /** Unknown entries of a --select/--ignore list (neither an id, an id prefix nor a theme). */
  unknownSelectors(list: readonly string[]): string[] {
    return list.filter(s => !this.rules.some(r => matchesSelector(r, s)));
  }

  /** Compile the checks for a selection: empty `select` means everything. */
  checkSet(select: readonly string[] = [], ignore: readonly string[] = []): CheckSet {
    const enabled = (r: Rule) =>
      (select.length === 0 || select.some(s => matchesSelector(r, s))) && !ignore.some(s => matchesSelector(r, s));
    return new CheckSet(this.checks, enabled, this.rules);
  }
}

/** `B602` matches itself, `B6` every B6xx, `B` every Bandit rule, `input` every rule of that theme. */
export function matchesSelector(rule: Pick<Rule, 'id' | 'category'>, selector: string): boolean {
  const s = selector.trim();
  if (!s) return false;
  if (isTheme(s.toLowerCase())) return rule.category === s.toLowerCase();
  // B001 is Bandit's umbrella id for its blacklist: every B3xx/B4xx entry (B324 is a plugin, not an entry).
  if (s.toUpperCase() === 'B001') return /^B[34]\d\d$/.test(rule.id) && rule.id !== 'B324';
  return rule.id.startsWith(s.toUpperCase());
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
