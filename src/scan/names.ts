/**
 * Name resolution as Bandit does it (bandit-parity.md §2): a file-global alias table
 * and a list of imported modules, both updated as the walk reaches import statements,
 * with no scoping. Only the leftmost identifier of a dotted callee is ever rewritten.
 */
import {unwrap, type SyntaxNode} from './syntax.js';

/** One name bound or imported by an import statement. */
export interface ImportedName {
  /** What the statement imports: `a.b` for `import a.b`, `m.y` for `from m import y`. */
  readonly candidate: string;
  /** The name as written in the statement (`y`, `a.b`). */
  readonly written: string;
  /** The local alias, when it binds one (`as x`). */
  readonly asName?: string;
  /** For `from X import y`: X with leading dots dropped ('' for `from . import y`). */
  readonly fromModule?: string;
  readonly node: SyntaxNode;
}

/** A dotted name as Python reads it (`a . b` is `a.b`). */
function dotted(n: SyntaxNode | null): string {
  return (n?.text ?? '').replace(/\s+/g, '');
}

const DOTTED = /^[\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*$/u;

/** What an import statement imports, in order (see the candidate table of §2.5). */
export function importedNames(stmt: SyntaxNode): ImportedName[] {
  const out: ImportedName[] = [];
  if (stmt.type === 'import_statement') {
    for (const n of stmt.childrenForFieldName('name')) {
      if (n.type === 'aliased_import') {
        const name = dotted(n.childForFieldName('name'));
        out.push({candidate: name, written: name, asName: n.childForFieldName('alias')?.text, node: n});
      } else {
        const name = dotted(n);
        out.push({candidate: name, written: name, node: n});
      }
    }
    return out;
  }
  if (stmt.type === 'import_from_statement' || stmt.type === 'future_import_statement') {
    let module = '__future__';
    if (stmt.type === 'import_from_statement') {
      const m = stmt.childForFieldName('module_name');
      if (!m) return out;
      if (m.type === 'relative_import') {
        const dotted = m.namedChildren.find(c => c.type === 'dotted_name');
        module = dotted ? dotted.text : '';
      } else module = m.text;
    }
    module = module.replace(/\s+/g, '');
    const wildcard = stmt.namedChildren.find(c => c.type === 'wildcard_import');
    if (wildcard) {
      out.push({candidate: `${module}.*`, written: '*', asName: '*', fromModule: module, node: wildcard});
      return out;
    }
    for (const n of stmt.childrenForFieldName('name')) {
      let name: string;
      let asName: string | undefined;
      if (n.type === 'aliased_import') {
        name = dotted(n.childForFieldName('name'));
        asName = n.childForFieldName('alias')?.text;
      } else name = dotted(n);
      out.push({candidate: module ? `${module}.${name}` : name, written: name, asName, fromModule: module, node: n});
    }
  }
  return out;
}

export class NameTable {
  private readonly aliases = new Map<string, string>();
  private readonly seen: string[] = [];
  private readonly seenSet = new Set<string>();

  /** Record an import statement reached by the walk. */
  addImport(stmt: SyntaxNode): ImportedName[] {
    const names = importedNames(stmt);
    for (const n of names) {
      if (n.fromModule !== undefined) {
        // from M import y [as z]: alias (z or y) -> M.y; `from . import y` adds no alias unless `as`.
        if (n.fromModule === '') {
          if (n.asName) this.aliases.set(n.asName, n.written);
        } else this.aliases.set(n.asName ?? n.written, n.candidate);
      } else if (n.asName) {
        this.aliases.set(n.asName, n.written);
      }
      if (!this.seenSet.has(n.candidate)) {
        this.seenSet.add(n.candidate);
        this.seen.push(n.candidate);
      }
    }
    return names;
  }

  /** imported-exact(M): M is one of the imported strings so far. */
  importedExact(module: string): boolean {
    return this.seenSet.has(module);
  }

  /** imported-like(M): M is a substring of one of the imported strings so far. */
  importedLike(module: string): boolean {
    for (const s of this.seen) if (s.includes(module)) return true;
    return false;
  }

  /** Every imported string so far, in order. */
  imports(): readonly string[] {
    return this.seen;
  }

  alias(name: string): string | undefined {
    return this.aliases.get(name);
  }

  /** resolve() of a dotted name already read from the source: the leftmost part alias-rewritten. */
  resolveDotted(dotted: string): string {
    const dot = dotted.indexOf('.');
    const head = dot < 0 ? dotted : dotted.slice(0, dot);
    const mapped = this.aliases.get(head);
    if (mapped === undefined) return dotted;
    return dot < 0 ? mapped : mapped + dotted.slice(dot);
  }

  /** resolve(e) of §2.3: dotted name with the leftmost identifier alias-rewritten; '' otherwise. */
  resolve(expr: SyntaxNode | null): string {
    const e = unwrap(expr);
    if (!e) return '';
    if (e.type === 'identifier') {
      const t = e.text;
      return this.aliases.get(t) ?? t;
    }
    if (e.type !== 'attribute') return '';
    // Fast path: a plain dotted chain written without spaces or comments.
    const text = e.text;
    if (DOTTED.test(text)) {
      const dot = text.indexOf('.');
      const head = text.slice(0, dot);
      const mapped = this.aliases.get(head);
      return mapped === undefined ? text : mapped + text.slice(dot);
    }
    const obj = e.childForFieldName('object');
    const attr = e.childForFieldName('attribute');
    return `${this.resolve(obj)}.${attr?.text ?? ''}`;
  }
}

export function shortName(qualname: string): string {
  const i = qualname.lastIndexOf('.');
  return i < 0 ? qualname : qualname.slice(i + 1);
}
