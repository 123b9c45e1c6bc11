import type { FetchRequest, MallConnector, ShopContext } from '../../src/engine/connector';
import type { LineStatusUpdate, OrderLine } from '../../src/engine/order-line';

/**
 * Runs a connector's fetch steps until the cursor is null, as the engine's fetch loop does. With
 * `jsonCursor` each cursor goes through JSON first, as one the engine persisted between runs.
 */
export function fetchSteps(
  connector: MallConnector,
  ctx: ShopContext,
  req: Omit<FetchRequest, 'cursor'>,
  opts: { cursor?: unknown; jsonCursor?: boolean } = {},
) {
  const lines: OrderLine[] = [];
  const updates: LineStatusUpdate[] = [];
  const notices: string[] = [];
  let cursor: unknown = opts.cursor ?? null;
  let steps = 0;
  do {
    const step = connector.fetch(ctx, { ...req, cursor });
    lines.push(...step.lines);
    updates.push(...(step.updates ?? []));
    notices.push(...(step.notices ?? []));
    cursor =
      opts.jsonCursor && step.cursor !== null ? (JSON.parse(JSON.stringify(step.cursor)) as unknown) : step.cursor;
    if (++steps > 1000) throw new Error('fetch does not end');
  } while (cursor !== null);
  return { lines, updates, notices, steps };
}
