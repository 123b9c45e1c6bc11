import type { ShopContext } from '../../engine/connector';
import type { MallCarrier } from '../shared/carriers';
import type { TemuClient } from './client';
import { TemuError } from './errors';
import { defaultRegionId } from './hosts';
import { CompaniesResultSchema, WarehouseListResultSchema } from './schemas';
import { readTokenInfo } from './token';

/** Carrier list and warehouse, looked up at most once per run (cached per run). */
export class RunLookups {
  private carrierList: MallCarrier[] | null = null;
  /** a failed lookup is not repeated for every order of the run */
  private carrierError: TemuError | null = null;
  private warehouse: string | null = null;

  constructor(
    private readonly client: TemuClient,
    private readonly ctx: ShopContext,
  ) {}

  carriers(): MallCarrier[] {
    if (this.carrierError) throw this.carrierError;
    if (this.carrierList === null) {
      try {
        // carriers differ by region (docs/malls/temu.md §2): the token says which one this store is in; the
        // host's region is only a fallback when the token info does not say
        const regionId = readTokenInfo(this.client, this.ctx)?.regionId ?? defaultRegionId(this.ctx.shop);
        if (regionId === null) throw new TemuError(this.ctx.t('temu.err.regionUnknown'), null);
        const list = this.client.get(
          { type: 'bg.logistics.companies.get', params: { regionId } },
          CompaniesResultSchema,
        );
        this.carrierList = list.map((c) => ({
          id: c.logisticsServiceProviderId,
          names: [c.logisticsServiceProviderName, c.logisticsBrandName].filter((n) => n.trim() !== ''),
        }));
      } catch (e) {
        if (e instanceof TemuError) this.carrierError = e;
        throw e;
      }
    }
    return this.carrierList;
  }

  /** shop.warehouseId, else the defaultWarehouse of bg.logistics.warehouse.list.get (docs/malls/temu.md §2). */
  warehouseId(): string {
    if (this.warehouse === null) {
      const configured = this.ctx.shop.warehouseId?.trim();
      if (configured) {
        this.warehouse = configured;
      } else {
        const def = this.warehouses().find((w) => w.defaultWarehouse);
        if (!def) throw new TemuError(this.ctx.t('temu.err.noWarehouse'), null);
        this.warehouse = def.warehouseId;
      }
    }
    return this.warehouse;
  }

  warehouses() {
    return this.client.get({ type: 'bg.logistics.warehouse.list.get', params: {} }, WarehouseListResultSchema)
      .warehouseList;
  }
}
