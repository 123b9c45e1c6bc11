import { type ChildProcess, spawn } from 'node:child_process';
import { processAlerts } from '../../../src/engine/alerts/alerts';
import { MemoryProperties } from '../../../src/engine/memory-ports';
import { updateState } from '../../../src/engine/run/state';
import type { Settings } from '../../../src/engine/settings/schema';
import { translate } from '../../../src/i18n';
import { SyncHttp } from '../../../src/node/sync-http';
import type { MailPort } from '../../../src/ports';

/**
 * The chat webhook over real HTTP: a local server (in a child process: this thread blocks in Atomics.wait)
 * receives the same text the mail carries.
 */
const SERVER = `
const http = require('node:http');
const got = [];
http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.url === '/seen') { res.writeHead(200); return res.end(JSON.stringify(got)); }
    got.push({ url: req.url, type: req.headers['content-type'], body });
    res.writeHead(req.url.startsWith('/broken') ? 500 : 200);
    res.end('{}');
  });
}).listen(0, '127.0.0.1', function () { console.log('http://127.0.0.1:' + this.address().port); });
`;

let child: ChildProcess;
let base: string;
let http: SyncHttp;
beforeAll(async () => {
  child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise<string>((ok) => child.stdout!.once('data', (d: Buffer) => ok(d.toString().trim())));
  http = new SyncHttp({ timeoutMs: 2000 });
});
afterAll(async () => {
  child.kill();
  await http.close();
});

const NOW = Date.UTC(2026, 11, 1, 1, 0);

test('the webhook receives the mail text as JSON {text}, once', () => {
  const props = new MemoryProperties();
  const mails: { subject: string; body: string }[] = [];
  const mail: MailPort = { send: (m) => void mails.push(m), owner: () => 'o@example.com', link: () => null };
  const settings = {
    locale: 'ja',
    timezone: 'Asia/Tokyo',
    carriers: [],
    shops: [{ name: 'TikTok Shop 1号店', mall: 'tiktok', enabled: true }],
    alerts: { digest: false, webhook: `${base}/hook/T123` },
  } as unknown as Settings;
  updateState(props, 'TikTok Shop 1号店', { expiresAt: NOW + 86_400_000 / 2 });
  const run = {
    env: { props, http, mail },
    settings,
    now: NOW,
    t: (k: never, p?: never) => translate('ja', k, p),
    redact: (s: string) => s,
  };
  expect(processAlerts(run, { shops: [], quotas: [] })).toEqual([]);
  expect(processAlerts(run, { shops: [], quotas: [] })).toEqual([]);
  const seen = JSON.parse(http.fetch({ url: `${base}/seen`, method: 'get' }).body) as {
    url: string;
    type: string;
    body: string;
  }[];
  expect(seen).toHaveLength(1);
  expect(seen[0].url).toBe('/hook/T123');
  expect(seen[0].type).toContain('application/json');
  expect(JSON.parse(seen[0].body)).toEqual({ text: `${mails[0].subject}\n\n${mails[0].body}` });
  expect(mails[0].body).toContain('あと 1 日');
});

test('a webhook answering 500 is one Log line, and the mail still goes out', () => {
  const props = new MemoryProperties();
  const mails: unknown[] = [];
  const mail: MailPort = { send: (m) => void mails.push(m), owner: () => 'o@example.com', link: () => null };
  const settings = {
    locale: 'en',
    timezone: 'Asia/Tokyo',
    carriers: [],
    shops: [{ name: 'S', mall: 'tiktok', enabled: true }],
    alerts: { digest: false, webhook: `${base}/broken` },
  } as unknown as Settings;
  updateState(props, 'S', { expiresAt: NOW - 1 });
  const run = {
    env: { props, http, mail },
    settings,
    now: NOW,
    t: (k: never, p?: never) => translate('en', k, p),
    redact: (s: string) => s,
  };
  expect(processAlerts(run, { shops: [], quotas: [] })).toEqual([expect.stringContaining('HTTP 500')]);
  expect(mails).toHaveLength(1);
});
