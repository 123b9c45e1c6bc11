import type { MallCarrier } from '../shared/carriers';
import type { TikTokClient } from './client';
import { DeliveryOptionsDataSchema, ProvidersDataSchema, WarehousesDataSchema } from './schemas';

/**
 * The mall's carrier list (docs/malls/tiktok-shop.md §4.1): Get Shipping Providers of a delivery option, taken from the order
 * or, when the order names none, from the shop's sales warehouses. Cached for the run.
 */
export class ProviderDirectory {
  private readonly byOption = new Map<string, MallCarrier[]>();
  private fromWarehouses: MallCarrier[] | null = null;

  constructor(private readonly client: TikTokClient) {}

  forOrder(deliveryOptionId: string): MallCarrier[] {
    return deliveryOptionId ? this.forOption(deliveryOptionId) : this.forWarehouses();
  }

  forOption(optionId: string): MallCarrier[] {
    let list = this.byOption.get(optionId);
    if (!list) {
      const path = `/logistics/202309/delivery_options/${encodeURIComponent(optionId)}/shipping_providers`;
      list = this.client
        .data('logistics.providers', 'get', path, ProvidersDataSchema)
        .shipping_providers.map((p) => ({ id: p.id, names: [p.name] }));
      this.byOption.set(optionId, list);
    }
    return list;
  }

  /** Providers of the seller-shipped delivery options of the sales warehouses, default warehouse first. */
  forWarehouses(): MallCarrier[] {
    if (this.fromWarehouses) return this.fromWarehouses;
    const warehouses = this.client
      .data('logistics.warehouses', 'get', '/logistics/202309/warehouses', WarehousesDataSchema)
      .warehouses.filter((w) => w.type !== 'RETURN_WAREHOUSE')
      .sort((a, b) => Number(!!b.is_default) - Number(!!a.is_default));
    const out = new Map<string, MallCarrier>();
    for (const w of warehouses) {
      const options = this.client.data(
        'logistics.options',
        'get',
        `/logistics/202309/warehouses/${encodeURIComponent(w.id)}/delivery_options`,
        DeliveryOptionsDataSchema,
      ).delivery_options;
      const own = options.filter((o) => o.type === 'SEND_BY_SELLER');
      for (const o of own.length > 0 ? own : options)
        for (const p of this.forOption(o.id)) if (!out.has(p.id)) out.set(p.id, p);
    }
    this.fromWarehouses = [...out.values()];
    return this.fromWarehouses;
  }
}
