import type { HttpPort, HttpRequest, HttpResponse } from '../ports';
import { answered } from './controls';
import { createQoo10Sandbox, type Qoo10CartView, type Qoo10StateView } from './qoo10';
import { createTemuSandbox, type TemuOrderView, type TemuStateView } from './temu';
import { createTikTokSandbox, type TikTokOrderView, type TikTokStateView } from './tiktok';
import {
  json,
  jsonObject,
  type MallSandbox,
  type SandboxOptions,
  type SandboxRequest,
  type SandboxResponse,
} from './types';

/** What each sandbox mall's 'orders' and 'state' controls answer. */
export interface ControlViews {
  temu: { order: TemuOrderView; state: TemuStateView };
  tiktok: { order: TikTokOrderView; state: TikTokStateView };
  qoo10: { order: Qoo10CartView; state: Qoo10StateView };
}

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

  /** A control's answer in-process (see answered): tests and benchmarks drive a mall by name. */
  control<T extends object = Record<string, unknown>>(
    mall: string,
    command: string,
    args: Record<string, unknown> = {},
  ): T {
    return answered<T>(this.mall(mall).control(command, args));
  }

  /** The orders (Qoo10: the carts) a mall holds, as its 'orders' control lists them. */
  orders<M extends keyof ControlViews>(mall: M): ControlViews[M]['order'][] {
    return this.control<{ orders: ControlViews[M]['order'][] }>(mall, 'orders').orders;
  }

  /** What a mall received, as its 'state' control reports it. */
  state<M extends keyof ControlViews>(mall: M): ControlViews[M]['state'] {
    return this.control<ControlViews[M]['state']>(mall, 'state');
  }

  handle(req: SandboxRequest): SandboxResponse {
    const control = /^\/__sandbox\/([a-z0-9]+)\/([A-Za-z0-9_-]+)$/.exec(req.path);
    if (control && req.method === 'POST') {
      const mall = this.malls.find((m) => m.id === control[1]);
      if (!mall) return json(404, { ok: false, error: `no sandbox mall ${control[1]}` });
      const args = req.body.trim() === '' ? {} : jsonObject(req.body);
      if (!args) return json(400, { ok: false, error: 'the body must be a JSON object' });
      const reply = mall.control(control[2], args);
      return json(reply.ok ? 200 : 400, reply);
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
