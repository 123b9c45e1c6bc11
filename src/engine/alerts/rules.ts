/**
 * Which alerts are due, as a pure function of what the engine knows at the end of a run. A seller who
 * does not open the sheet on a quiet day hears of what is about to break: an expiring token or key, a
 * shop failing run after run, a spent quota, shipments past their deadline.
 */

const DAY_MS = 86_400_000;
/** Days before a token or key expires at which one alert each is sent. */
export const EXPIRY_ALERT_DAYS = [14, 7, 1] as const;
/** Failed runs in a row (fetch or export of one shop) that make an alert. */
export const FAILING_RUNS = 3;

export type AlertKind = 'expiry' | 'failing' | 'quota' | 'overdue';

export interface Alert {
  kind: AlertKind;
  /** '' for what concerns the whole sheet (a quota) */
  shop: string;
  /** Sent once: the ledger remembers it (daily kinds carry the day, expiry bands the expiry moment). */
  key: string;
  /** what to render, in the sheet's language (src/i18n alert.* messages) */
  message: AlertMessage;
}

export type AlertMessage =
  | { id: 'expired'; shop: string }
  | { id: 'expiresIn'; shop: string; days: number }
  | { id: 'failing'; shop: string; action: 'fetch' | 'export'; runs: number; last: string }
  | { id: 'quota'; quota: QuotaKind }
  | { id: 'overdue'; shop: string; rows: number };

export type QuotaKind = 'urlFetch' | 'triggerBudget';

/** A shop's failed runs in a row, per action, with the last failure's message. */
export interface Streak {
  count: number;
  message: string;
}

export interface AlertFacts {
  now: number;
  /** today in the settings' time zone, yyyy-MM-dd */
  day: string;
  shops: {
    name: string;
    /** token / key expiry the connector recorded (null: does not expire, undefined: not known) */
    expiresAt?: number | null;
    streaks: Partial<Record<'fetch' | 'export', Streak>>;
  }[];
  /** quotas spent for the day */
  quotas: QuotaKind[];
  /** rows past 発送期限 that are not done, per shop; undefined when this run did not look */
  overdue?: Record<string, number>;
}

/** Every alert the facts call for, whether or not it was sent already. */
export function dueAlerts(f: AlertFacts): Alert[] {
  const out: Alert[] = [];
  for (const shop of f.shops) {
    const expiry = expiryAlert(shop.name, shop.expiresAt, f.now, f.day);
    if (expiry) out.push(expiry);
    for (const action of ['fetch', 'export'] as const) {
      const s = shop.streaks[action];
      if (!s || s.count < FAILING_RUNS) continue;
      out.push({
        kind: 'failing',
        shop: shop.name,
        key: `failing:${action}:${shop.name}:${f.day}`,
        message: { id: 'failing', shop: shop.name, action, runs: s.count, last: s.message },
      });
    }
  }
  for (const quota of f.quotas)
    out.push({ kind: 'quota', shop: '', key: `quota:${quota}:${f.day}`, message: { id: 'quota', quota } });
  for (const [shop, rows] of Object.entries(f.overdue ?? {})) {
    if (rows > 0)
      out.push({ kind: 'overdue', shop, key: `overdue:${shop}:${f.day}`, message: { id: 'overdue', shop, rows } });
  }
  return out;
}

/**
 * One alert as a token or key crosses 14, 7 and 1 days before its expiry (keyed by band and expiry moment,
 * so a renewed token starts over), and one a day once it has expired: orders stop arriving until the
 * seller renews it.
 */
function expiryAlert(shop: string, expiresAt: number | null | undefined, now: number, day: string): Alert | null {
  if (expiresAt === undefined || expiresAt === null) return null;
  if (expiresAt <= now)
    return { kind: 'expiry', shop, key: `expiry:0:${shop}:${day}`, message: { id: 'expired', shop } };
  const days = Math.ceil((expiresAt - now) / DAY_MS);
  const band = [...EXPIRY_ALERT_DAYS].reverse().find((d) => days <= d);
  if (band === undefined) return null;
  return { kind: 'expiry', shop, key: `expiry:${band}:${shop}:${expiresAt}`, message: { id: 'expiresIn', shop, days } };
}

/** At most one alert per kind and shop per day, whatever else is due: the day's guard key. */
export function dayKey(a: Pick<Alert, 'kind' | 'shop'>, day: string): string {
  return `day:${a.kind}:${a.shop}:${day}`;
}
