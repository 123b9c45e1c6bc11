import { runExport, runFetch } from '../../src/engine';
import { MemoryProperties, VirtualClock } from '../../src/engine/memory-ports';
import { URL_FETCH_QUOTA, UrlFetchQuota, UrlFetchQuotaError } from '../../src/engine/quota/url-fetch-quota';
import type { HttpPort, PropertiesPort } from '../../src/ports';
import { expectInvariants } from './support/invariants';
import { fillTracking, runUntilDone, world } from './support/world';

const DAY = 86_400_000;
const ok = { status: 200, body: '{}', headers: {} };

function countingHttp(): HttpPort & { sent: number } {
  const h = {
    sent: 0,
    fetch: () => {
      h.sent++;
      return ok;
    },
    fetchAll: (reqs: unknown[]) => {
      h.sent += reqs.length;
      return reqs.map(() => ok);
    },
  };
  return h;
}

function countingProps(): PropertiesPort & { sets: string[] } {
  const inner = new MemoryProperties();
  const sets: string[] = [];
  return {
    sets,
    get: (k) => inner.get(k),
    set: (k, v) => {
      sets.push(k);
      inner.set(k, v);
    },
    delete: (k) => inner.delete(k),
    keys: () => inner.keys(),
  };
}

const req = { url: 'https://mall.example/x', method: 'get' as const };

describe('UrlFetchQuota', () => {
  test('counts every request of fetch and fetchAll, and refuses the one that would exceed the day', () => {
    const clock = new VirtualClock();
    const props = new MemoryProperties();
    const quota = UrlFetchQuota.load(props, clock, 5);
    const http = countingHttp();
    const wrapped = quota.wrap(http, () => 'quota spent');
    wrapped.fetch(req);
    wrapped.fetchAll([req, req, req]);
    expect(quota.used()).toBe(4);
    expect(quota.allows(1)).toBe(true);
    expect(() => wrapped.fetchAll([req, req])).toThrow(UrlFetchQuotaError);
    expect(http.sent).toBe(4);
    wrapped.fetch(req);
    expect(() => wrapped.fetch(req)).toThrow('quota spent');
    expect(http.sent).toBe(5);
  });

  test('is written only by save(), once, and read back by the next run; a day after the first fetch it starts over', () => {
    const clock = new VirtualClock();
    const props = countingProps();
    const first = UrlFetchQuota.load(props, clock, 100);
    const wrapped = first.wrap(countingHttp(), () => 'x');
    for (let i = 0; i < 30; i++) wrapped.fetch(req);
    expect(props.sets).toEqual([]);
    first.save();
    first.save();
    expect(props.sets).toEqual(['quota:urlfetch']);

    clock.advance(DAY - 1);
    const second = UrlFetchQuota.load(props, clock, 100);
    expect(second.used()).toBe(30);
    expect(second.resetsAt()).toBe(clock.now() + 1);
    clock.advance(1);
    expect(second.used()).toBe(0);
    expect(second.allows(100)).toBe(true);
  });

  test('a damaged stored value counts as a fresh day', () => {
    const props = new MemoryProperties({ 'quota:urlfetch': '{"since":"yesterday"' });
    expect(UrlFetchQuota.load(props, new VirtualClock(), URL_FETCH_QUOTA.consumer).used()).toBe(0);
  });
});

describe('quota awareness in runs', () => {
  test('every request a connector sends is counted, with one properties write per shop and run', () => {
    const w = world('tiktok', { seed: 3, orders: 250, budgetMs: 270_000 });
    const sets: string[] = [];
    const props = w.env.props;
    w.env.props = {
      ...props,
      get: props.get,
      keys: props.keys,
      delete: props.delete,
      set: (k, v) => {
        sets.push(k);
        props.set(k, v);
      },
    };
    runFetch(w.env, { trigger: 'manual' });
    const stored = JSON.parse(w.props.get('quota:urlfetch')!) as { count: number };
    expect(stored.count).toBe(w.http.sent.length);
    expect(stored.count).toBeGreaterThan(3);
    expect(sets.filter((k) => k === 'quota:urlfetch')).toHaveLength(1);

    fillTracking(w);
    runExport(w.env, { trigger: 'manual' });
    expect((JSON.parse(w.props.get('quota:urlfetch')!) as { count: number }).count).toBe(w.http.sent.length);
  });

  test('a fetch stops before the quota with a Log line, keeps its cursor without a continuation, and finishes the next day', () => {
    const w = world('temu', { seed: 4, orders: 300, budgetMs: 270_000 });
    // earlier runs today spent all but 500 of the consumer quota; a Temu fetch of 300 orders needs ~700
    const limit = URL_FETCH_QUOTA.consumer;
    w.props.set('quota:urlfetch', JSON.stringify({ since: w.clock.now(), count: limit - 500 }));
    const first = runFetch(w.env, { trigger: 'auto' });
    const line = w.logRows().find((r) => r.message.includes('URL 取得回数が上限'));
    expect(line?.shop).toBe(w.shopName);
    expect(first.shops[0].new).toBeGreaterThan(0);
    expect(w.state().resume).toBeDefined();
    expect(w.triggers.continuations).toEqual([]);
    const used = (JSON.parse(w.props.get('quota:urlfetch')!) as { count: number }).count;
    expect(used).toBeLessThanOrEqual(limit);
    expect(used).toBeGreaterThan(limit - 500);

    // later the same day: nothing is sent, the cursor stays
    w.clock.advance(3_600_000);
    const sentBefore = w.http.sent.length;
    const cursor = JSON.stringify(w.state().resume);
    runFetch(w.env, { trigger: 'auto' });
    expect(w.http.sent.length).toBe(sentBefore);
    expect(JSON.stringify(w.state().resume)).toBe(cursor);

    // the next day the window finishes from its cursor: nothing lost, nothing twice
    w.clock.advance(DAY);
    runUntilDone(w, (x) => runFetch(x.env, { trigger: 'auto' }));
    expectInvariants(w);
  });

  test('an export waits for the next day when the quota is spent, and the rows stay eligible', () => {
    const w = world('qoo10', { seed: 5, orders: 40, budgetMs: 270_000 });
    runFetch(w.env, { trigger: 'manual' });
    fillTracking(w, 1);
    // a Workspace account, with all but 100 fetches of the day spent
    w.env.urlFetchQuota = URL_FETCH_QUOTA.workspace;
    w.props.set('quota:urlfetch', JSON.stringify({ since: w.clock.now(), count: URL_FETCH_QUOTA.workspace - 100 }));
    const spent = runExport(w.env, { trigger: 'manual' });
    expect(spent.shops[0].exported).toBe(0);
    expect(spent.shops[0].message).toContain('URL 取得回数が上限');
    w.clock.advance(DAY);
    const next = runExport(w.env, { trigger: 'manual' });
    expect(next.shops[0].exported).toBeGreaterThan(0);
    expectInvariants(w);
  });
});
