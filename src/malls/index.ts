import type { MallConnector } from '../engine/connector';
import { qoo10Connector } from './qoo10';
import { temuConnector } from './temu';
import { tiktokConnector } from './tiktok';

/** Every mall MallSheet speaks to. Adding a mall = its folder plus one entry here. */
export const CONNECTORS: readonly MallConnector[] = [temuConnector, tiktokConnector, qoo10Connector];

export function connectorFor(mall: string): MallConnector | undefined {
  return CONNECTORS.find((c) => c.id === mall);
}
