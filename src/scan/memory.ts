/**
 * Keeping native memory bounded when trees come from node-tree-sitter (the fallback when
 * pyvet's addon is not built; the addon's trees are freed as soon as they are copied). A
 * node-tree-sitter tree lives in native memory that V8 does not see, and it is freed only
 * after its JS wrapper is collected and the event loop has run the finalizer. A loop that
 * parses many files therefore grows without bound unless it lets the collector run and the
 * event loop turn; these helpers do both, cheaply, after every few megabytes of source.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import {parserKind} from './parse.js';

type GcFn = (options?: {type: 'minor' | 'major'}) => void;

let gc: GcFn | null | undefined;

function collector(): GcFn | null {
  if (gc !== undefined) return gc;
  try {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as GcFn;
  } catch {
    gc = null;
  }
  return gc;
}

/**
 * Source characters parsed between releases. A tree takes tens of times its source in
 * native memory, so half a megabyte of source keeps the live trees to a few tens of MB;
 * a minor collection costs about a millisecond.
 */
export const RELEASE_EVERY = 512 * 1024;

/** A full collection every this many releases: wrappers that lived through minor ones are old. */
const MAJOR_EVERY = Number(process.env.PYVET_MAJOR_EVERY ?? 16);

export class TreeBudget {
  private bytes = 0;
  private releases = 0;

  /** Whether trees hold native memory until collected: only node-tree-sitter's (see parserKind). */
  private readonly nativeTrees = parserKind() === 'cursor';

  /** Count a parsed file; true when it is time to release trees. */
  private add(chars: number): boolean {
    if (!this.nativeTrees) return false;
    this.bytes += chars;
    if (this.bytes < RELEASE_EVERY) return false;
    this.bytes = 0;
    return true;
  }

  /**
   * After a file: when trees are due for release, collect and let the event loop turn
   * (true); else nothing (false).
   */
  async afterFile(lines: number): Promise<boolean> {
    if (!this.add(lines * 36)) return false;
    this.collect();
    await yieldToEventLoop();
    return true;
  }

  /** Collect garbage (dead tree wrappers among it); the event loop must then turn. */
  private collect(): void {
    this.releases++;
    collector()?.(this.releases % MAJOR_EVERY === 0 ? {type: 'major'} : {type: 'minor'});
  }
}

/** Let the event loop turn (twice: finalizers queued by the collection run on the first turn). */
export async function yieldToEventLoop(): Promise<void> {
  await new Promise(resolve => setImmediate(resolve));
  await new Promise(resolve => setImmediate(resolve));
}

/** One turn of the event loop. */
export function yieldOnce(): Promise<void> {
  return new Promise(resolve => setImmediate(resolve));
}
