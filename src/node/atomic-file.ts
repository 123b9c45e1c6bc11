import fs from 'node:fs';
import path from 'node:path';

/** The file exists and its mode says nobody may write it: the seller protected it, so we do not replace it. */
export class ReadOnlyFileError extends Error {
  constructor(readonly file: string) {
    super(`${file} is read-only`);
  }
}

/**
 * Replaces a file atomically (docs/contract.md §5): the bytes go to a temp file in the same folder, are
 * fsynced, and only then renamed over the target, so a crash or kill leaves either the old file or the new
 * one. The file keeps what makes it the seller's: through a symlink the link's target is replaced (the link
 * stays), an existing file keeps its mode and owner, a read-only one is refused. A new file is 0600 (it
 * holds customer data). `afterWrite` runs between the write and the rename (tests simulate a crash there).
 */
export function writeFileAtomic(
  target: string,
  data: Uint8Array | string,
  hooks: { afterWrite?: () => void } = {},
): void {
  const real = resolveTarget(target);
  const old = statOrNull(real);
  if (old && isReadOnly(real, old)) throw new ReadOnlyFileError(target);
  const dir = path.dirname(real);
  const tmp = path.join(dir, `.${path.basename(real)}.${process.pid}.${Date.now()}.tmp`);
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    try {
      fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      if (old) keepIdentity(fd, old);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    hooks.afterWrite?.();
    fs.renameSync(tmp, real);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  syncDir(dir);
}

/** True when the file exists and may not be replaced (checked before a run, so nothing is sent first). */
export function isReadOnlyFile(target: string): boolean {
  const real = resolveTarget(target);
  const st = statOrNull(real);
  return st !== null && isReadOnly(real, st);
}

/**
 * Temp files of this target left by a save that was killed before its rename (they hold customer data).
 * Called while the workbook's lock is held, so no other save of this file is under way; returns what went.
 */
export function removeStaleTemps(target: string): string[] {
  const real = resolveTarget(target);
  const dir = path.dirname(real);
  const mine = new RegExp(`^\\.${escapeRegExp(path.basename(real))}\\.(\\d+)\\.\\d+\\.tmp$`);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = mine.exec(name);
    if (!m || Number(m[1]) === process.pid) continue;
    const file = path.join(dir, name);
    fs.rmSync(file, { force: true });
    removed.push(file);
  }
  return removed;
}

/** The file a path stands for: symlinks followed (even to a target that does not exist yet). */
function resolveTarget(target: string): string {
  let p = path.resolve(target);
  for (let hops = 0; hops < 40; hops++) {
    let link: string;
    try {
      if (!fs.lstatSync(p).isSymbolicLink()) return p;
      link = fs.readlinkSync(p);
    } catch {
      return p;
    }
    p = path.resolve(path.dirname(p), link);
  }
  return p;
}

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch {
    return null;
  }
}

/** No write bit at all counts as read-only even for root (who could write it anyway). */
function isReadOnly(file: string, st: fs.Stats): boolean {
  if ((st.mode & 0o222) === 0) return true;
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/** Mode always; owner and group where this process may set them (only root may give a file away). */
function keepIdentity(fd: number, old: fs.Stats): void {
  fs.fchmodSync(fd, old.mode & 0o7777);
  try {
    fs.fchownSync(fd, old.uid, old.gid);
  } catch {
    // not permitted: the file becomes ours; the mode (and so the group's access) is kept
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Makes the rename itself durable; some platforms cannot open a folder for fsync, which is harmless. */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows and some file systems refuse to fsync a directory; the rename is still atomic
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
