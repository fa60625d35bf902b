/**
 * A lock beside a file, so that two pyvet processes that read, change and write the same
 * store one after the other do not lose each other's changes. The lock is a file created
 * with O_EXCL (`<file>.lock`) holding the owner's pid, host and start time; it is held for
 * the few milliseconds of one read-modify-write.
 *
 * A lock left behind by a process that died (kill -9, power loss) is recovered: when its
 * owner is a process of this host that no longer runs, or when it is older than
 * STALE_MS, it is renamed aside (only one waiter's rename succeeds) and removed. A waiter
 * that still cannot lock after WAIT_MS writes anyway: writes are atomic, so the worst case
 * is the lost update the lock exists to avoid, never a damaged file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A lock older than this is taken to be left over (one read-modify-write takes milliseconds). */
export const STALE_MS = 10_000;
/** How long to wait for a lock held by a live process before going ahead without it. */
export const WAIT_MS = 5_000;

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

interface Owner {
  readonly pid: number;
  readonly host: string;
  readonly time: number;
}

function readOwner(lockPath: string): Owner | null {
  try {
    const [pid, host, time] = fs.readFileSync(lockPath, 'utf8').split('\n');
    return {pid: Number(pid), host: host ?? '', time: Number(time)};
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

function isStale(lockPath: string): boolean {
  const owner = readOwner(lockPath);
  let age = 0;
  try {
    age = Date.now() - fs.statSync(lockPath).mtimeMs;
  } catch {
    return false; // gone already: just retry
  }
  if (age > STALE_MS) return true;
  // A half-written lock (its writer died between create and write) is judged by age alone.
  if (!owner || !Number.isFinite(owner.pid) || owner.pid <= 0) return false;
  return owner.host === os.hostname() && owner.pid !== process.pid && !alive(owner.pid);
}

/** Remove a stale lock; only the waiter whose rename succeeds removes it. */
function breakLock(lockPath: string): void {
  const aside = `${lockPath}.stale-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  try {
    fs.renameSync(lockPath, aside);
  } catch {
    return; // another waiter broke it first
  }
  fs.rmSync(aside, {force: true});
}

function tryLock(lockPath: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(lockPath, 'wx');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'ENOENT') throw err;
    // The folder does not exist yet (a first decision): make it and try once more.
    fs.mkdirSync(path.dirname(lockPath), {recursive: true});
    try {
      fd = fs.openSync(lockPath, 'wx');
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw again;
    }
  }
  try {
    fs.writeSync(fd, `${process.pid}\n${os.hostname()}\n${Date.now()}\n`);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/**
 * Run `fn` holding the lock of `file`. Synchronous (pyvet's stores are), it waits in short
 * sleeps while another live process holds the lock.
 */
export function withFileLock<T>(file: string, fn: () => T): T {
  const lockPath = `${file}.lock`;
  const start = Date.now();
  let locked = false;
  let delay = 1;
  for (;;) {
    try {
      locked = tryLock(lockPath);
    } catch {
      break; // cannot create a lock file here (read-only folder): go ahead unlocked
    }
    if (locked) break;
    if (isStale(lockPath)) {
      breakLock(lockPath);
      continue;
    }
    if (Date.now() - start > WAIT_MS) break;
    sleepSync(delay);
    delay = Math.min(delay * 2, 20);
  }
  try {
    return fn();
  } finally {
    if (locked) {
      // Remove the lock only while it is still ours (a stale-lock breaker may have taken it).
      const owner = readOwner(lockPath);
      if (owner && owner.pid === process.pid) fs.rmSync(lockPath, {force: true});
    }
  }
}
