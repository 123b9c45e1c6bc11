import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileLock, FileProperties, nodeClock } from '../../src/node/node-ports';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mallsheet-lock-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('FileLock', () => {
  test('one holder at a time; released lock can be taken again', () => {
    const file = path.join(dir, 'orders.xlsx.lock');
    const a = new FileLock(file);
    const b = new FileLock(file);
    expect(a.tryLock(0)).toBe(true);
    expect(b.tryLock(150)).toBe(false);
    expect(b.holder()).toContain(`pid ${process.pid}`);
    a.release();
    expect(fs.existsSync(file)).toBe(false);
    expect(b.tryLock(0)).toBe(true);
    b.release();
  });

  test('a lock left by a process that is gone is stale and taken over', () => {
    const file = path.join(dir, 'orders.xlsx.lock');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    fs.writeFileSync(
      file,
      JSON.stringify({ pid: Number(dead.stdout.toString()), host: os.hostname(), at: Date.now() }),
    );
    const lock = new FileLock(file);
    expect(lock.tryLock(0)).toBe(true);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  test('a lock older than the stale limit is taken over even from a live process', () => {
    const file = path.join(dir, 'orders.xlsx.lock');
    fs.writeFileSync(file, JSON.stringify({ pid: process.pid, host: os.hostname(), at: Date.now() - 10_000 }));
    expect(new FileLock(file, nodeClock, 60_000).tryLock(0)).toBe(false);
    expect(new FileLock(file, nodeClock, 5_000).tryLock(0)).toBe(true);
  });
});

describe('FileProperties', () => {
  test('persists as a JSON sidecar only on save', () => {
    const file = path.join(dir, 'orders.xlsx.props.json');
    const p = FileProperties.load(file);
    p.set('shop:Temu 1号店:cursor', '{"page":2}');
    expect(fs.existsSync(file)).toBe(false);
    p.save();
    expect(FileProperties.load(file).get('shop:Temu 1号店:cursor')).toBe('{"page":2}');
  });

  test('a sidecar that is not an object of strings is refused with its path', () => {
    const file = path.join(dir, 'bad.props.json');
    fs.writeFileSync(file, '{"a": 1}');
    expect(() => FileProperties.load(file)).toThrow(file);
  });
});

describe('nodeClock', () => {
  test('sleep blocks for about the time asked', () => {
    const t0 = Date.now();
    nodeClock.sleep(120);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
  });
});
