import type { ControlReply } from './controls';

/** The local mall servers: one handler per mall behind one HTTP server (or called in-process by tests). */

export interface SandboxRequest {
  method: string;
  /** path without the query string, e.g. /openapi/router */
  path: string;
  query: Record<string, string>;
  /** header names lower-cased */
  headers: Record<string, string>;
  /** the raw body text, exactly as sent (signatures are checked over it) */
  body: string;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export interface SandboxOptions {
  /** the sandbox's clock (epoch ms): real time when served, a virtual clock in benchmarks */
  now: () => number;
  /** deterministic sample data */
  seed: number;
  /** how many sample orders each mall serves (default: a small demo set) */
  orders?: number;
}

export interface MallSandbox {
  /** 'temu' | 'tiktok' | 'qoo10' */
  id: string;
  /** true when this mall serves the request (by path) */
  handles(req: SandboxRequest): boolean;
  handle(req: SandboxRequest): SandboxResponse;
  /**
   * Test and demo controls (./controls), reached at POST /__sandbox/<id>/<command> with a JSON body
   * (e.g. 'cancel' an order, 'expire' a token, 'fault' injection, 'state' to inspect what was received).
   */
  control(command: string, args: Record<string, unknown>): ControlReply;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** The JSON object a body holds; null when it is not JSON or not an object (each mall answers that its own way). */
export function jsonObject(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
