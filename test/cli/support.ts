import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XlsxWorkbook } from '../../src/node/workbook';
import { type SheetRow, orderRows as sheetRows } from '../support/sheet-rows';

/** `mallsheet …` as a user runs it, against `mallsheet sandbox` served by a child process over real HTTP. */
const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'bin/mallsheet.js');

export interface CliWorld {
  dir: string;
  url: string;
  run(args: string[]): { code: number | null; out: string };
  control<T = Record<string, unknown>>(mall: string, command: string, args?: Record<string, unknown>): Promise<T>;
  writeConfig(name: string, config: unknown): string;
  stop(): Promise<void>;
}

export async function startCliWorld(prefix: string): Promise<CliWorld> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mallsheet-${prefix}-`));
  const server: ChildProcess = spawn(process.execPath, [bin, 'sandbox', '--port', '0'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve) =>
    server.stdout!.once('data', (d: Buffer) => resolve(d.toString())),
  );
  const url = /http:\/\/127\.0\.0\.1:\d+/.exec(first)![0];
  return {
    dir,
    url,
    run(args) {
      const r = spawnSync(process.execPath, [bin, ...args], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, LANG: 'ja_JP.UTF-8' },
        timeout: 120_000,
      });
      return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
    },
    async control<T>(mall: string, command: string, args: Record<string, unknown> = {}) {
      const res = await fetch(`${url}/__sandbox/${mall}/${command}`, { method: 'POST', body: JSON.stringify(args) });
      return (await res.json()) as T;
    },
    writeConfig(name, config) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, JSON.stringify(config));
      return file;
    },
    async stop() {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** 受注一覧 of a workbook file, by header text. */
export async function orderRowsOf(file: string): Promise<SheetRow[]> {
  return sheetRows(await XlsxWorkbook.open(file));
}
