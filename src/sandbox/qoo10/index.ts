import type { MallSandbox, SandboxOptions } from '../types';

// Placeholder until the qoo10 issue lands: serves nothing.
export function createQoo10Sandbox(_opts: SandboxOptions): MallSandbox {
  return { id: 'qoo10', handles: () => false, handle: () => ({ status: 404, body: '' }), control: () => null };
}

/** A shop of the settings model (CONTRACT §4) with the sandbox's valid credentials, pointed at baseUrl. */
export function demoQoo10Shop(baseUrl: string): Record<string, unknown> {
  return { name: 'placeholder-qoo10', mall: 'qoo10', enabled: false, credentials: {}, fetch: { statuses: ['x'], days: 7 }, endpoints: { api: baseUrl, auth: baseUrl } };
}
