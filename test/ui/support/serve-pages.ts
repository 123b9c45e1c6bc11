import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { handleUiCall, isUiCall } from '../../../src/ui/server/handlers';
import type { UiEnv } from '../../../src/ui/server/settings-document';

const ROOT = resolve(__dirname, '../../..');

/** Builds the pages exactly as the Apps Script bundle gets them (scripts/build-ui.mjs) into a temp folder. */
export function buildPages(): string {
  const out = mkdtempSync(join(tmpdir(), 'mallsheet-ui-'));
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-ui.mjs'), out], { cwd: ROOT, stdio: 'pipe' });
  return out;
}

/**
 * google.script.run for a page served outside Apps Script: each call is a POST /rpc/<name> with the
 * request as JSON. Like Apps Script it refuses what is not plain JSON (a Date fails the call; docs/apps-script.md §C6).
 */
const SHIM = `<script>(function () {
  function plain(v) {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return true;
    if (Array.isArray(v)) return v.every(plain);
    if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.keys(v).every(function (k) { return plain(v[k]); });
    return false;
  }
  function runner(ok, fail) {
    return new Proxy({}, { get: function (_, name) {
      if (name === 'withSuccessHandler') return function (fn) { return runner(fn, fail); };
      if (name === 'withFailureHandler') return function (fn) { return runner(ok, fn); };
      return function (arg) {
        if (arg !== undefined && !plain(arg)) { if (fail) fail(new Error('not JSON: ' + String(name))); return; }
        fetch('/rpc/' + String(name), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(arg === undefined ? null : arg) })
          .then(function (r) { return r.ok ? r.json() : r.text().then(function (t) { throw new Error(t); }); })
          .then(function (v) { if (ok) ok(v); }, function (e) { if (fail) fail(e); });
      };
    } });
  }
  window.google = { script: { run: runner(null, null), host: { close: function () { window.__closed = true; } } } };
})();</script>`;

export interface PageServer {
  url: string;
  /** every response body sent to the page, in order */
  responses: string[];
  /** every call made, by name */
  calls: string[];
  close(): Promise<void>;
}

/** Serves <name>.html from dir with the shim, and answers the calls with the real server functions. */
export async function servePages(dir: string, env: UiEnv): Promise<PageServer> {
  const responses: string[] = [];
  const calls: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rpc = /^\/rpc\/([A-Za-z]+)$/.exec(url.pathname);
    if (rpc && req.method === 'POST') {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        const name = rpc[1];
        if (!isUiCall(name)) {
          res.writeHead(404).end(`no server function ${name}`);
          return;
        }
        calls.push(name);
        const text = JSON.stringify(handleUiCall(name, env, JSON.parse(body)));
        responses.push(text);
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(text);
      });
      return;
    }
    const page = /^\/([A-Za-z]+)\.html$/.exec(url.pathname);
    const file = page ? join(dir, `${page[1]}.html`) : '';
    if (!page || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    const html = readFileSync(file, 'utf8').replace('<script>', `${SHIM}<script>`);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    responses,
    calls,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
