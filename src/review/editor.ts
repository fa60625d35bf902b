/**
 * Which editor to open, and how to ask it for a line: $VISUAL, then $EDITOR, then vi.
 */
import path from 'node:path';

export interface EditorCommand {
  readonly command: string;
  readonly args: readonly string[];
}

/** Split a command line on white space, honouring simple quotes ("code --wait", 'my editor'). */
export function splitCommand(text: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

/** Editors that take `file:line` (with -g) rather than `+line file`. */
const GOTO_STYLE = new Set(['code', 'code-insiders', 'codium', 'cursor', 'windsurf']);
const COLON_STYLE = new Set(['subl', 'sublime_text', 'zed', 'mate']);

export function editorCommand(env: NodeJS.ProcessEnv, file: string, line: number): EditorCommand {
  const spec = (env.VISUAL || env.EDITOR || 'vi').trim();
  const [command = 'vi', ...rest] = splitCommand(spec);
  const name = path.basename(command).replace(/\.exe$/i, '');
  if (GOTO_STYLE.has(name)) {
    const wait = rest.includes('--wait') || rest.includes('-w') ? [] : ['--wait'];
    return {command, args: [...rest, ...wait, '-g', `${file}:${line}`]};
  }
  if (COLON_STYLE.has(name)) {
    const wait = rest.includes('--wait') || rest.includes('-w') ? [] : name === 'mate' ? ['-w'] : ['--wait'];
    return {command, args: [...rest, ...wait, `${file}:${line}`]};
  }
  // vi, vim, nvim, nano, emacs, micro, kak, hx, joe, ne, ed-likes: +LINE FILE
  return {command, args: [...rest, `+${line}`, file]};
}
