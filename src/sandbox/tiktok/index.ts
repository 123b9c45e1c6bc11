import type { MallSandbox, SandboxOptions } from '../types';
import { tiktokControls } from './controls';
import { handlesTikTok, handleTikTok } from './routes';
import { tiktokState } from './state';

export type { TikTokOrderView, TikTokStateView } from './controls';
export { demoTikTokShop, TIKTOK_SANDBOX_APP } from './credentials';

/**
 * The sandbox TikTok Shop (Partner API 202309): its state (./state), the auth host and API routes (./routes,
 * ./auth, ./orders, ./fulfillment) and its controls (./controls).
 */
export function createTikTokSandbox(opts: SandboxOptions): MallSandbox {
  const state = tiktokState(opts);
  return {
    id: 'tiktok',
    handles: handlesTikTok,
    handle: (req) => handleTikTok(state, req),
    control: tiktokControls(state),
  };
}
