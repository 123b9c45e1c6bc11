import { z } from 'zod';
import { VirtualClock } from '../../src/engine/memory-ports';
import { answered, Count, command, defineControls, Id, noArgs, refused } from '../../src/sandbox/controls';
import { Sandbox } from '../../src/sandbox/sandbox';

describe('sandbox controls: one parser, one reply shape', () => {
  const log: string[] = [];
  const control = defineControls({
    ping: command(noArgs, () => ({ pong: true })),
    cancel: command(z.object({ orderId: Id, count: Count }), ({ orderId, count }) => {
      if (orderId === 'missing') return refused(`no order ${orderId}`);
      log.push(`${orderId}×${count}`);
      return { id: orderId };
    }),
  });

  test("a command's fields come back with ok: true; ids may be numbers, counts default to 1", () => {
    expect(control('ping', { ignored: 1 })).toEqual({ ok: true, pong: true });
    expect(control('cancel', { orderId: 42 })).toEqual({ ok: true, id: '42' });
    expect(log).toEqual(['42×1']);
  });

  test('bad arguments, a refusal and an unknown command answer ok: false with the reason, and do nothing', () => {
    log.length = 0;
    expect(control('cancel', {})).toEqual({ ok: false, error: expect.stringMatching(/^orderId: /) });
    expect(control('cancel', { orderId: 'A', count: 1.5 })).toEqual({
      ok: false,
      error: expect.stringMatching(/^count: /),
    });
    expect(control('cancel', { orderId: 'missing' })).toEqual({ ok: false, error: 'no order missing' });
    expect(control('toString', {})).toEqual({ ok: false, error: 'unknown command toString (known: ping, cancel)' });
    expect(log).toEqual([]);
  });

  test('answered hands a test the reply, and throws on a refusal instead of letting it pass unnoticed', () => {
    expect(answered<{ pong: boolean }>(control('ping', {})).pong).toBe(true);
    expect(() => answered(control('cancel', { orderId: 'missing' }))).toThrow(/refused the control: no order missing/);
  });

  test('every mall answers the same shape in-process and over POST /__sandbox/<mall>/<command>', () => {
    const clock = new VirtualClock();
    const sandbox = new Sandbox({ now: () => clock.now(), seed: 1 });
    const post = (path: string, body: string) => {
      const res = sandbox.handle({ method: 'POST', path, query: {}, headers: {}, body });
      return { status: res.status, body: JSON.parse(res.body) as unknown };
    };
    for (const mall of ['temu', 'tiktok', 'qoo10']) {
      expect(sandbox.mall(mall).control('nope', {})).toEqual({
        ok: false,
        error: expect.stringMatching(/^unknown command nope \(known: state, orders, /),
      });
      expect(post(`/__sandbox/${mall}/state`, '')).toEqual({
        status: 200,
        body: expect.objectContaining({ ok: true }),
      });
      expect(post(`/__sandbox/${mall}/fault`, JSON.stringify({ kind: 418 }))).toEqual({
        status: 400,
        body: { ok: false, error: expect.stringMatching(/^kind: /) },
      });
      expect(sandbox.orders(mall as 'temu').length).toBe(25);
    }
    expect(post('/__sandbox/temu/state', '[1]')).toEqual({
      status: 400,
      body: { ok: false, error: 'the body must be a JSON object' },
    });
    expect(post('/__sandbox/amazon/state', '')).toEqual({
      status: 404,
      body: { ok: false, error: 'no sandbox mall amazon' },
    });
  });
});
