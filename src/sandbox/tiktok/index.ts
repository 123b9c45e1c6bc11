import type { MallSandbox, SandboxOptions } from '../types';

// Placeholder until the tiktok issue lands: serves nothing.
export function createTikTokSandbox(_opts: SandboxOptions): MallSandbox {
  return { id: 'tiktok', handles: () => false, handle: () => ({ status: 404, body: '' }), control: () => null };
}
