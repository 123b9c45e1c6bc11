import { type ChildProcess, spawn } from 'node:child_process';
import { type RunReport, runFetch } from '../../src/engine';
import { MemoryProperties } from '../../src/engine/memory-ports';
import { parseSettings } from '../../src/engine/settings/parse';
import { MemorySpreadsheet } from '../../src/engine/sheet/memory-sheet';
import { CONNECTORS } from '../../src/malls';
import { cliEnv } from '../../src/node/cli-env';
import { DEMO_CARRIERS } from '../../src/sandbox/demo-config';
import { demoTemuShop } from '../../src/sandbox/temu';

/**
 * A mall that accepts the connection and never answers. Served by a child process (this test's thread
 * blocks in Atomics.wait); /__count answers how many requests it left hanging.
 */
const HUNG = `
const http = require('node:http');
let hung = 0;
http.createServer((req, res) => {
  if (req.url === '/__count') return res.end(String(hung));
  hung++;
}).listen(0, '127.0.0.1', function () { console.log('http://127.0.0.1:' + this.address().port); });
`;

let child: ChildProcess;
let base: string;
beforeAll(async () => {
  child = spawn(process.execPath, ['-e', HUNG], { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise<string>((resolve) =>
    child.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim())),
  );
});
afterAll(() => child.kill());

test('a request that gets no answer is tried at most twice, the wait is shown, and the shop counts as failed', async () => {
  const settings = parseSettings({ locale: 'en', shops: [demoTemuShop(base)], carriers: DEMO_CARRIERS }, CONNECTORS);
  const env = cliEnv(new MemorySpreadsheet('Asia/Tokyo'), new MemoryProperties(), settings, {
    verbose: false,
    httpTimeoutMs: 300,
  });
  const stderr: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s) => {
    stderr.push(String(s));
    return true;
  });
  let report: RunReport;
  try {
    report = runFetch(env, { trigger: 'manual' });
  } finally {
    spy.mockRestore();
    await env.http.close();
  }
  expect(report.exitCode).toBe(1);
  expect(report.shops).toEqual([expect.objectContaining({ shop: 'Temu 1号店', ok: false })]);
  expect(report.shops[0].message).toMatch(/no answer within 300 ms/);
  expect(stderr.join('')).toMatch(/Temu: .*no answer within 300 ms; retrying/);
  expect(Number(await (await fetch(`${base}/__count`)).text())).toBeLessThanOrEqual(2);
});
