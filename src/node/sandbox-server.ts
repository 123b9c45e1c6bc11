import http from 'node:http';
import { Sandbox } from '../sandbox/sandbox';
import type { SandboxRequest } from '../sandbox/types';

/**
 * Serves the in-process Sandbox malls over HTTP on 127.0.0.1. It must run in a process whose main thread
 * never blocks in Atomics.wait (the CLI's sync HTTP does), which is why `demo` starts it as a child process.
 */
export function serveSandbox(port: number, opts: { seed?: number } = {}): Promise<http.Server> {
  const sandbox = new Sandbox({ now: () => Date.now(), seed: opts.seed ?? 1 });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
      const sreq: SandboxRequest = {
        method: (req.method ?? 'GET').toUpperCase(),
        path: url.pathname,
        query: Object.fromEntries(url.searchParams.entries()),
        headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      try {
        const answer = sandbox.handle(sreq);
        res.writeHead(answer.status, answer.headers ?? {});
        res.end(answer.body);
      } catch (e) {
        // a sandbox bug answers 500 like a real mall's outage would, and the server keeps serving
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: e instanceof Error ? e.message : String(e) }));
      }
    });
  });
  // a client whose event loop was blocked (a test in spawnSync) may reuse an idle socket the server has just
  // closed ("other side closed"): idle sockets stay open longer than any one command runs
  server.keepAliveTimeout = 120_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
