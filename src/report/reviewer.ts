import {execFileSync} from 'node:child_process';
import os from 'node:os';

/** The reviewer named in a review: the `reviewer` setting, else `git config user.name`, else the OS user. */
export function reviewerName(configured?: string): string {
  if (configured && configured.trim()) return configured.trim();
  try {
    const name = execFileSync('git', ['config', 'user.name'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000}).trim();
    if (name) return name;
  } catch {
    // no git, or no name configured
  }
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
