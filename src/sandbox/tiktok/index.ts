import type { MallSandbox, SandboxOptions } from '../types';

// Placeholder until the tiktok issue lands: serves nothing.
export function createTikTokSandbox(_opts: SandboxOptions): MallSandbox {
  return { id: 'tiktok', handles: () => false, handle: () => ({ status: 404, body: '' }), control: () => null };
}

/** A shop of the settings model (CONTRACT §4) with the sandbox's valid credentials, pointed at baseUrl. */
export function demoTikTokShop(baseUrl: string): Record<string, unknown> {
  return { name: 'placeholder-tiktok', mall: 'tiktok', enabled: false, credentials: {}, fetch: { statuses: ['x'], days: 7 }, endpoints: { api: baseUrl, auth: baseUrl } };
}
