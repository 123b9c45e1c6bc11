import { z } from 'zod';
import type { PropertiesPort } from '../../ports';

/**
 * What the runs record per shop in document properties (`state:<shop>`, written by src/engine/run):
 * the last successful fetch and the token / key expiry, shown in the sidebar (CONTRACT §3).
 */
const StoredStatusSchema = z.object({
  lastFetchAt: z.number().nullable().optional(),
  expiresAt: z.number().nullable().optional(),
});

export interface ShopStatus {
  lastFetchAt: number | null;
  expiresAt: number | null;
}

export function readShopStatus(props: PropertiesPort, shop: string): ShopStatus {
  const text = props.get(`state:${shop}`);
  let parsed: z.infer<typeof StoredStatusSchema> = {};
  try {
    const r = StoredStatusSchema.safeParse(text ? JSON.parse(text) : {});
    if (r.success) parsed = r.data;
  } catch {
    // an unreadable record shows as "never fetched / expiry unknown"; the next run rewrites it
  }
  return { lastFetchAt: parsed.lastFetchAt ?? null, expiresAt: parsed.expiresAt ?? null };
}
