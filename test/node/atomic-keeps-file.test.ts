import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ReadOnlyFileError, removeStaleTemps, writeFileAtomic } from '../../src/node/atomic-file';

/** The atomic save replaces the bytes, not the file's identity: mode, owner, read-only flag and symlinks hold. */
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mallsheet-keep-'));
});
afterEach(() => {
  for (const f of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, f), 0o644);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a shared 0664 file keeps its mode (and its owner, where this process may set owners)', () => {
  const file = path.join(dir, 'orders.xlsx');
  fs.writeFileSync(file, 'old');
  fs.chmodSync(file, 0o664);
  const root = process.getuid?.() === 0;
  if (root) fs.chownSync(file, 1234, 2345);
  writeFileAtomic(file, 'new');
  const st = fs.statSync(file);
  expect(fs.readFileSync(file, 'utf8')).toBe('new');
  expect(st.mode & 0o777).toBe(0o664);
  if (root) expect([st.uid, st.gid]).toEqual([1234, 2345]);
});

test('a new file is private to its owner (0600): it holds customer data', () => {
  const file = path.join(dir, 'new.xlsx');
  writeFileAtomic(file, 'new');
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
});

test('a read-only file is refused, even for root, and left as it was', () => {
  const file = path.join(dir, 'orders.xlsx');
  fs.writeFileSync(file, 'old');
  fs.chmodSync(file, 0o444);
  expect(() => writeFileAtomic(file, 'new')).toThrow(ReadOnlyFileError);
  expect(fs.readFileSync(file, 'utf8')).toBe('old');
  expect(fs.readdirSync(dir)).toEqual(['orders.xlsx']);
});

test('a symlink stays a symlink and its target gets the new bytes', () => {
  fs.mkdirSync(path.join(dir, 'shared'));
  const target = path.join(dir, 'shared', 'real.xlsx');
  fs.writeFileSync(target, 'old');
  const link = path.join(dir, 'orders.xlsx');
  fs.symlinkSync(target, link);
  writeFileAtomic(link, 'new');
  expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
  expect(fs.readFileSync(target, 'utf8')).toBe('new');
  expect(fs.readdirSync(path.join(dir, 'shared'))).toEqual(['real.xlsx']);
});

test('temp files a killed save left behind are removed; others are not', () => {
  const file = path.join(dir, 'orders.xlsx');
  fs.writeFileSync(file, 'book');
  const stale = path.join(dir, '.orders.xlsx.999999.1700000000000.tmp');
  const otherBook = path.join(dir, '.other.xlsx.999999.1700000000000.tmp');
  fs.writeFileSync(stale, 'customer data');
  fs.writeFileSync(otherBook, 'not ours');
  expect(removeStaleTemps(file)).toEqual([stale]);
  expect(fs.readdirSync(dir).sort()).toEqual(['.other.xlsx.999999.1700000000000.tmp', 'orders.xlsx']);
});
