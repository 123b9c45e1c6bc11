import type { ShopContext } from '../../src/engine/connector';
import type { HttpPort, HttpRequest, PropertiesPort } from '../../src/ports';

/**
 * A shop context whose costs are counted, as an Apps Script run pays for them: HTTP port calls
 * (each fetch or fetchAll batch), document property reads and writes, and expiry records. msPerCall lets
 * each HTTP call take that long on the context's clock.
 */
export function metered(ctx: ShopContext, opts: { msPerCall?: number } = {}) {
  const calls: HttpRequest[][] = [];
  const props = { gets: 0, sets: 0 };
  let expiries = 0;
  const advance = () => opts.msPerCall && ctx.clock.sleep(opts.msPerCall);
  const http: HttpPort = {
    fetch: (r) => {
      calls.push([r]);
      advance();
      return ctx.http.fetch(r);
    },
    fetchAll: (rs) => {
      calls.push(rs);
      advance();
      return ctx.http.fetchAll(rs);
    },
  };
  const inner = ctx.store;
  const store: PropertiesPort = {
    get: (k) => {
      props.gets++;
      return inner.get(k);
    },
    set: (k, v) => {
      props.sets++;
      inner.set(k, v);
    },
    delete: (k) => {
      props.sets++;
      inner.delete(k);
    },
    keys: () => inner.keys(),
  };
  const setExpiry = (ms: number | null) => {
    expiries++;
    ctx.setExpiry(ms);
  };
  const run: ShopContext = { ...ctx, http, store, setExpiry };
  return { run, calls, props, expiries: () => expiries };
}
