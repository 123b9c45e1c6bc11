import type { MallSandbox, SandboxOptions } from '../types';
import { qoo10Controls } from './controls';
import { handleQoo10, handlesQoo10 } from './routes';
import { qoo10State } from './state';

export type { Qoo10CartView, Qoo10StateView } from './controls';
export { demoQoo10Shop, QOO10_SANDBOX_CREDENTIALS } from './credentials';

/** The sandbox Qoo10 QAPI: its state (./state), the methods it serves (./routes, ./shipping-api) and its controls (./controls). */
export function createQoo10Sandbox(opts: SandboxOptions): MallSandbox {
  const state = qoo10State(opts);
  return {
    id: 'qoo10',
    handles: handlesQoo10,
    handle: (req) => handleQoo10(state, req),
    control: qoo10Controls(state),
  };
}
