import type { MallSandbox, SandboxOptions } from '../types';
import { temuControls } from './controls';
import { handleTemu, TEMU_ROUTER_PATH } from './routes';
import { temuState } from './state';

export type { TemuOrderView, TemuStateView } from './controls';
export { demoTemuShop, TEMU_SANDBOX_CREDENTIALS } from './credentials';

/** The sandbox Temu: its state (./state), the router that serves the API (./routes) and its controls (./controls). */
export function createTemuSandbox(opts: SandboxOptions): MallSandbox {
  const state = temuState(opts);
  return {
    id: 'temu',
    handles: (req) => req.path === TEMU_ROUTER_PATH,
    handle: (req) => handleTemu(state, req),
    control: temuControls(state),
  };
}
