import type { ClockPort, LockPort, LoggerPort, ProgressPort, PropertiesPort, TriggerPort } from '../ports';

/** In-memory ports shared by tests, benchmarks and the CLI (which persists MemoryProperties itself). */

export class MemoryProperties implements PropertiesPort {
  constructor(readonly data: Record<string, string> = {}) {}
  get(key: string): string | null {
    return Object.hasOwn(this.data, key) ? this.data[key] : null;
  }
  set(key: string, value: string): void {
    this.data[key] = value;
  }
  delete(key: string): void {
    delete this.data[key];
  }
  keys(): string[] {
    return Object.keys(this.data);
  }
  getAll(): Record<string, string> {
    return { ...this.data };
  }
}

/** A view of a PropertiesPort under a key prefix (each shop's own store). */
export class PrefixedProperties implements PropertiesPort {
  constructor(
    private readonly inner: PropertiesPort,
    private readonly prefix: string,
  ) {}
  get(key: string): string | null {
    return this.inner.get(this.prefix + key);
  }
  set(key: string, value: string): void {
    this.inner.set(this.prefix + key, value);
  }
  delete(key: string): void {
    this.inner.delete(this.prefix + key);
  }
  keys(): string[] {
    return this.inner
      .keys()
      .filter((k) => k.startsWith(this.prefix))
      .map((k) => k.slice(this.prefix.length));
  }
}

/** A virtual clock: sleep advances time instantly (tests and the simulated-cost benchmark). */
export class VirtualClock implements ClockPort {
  constructor(public t: number = Date.UTC(2026, 10, 22, 0, 0, 0)) {}
  now(): number {
    return this.t;
  }
  sleep(ms: number): void {
    this.t += Math.max(0, ms);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export class MemoryLock implements LockPort {
  held = false;
  tryLock(): boolean {
    if (this.held) return false;
    this.held = true;
    return true;
  }
  release(): void {
    this.held = false;
  }
}

export class MemoryLogger implements LoggerPort, ProgressPort {
  readonly lines: string[] = [];
  info(msg: string): void {
    this.lines.push(`INFO ${msg}`);
  }
  warn(msg: string): void {
    this.lines.push(`WARN ${msg}`);
  }
  error(msg: string): void {
    this.lines.push(`ERROR ${msg}`);
  }
  progress(msg: string): void {
    this.lines.push(`PROGRESS ${msg}`);
  }
}

export class MemoryTriggers implements TriggerPort {
  timerMinutes = 0;
  continuations: number[] = [];
  setTimer(minutes: number): void {
    this.timerMinutes = minutes;
  }
  scheduleContinuation(ms: number): void {
    this.continuations.push(ms);
  }
}
