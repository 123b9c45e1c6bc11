import type { MallSandbox, SandboxOptions } from '../types';

// Placeholder until the temu issue lands: serves nothing.
export function createTemuSandbox(_opts: SandboxOptions): MallSandbox {
  return { id: 'temu', handles: () => false, handle: () => ({ status: 404, body: '' }), control: () => null };
}

/** A shop of the settings model (CONTRACT §4) with the sandbox's valid credentials, pointed at baseUrl. */
export function demoTemuShop(baseUrl: string): Record<string, unknown> {
  return { name: 'placeholder-temu', mall: 'temu', enabled: false, credentials: {}, fetch: { statuses: ['x'], days: 7 }, endpoints: { api: baseUrl, auth: baseUrl } };
}
