import { MemoryLogger, MemoryProperties, VirtualClock } from '../../src/engine/memory-ports';
import { MemorySpreadsheet } from '../../src/engine/sheet/memory-sheet';
import {
  APPS_SCRIPT_RATES,
  CostedHttp,
  CostedProperties,
  CostedSpreadsheet,
  CostedToasts,
  CostModel,
  meterDelta,
  snapshot,
} from '../../src/engine/sim/cost-model';
import type { HttpPort, HttpRequest, HttpResponse } from '../../src/ports';

const ok: HttpResponse = { status: 200, body: '{}', headers: {} };
const req = (host: string): HttpRequest => ({ url: `http://${host}/x`, method: 'get' });

/** An HttpPort that records when each request reached it (on the shared clock). */
function recording(clock: VirtualClock): HttpPort & { seenAt: number[] } {
  const seenAt: number[] = [];
  return {
    seenAt,
    fetch: () => {
      seenAt.push(clock.now());
      return ok;
    },
    fetchAll: (reqs) =>
      reqs.map(() => {
        seenAt.push(clock.now());
        return ok;
      }),
  };
}

describe('simulated Apps Script cost model', () => {
  const world = () => {
    const clock = new VirtualClock(0);
    const model = new CostModel(clock);
    const inner = recording(clock);
    const http = new CostedHttp(inner, model, {
      labelOf: (r) => new URL(r.url).host,
      parallelism: (h) => (h === 'a' ? 20 : 1),
    });
    return { clock, model, inner, http };
  };

  test('a fetch costs one fetch time, charged after the mall saw the request', () => {
    const { clock, model, inner, http } = world();
    http.fetch(req('a'));
    http.fetch(req('a'));
    expect(inner.seenAt).toEqual([0, APPS_SCRIPT_RATES.fetchMs]);
    expect(clock.now()).toBe(2 * APPS_SCRIPT_RATES.fetchMs);
    expect(model.meter.fetches).toBe(2);
    expect(model.meter.waves).toBe(2);
  });

  test('fetchAll runs in waves of the mall parallelism; every request counts', () => {
    const { clock, model, http } = world();
    http.fetchAll([...Array.from({ length: 45 }, () => req('a')), req('b'), req('b')]);
    // a: 45 / 20 → 3 waves; b: 2 / 1 → 2 waves; the malls' waves overlap
    expect(clock.now()).toBe(3 * APPS_SCRIPT_RATES.fetchMs);
    expect(model.meter.fetches).toBe(47);
    expect(model.meter.fetchesBy).toEqual({ a: 45, b: 2 });
  });

  test('spreadsheet calls cost a call plus their cells; lookups and toasts are counted apart', () => {
    const clock = new VirtualClock(0);
    const model = new CostModel(clock);
    const raw = new MemorySpreadsheet();
    const book = new CostedSpreadsheet(raw, model);
    const sheet = book.insertSheet('S');
    sheet.writeBlock(1, 1, [
      ['a', 'b'],
      ['c', 'd'],
    ]);
    sheet.setFormats(1, 1, [['@', '@']]);
    expect(sheet.readAll()).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    new CostedToasts(new MemoryLogger(), model).progress('hello');
    const r = APPS_SCRIPT_RATES;
    expect(clock.now()).toBeCloseTo(r.sheetCallMs * 5 + 4 * r.writeCellMs + 2 * r.writeCellMs + 4 * r.readCellMs, 6);
    expect(model.meter).toMatchObject({ sheetCalls: 3, sheetLookups: 1, toasts: 1, cellsRead: 4, cellsWritten: 4 });
    expect(model.meter.sheetCallsBy).toEqual({ 'S writeBlock': 1, 'S setFormats': 1, 'S readAll': 1 });
    // the same calls the in-memory workbook counted itself
    expect(raw.calls.total).toBe(model.meter.sheetCalls);
    expect(raw.calls.cellsWritten).toBe(model.meter.cellsWritten);
  });

  test('properties reads and writes have their own costs; a meter delta is one run', () => {
    const clock = new VirtualClock(0);
    const model = new CostModel(clock);
    const props = new CostedProperties(new MemoryProperties(), model);
    props.set('k', 'v');
    const before = snapshot(model.meter);
    expect(props.get('k')).toBe('v');
    props.keys();
    props.delete('k');
    const r = APPS_SCRIPT_RATES;
    expect(clock.now()).toBe(2 * r.propertyWriteMs + 2 * r.propertyReadMs);
    expect(meterDelta(model.meter, before).propertyCalls).toBe(3);
  });
});
