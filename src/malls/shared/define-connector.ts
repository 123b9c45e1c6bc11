import type { z } from 'zod';
import type {
  CheckLine,
  CredentialField,
  ExportOrder,
  FetchRequest,
  FetchStep,
  LineOutcome,
  MallConnector,
  ShopContext,
} from '../../engine/connector';
import type { CarrierEntry } from '../../engine/settings/schema';

/**
 * The connector template: a mall folder declares its data and its three operations, and this turns them
 * into the engine's MallConnector. The wiring every mall needs lives here once: one client per shop run,
 * credentials parsed into one MallCredentialsError, and that error shown as an `auth` check line or as an
 * `error` outcome on every ready line.
 */

/** The shop's credentials do not fit the mall's schema: a readable line naming the shop or the field. */
export class MallCredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MallCredentialsError';
  }
}

export interface ConnectorDefinition<Creds, Client> {
  id: string;
  label: string;
  credentials: {
    /** as docs/contract.md §4 names them; secret ones are moved to document properties */
    fields: readonly CredentialField[];
    schema: z.ZodType<Creds, Record<string, string | undefined>>;
    /** the line for a missing or invalid field (the mall's own message) */
    invalid(ctx: ShopContext, field: string): string;
  };
  statuses: readonly string[];
  defaultStatuses: readonly string[];
  carrierKey: string;
  /** the mall's own origins (scheme://host): see MallConnector.officialHosts */
  officialHosts: readonly string[];
  fetchesByUpdate?: boolean;
  /** builds the mall's client from valid credentials; called once per shop run, without I/O */
  createClient(ctx: ShopContext, credentials: Creds): Client;
  fetch(client: Client, ctx: ShopContext, req: FetchRequest): FetchStep;
  exportOrders(client: Client, ctx: ShopContext, orders: ExportOrder[], opts: { dryRun: boolean }): LineOutcome[];
  check(client: Client, ctx: ShopContext, settingsCarriers: CarrierEntry[]): CheckLine[];
  isCancelledStatus(mallStatus: string): boolean;
  /** see MallConnector.isHeldStatus */
  isHeldStatus?(mallStatus: string): boolean;
  /** see MallConnector.maxOrdersPerTracking */
  maxOrdersPerTracking?: number;
  normalizeTracking(tracking: string): string;
}

export function defineConnector<Creds, Client>(def: ConnectorDefinition<Creds, Client>): MallConnector {
  // one client per shop run (a ShopContext lives for one shop of one run): tokens and keys are read once
  const clients = new WeakMap<ShopContext, Client>();
  const clientFor = (ctx: ShopContext): Client => {
    const known = clients.get(ctx);
    if (known !== undefined) return known;
    // the engine validates shop.credentials with credentialsSchema first; this guards direct callers
    const parsed = def.credentials.schema.safeParse(ctx.shop.credentials);
    if (!parsed.success) {
      throw new MallCredentialsError(
        def.credentials.invalid(ctx, String(parsed.error.issues[0]?.path[0] ?? 'credentials')),
      );
    }
    const client = def.createClient(ctx, parsed.data);
    clients.set(ctx, client);
    return client;
  };
  return {
    id: def.id,
    label: def.label,
    credentialFields: def.credentials.fields,
    credentialsSchema: def.credentials.schema as z.ZodType<Record<string, string | undefined>>,
    statuses: def.statuses,
    defaultStatuses: def.defaultStatuses,
    carrierKey: def.carrierKey,
    officialHosts: def.officialHosts,
    fetchesByUpdate: def.fetchesByUpdate,
    fetch: (ctx, req) => def.fetch(clientFor(ctx), ctx, req),
    exportOrders: (ctx, orders, opts) => {
      let client: Client;
      try {
        client = clientFor(ctx);
      } catch (e) {
        if (!(e instanceof MallCredentialsError)) throw e;
        return orders.flatMap((o) =>
          o.lines.filter((l) => l.ready).map((l) => ({ key: l.key, kind: 'error' as const, message: e.message })),
        );
      }
      return def.exportOrders(client, ctx, orders, opts);
    },
    check: (ctx, settingsCarriers) => {
      let client: Client;
      try {
        client = clientFor(ctx);
      } catch (e) {
        if (!(e instanceof MallCredentialsError)) throw e;
        return [{ id: 'auth', ok: false, message: e.message }];
      }
      return def.check(client, ctx, settingsCarriers);
    },
    isCancelledStatus: def.isCancelledStatus,
    ...(def.isHeldStatus ? { isHeldStatus: def.isHeldStatus } : {}),
    ...(def.maxOrdersPerTracking !== undefined ? { maxOrdersPerTracking: def.maxOrdersPerTracking } : {}),
    normalizeTracking: def.normalizeTracking,
  };
}
