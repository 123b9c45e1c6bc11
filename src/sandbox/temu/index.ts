import type { MallSandbox, SandboxOptions } from '../types';

// Placeholder until the temu issue lands: serves nothing.
export function createTemuSandbox(_opts: SandboxOptions): MallSandbox {
  return { id: 'temu', handles: () => false, handle: () => ({ status: 404, body: '' }), control: () => null };
}
