import type { ShopForm } from '../../../src/ui/shared/rpc';
import { SANDBOX_URL } from '../../support/worlds';

/** A shop as the sidebar's form sends it (a Temu shop on the sandbox), with overrides. */
export function shopForm(over: Partial<ShopForm> = {}): ShopForm {
  return {
    name: 'Temu 1号店',
    mall: 'temu',
    enabled: true,
    credentials: {},
    secrets: {},
    region: 'global',
    warehouseId: '',
    statuses: ['UN_SHIPPING'],
    days: '7',
    initialStatus: '新規受付',
    autoFetchMinutes: '30',
    autoExport: false,
    defaultCarrier: '',
    endpointApi: SANDBOX_URL,
    endpointAuth: '',
    ...over,
  };
}
