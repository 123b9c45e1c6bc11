import fs from 'node:fs';
import path from 'node:path';

/**
 * Replaces a file atomically (docs/contract.md §5): the bytes go to a temp file in the same folder, are fsynced,
 * and only then renamed over the target, so a crash or kill leaves either the old file or the new one.
 * `afterWrite` runs between the write and the rename (tests simulate a crash there).
 */
export function writeFileAtomic(target: string, data: Uint8Array | string, hooks: { afterWrite?: () => void } = {}): void {
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    try {
      fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    hooks.afterWrite?.();
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  syncDir(dir);
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
