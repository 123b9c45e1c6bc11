import type { MallSandbox, SandboxOptions } from '../types';

// Placeholder until the qoo10 issue lands: serves nothing.
export function createQoo10Sandbox(_opts: SandboxOptions): MallSandbox {
  return { id: 'qoo10', handles: () => false, handle: () => ({ status: 404, body: '' }), control: () => null };
}
