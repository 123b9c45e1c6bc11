import { z } from 'zod';
import type { ExportOrder, ShopContext } from '../../../src/engine/connector';
import { defineConnector, MallCredentialsError } from '../../../src/malls/shared/define-connector';

/** The connector template's shared wiring: one client per shop run, one credentials error, its lines. */

function fakeMall() {
  const made: unknown[] = [];
  const connector = defineConnector({
    id: 'fake',
    label: 'Fake',
    credentials: {
      fields: [{ key: 'token', secret: true, required: true }],
      schema: z.object({ token: z.string().min(1) }),
      invalid: (ctx, field) => `shop ${ctx.shop.name}: ${field} is missing`,
    },
    statuses: ['OPEN'],
    defaultStatuses: ['OPEN'],
    carrierKey: 'fake',
    officialHosts: ['https://api.fake.example'],
    createClient: (_ctx, creds) => {
      const client = { token: creds.token };
      made.push(client);
      return client;
    },
    fetch: (client) => ({ lines: [], cursor: null, notices: [client.token] }),
    exportOrders: (_client, _ctx, orders) =>
      orders.flatMap((o) => o.lines.map((l) => ({ key: l.key, kind: 'ok' as const }))),
    check: (client) => [{ id: 'auth', ok: true, message: client.token }],
    isCancelledStatus: () => false,
    normalizeTracking: (t) => t,
  });
  return { connector, made };
}

const ctxWith = (credentials: Record<string, string>) =>
  ({ shop: { name: 'A', credentials } }) as unknown as ShopContext;
const line = (key: string, ready: boolean) => ({ key, ready }) as ExportOrder['lines'][number];
const orders: ExportOrder[] = [{ orderId: 'o1', lines: [line('k1', true), line('k2', false)] }];
const req = { from: 0, to: 1, statuses: ['OPEN'], cursor: null };

describe('defineConnector', () => {
  test('one client per shop run, built from the parsed credentials', () => {
    const { connector, made } = fakeMall();
    const ctx = ctxWith({ token: 't1' });
    expect(connector.fetch(ctx, req).notices).toEqual(['t1']);
    connector.exportOrders(ctx, orders, { dryRun: false });
    connector.check(ctx, []);
    expect(made).toHaveLength(1);
    connector.fetch(ctxWith({ token: 't2' }), req);
    expect(made).toHaveLength(2);
  });

  test('bad credentials: fetch throws one MallCredentialsError naming the field', () => {
    const { connector, made } = fakeMall();
    expect(() => connector.fetch(ctxWith({}), req)).toThrow(MallCredentialsError);
    expect(() => connector.fetch(ctxWith({}), req)).toThrow('shop A: token is missing');
    expect(made).toHaveLength(0);
  });

  test('bad credentials: an auth check line, and an error outcome on each ready line only', () => {
    const { connector } = fakeMall();
    expect(connector.check(ctxWith({}), [])).toEqual([{ id: 'auth', ok: false, message: 'shop A: token is missing' }]);
    expect(connector.exportOrders(ctxWith({}), orders, { dryRun: false })).toEqual([
      { key: 'k1', kind: 'error', message: 'shop A: token is missing' },
    ]);
  });
});
