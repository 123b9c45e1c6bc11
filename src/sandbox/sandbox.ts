import type { HttpPort, HttpRequest, HttpResponse } from '../ports';
import { createQoo10Sandbox } from './qoo10';
import { createTemuSandbox } from './temu';
import { createTikTokSandbox } from './tiktok';
import { json, type MallSandbox, type SandboxOptions, type SandboxRequest, type SandboxResponse } from './types';

/** All sandbox malls behind one request handler; each mall claims its own paths. */
export class Sandbox {
  readonly malls: MallSandbox[];

  constructor(opts: SandboxOptions) {
    this.malls = [createTemuSandbox(opts), createTikTokSandbox(opts), createQoo10Sandbox(opts)];
  }

  mall(id: string): MallSandbox {
    const m = this.malls.find((x) => x.id === id);
    if (!m) throw new Error(`no sandbox mall ${id}`);
    return m;
  }

  handle(req: SandboxRequest): SandboxResponse {
    const control = /^\/__sandbox\/([a-z0-9]+)\/([A-Za-z0-9_-]+)$/.exec(req.path);
    if (control && req.method === 'POST') {
      const args = req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {};
      return json(200, { result: this.mall(control[1]).control(control[2], args) ?? null });
    }
    const mall = this.malls.find((m) => m.handles(req));
    if (!mall) return json(404, { error: `no sandbox route for ${req.method} ${req.path}` });
    return mall.handle(req);
  }
}

export function toSandboxRequest(req: HttpRequest): SandboxRequest {
  const u = new URL(req.url);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v;
  if (req.contentType) headers['content-type'] = req.contentType;
  return {
    method: req.method.toUpperCase(),
    path: u.pathname,
    query: Object.fromEntries(u.searchParams.entries()),
    headers,
    body: req.body ?? '',
  };
}

/** An HttpPort that answers from a Sandbox in-process: synchronous, no sockets (tests and benchmarks). */
export class InProcessHttp implements HttpPort {
  /** every request sent, in order (tests assert on it) */
  readonly sent: HttpRequest[] = [];
  constructor(private readonly sandbox: Sandbox) {}

  fetch(req: HttpRequest): HttpResponse {
    this.sent.push(req);
    const res = this.sandbox.handle(toSandboxRequest(req));
    return { status: res.status, body: res.body, headers: lowerKeys(res.headers ?? {}) };
  }

  fetchAll(reqs: HttpRequest[]): HttpResponse[] {
    return reqs.map((r) => this.fetch(r));
  }
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}
