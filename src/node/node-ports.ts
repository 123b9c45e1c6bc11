import fs from 'node:fs';
import os from 'node:os';
import { MemoryProperties } from '../engine/memory-ports';
import type { ClockPort, LockPort, LoggerPort, ProgressPort, TriggerPort } from '../ports';
import { writeFileAtomic } from './atomic-file';

/** Real time; sleep blocks the thread like Utilities.sleep (the core is synchronous). */
export const nodeClock: ClockPort = {
  now: () => Date.now(),
  sleep: (ms) => {
    if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  },
};

/** Log lines and progress go to stderr, so stdout stays the command's result. */
export function stderrLogger(verbose: boolean): LoggerPort & ProgressPort {
  const write = (line: string) => process.stderr.write(`${line}\n`);
  return {
    info: (m) => verbose && write(m),
    warn: (m) => write(`warning: ${m}`),
    error: (m) => write(`error: ${m}`),
    progress: (m) => write(m),
  };
}

/** No triggers outside Google: the CLI runs once, with a budget that needs no continuation. */
export function cliTriggers(log: LoggerPort): TriggerPort {
  return {
    setTimer: () => log.info('auto-fetch triggers exist only in Google Sheets'),
    scheduleContinuation: () => log.warn('the run stopped at its time budget; run the command again to continue'),
  };
}

/**
 * The document properties of a workbook: `<workbook>.props.json` next to it. Saved only after the
 * workbook itself (so a crash between the two repeats a fetch step rather than losing its rows).
 */
export class FileProperties extends MemoryProperties {
  private constructor(
    readonly file: string,
    data: Record<string, string>,
  ) {
    super(data);
  }

  /** Throws a readable Error when the file exists but is not a JSON object of strings. */
  static load(file: string): FileProperties {
    if (!fs.existsSync(file)) return new FileProperties(file, {});
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    const ok =
      typeof parsed === 'object' &&
      parsed !== null &&
      !Array.isArray(parsed) &&
      Object.values(parsed).every((v) => typeof v === 'string');
    if (!ok) throw new Error(`${file}: expected a JSON object of strings`);
    return new FileProperties(file, parsed as Record<string, string>);
  }

  save(): void {
    writeFileAtomic(this.file, `${JSON.stringify(this.data, null, 2)}\n`);
  }
}

/** How old an unreadable lock file must be before it is taken over (see FileLock). */
const DAMAGED_LOCK_STALE_MS = 60_000;

interface LockInfo {
  pid: number;
  host: string;
  at: number;
}

/**
 * One run per workbook: an O_EXCL lock file next to it. A lock whose process is gone (same host) or that is
 * older than staleMs is taken over, so a crashed run never blocks the next one forever. A lock that is not
 * ours to read (damaged, or another program's) is taken over once it is a minute old: a lock is written in
 * one small write, so by then it is not being written.
 */
export class FileLock implements LockPort {
  private held = false;

  constructor(
    readonly file: string,
    private readonly clock: ClockPort = nodeClock,
    private readonly staleMs = 6 * 60 * 60 * 1000,
  ) {}

  tryLock(timeoutMs: number): boolean {
    const deadline = this.clock.now() + timeoutMs;
    for (;;) {
      if (this.tryOnce()) return true;
      if (this.clock.now() >= deadline) return false;
      this.clock.sleep(Math.min(100, Math.max(1, deadline - this.clock.now())));
    }
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    fs.rmSync(this.file, { force: true });
  }

  /** Who holds it, for the "busy" message; null when the lock file is not one we can read. */
  holder(): string | null {
    const info = this.read();
    return info ? `pid ${info.pid} on ${info.host} since ${new Date(info.at).toISOString()}` : null;
  }

  private tryOnce(): boolean {
    const mine: LockInfo = { pid: process.pid, host: os.hostname(), at: this.clock.now() };
    try {
      fs.writeFileSync(this.file, JSON.stringify(mine), { flag: 'wx' });
      this.held = true;
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (!this.isStale()) return false;
    // take over a stale lock: remove it, then compete for it again with O_EXCL like everyone else
    fs.rmSync(this.file, { force: true });
    try {
      fs.writeFileSync(this.file, JSON.stringify(mine), { flag: 'wx' });
      this.held = true;
      return true;
    } catch {
      return false;
    }
  }

  private isStale(): boolean {
    const info = this.read();
    if (!info) {
      // unreadable or half-written: judge by the file's age
      try {
        return this.clock.now() - fs.statSync(this.file).mtimeMs > DAMAGED_LOCK_STALE_MS;
      } catch {
        return true;
      }
    }
    if (this.clock.now() - info.at > this.staleMs) return true;
    return info.host === os.hostname() && !processAlive(info.pid);
  }

  private read(): LockInfo | null {
    try {
      const v = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<LockInfo>;
      return typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.at === 'number'
        ? (v as LockInfo)
        : null;
    } catch {
      return null;
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The engine's LockPort when the CLI already holds the workbook's FileLock for the whole load-run-save. */
export const heldLock: LockPort = { tryLock: () => true, release: () => undefined };
