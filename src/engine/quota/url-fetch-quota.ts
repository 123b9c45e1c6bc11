import { z } from 'zod';
import type { ClockPort, HttpPort, HttpRequest, HttpResponse, PropertiesPort } from '../../ports';

/**
 * Apps Script's URL Fetch calls per day (docs/apps-script.md §C1): 20,000 for a consumer
 * account, 100,000 for Workspace. When it runs out, UrlFetchApp throws for the rest of the day.
 */
export const URL_FETCH_QUOTA = { consumer: 20_000, workspace: 100_000 } as const;

/** §C1: quotas reset 24 hours after the first request, so the count is per rolling day from its first fetch. */
const DAY_MS = 86_400_000;

/**
 * The engine starts a connector step only when this many fetches remain: one step may send a list page
 * plus two detail calls per order (a Temu page of 100 parents ≈ 200 fetches) and a few retries.
 */
export const STEP_RESERVE = 300;

const KEY = 'quota:urlfetch';
const StoredSchema = z.object({ since: z.number(), count: z.number().int().min(0) });

/** Thrown instead of sending once the day's quota is spent: the message is readable as it is. */
export class UrlFetchQuotaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UrlFetchQuotaError';
  }
}

/**
 * Counts the URL fetches of a document per rolling day in document properties. The count lives in
 * memory during a run and is written by save() (once per shop and run, never per request: properties
 * have their own daily quota); a run killed in between undercounts by what it sent since the last save,
 * which STEP_RESERVE covers.
 */
export class UrlFetchQuota {
  private since: number | null;
  private count: number;
  private dirty = false;

  private constructor(
    private readonly props: PropertiesPort,
    private readonly clock: ClockPort,
    readonly limit: number,
  ) {
    const stored = read(props);
    this.since = stored?.since ?? null;
    this.count = stored?.count ?? 0;
  }

  static load(props: PropertiesPort, clock: ClockPort, limit: number): UrlFetchQuota {
    return new UrlFetchQuota(props, clock, limit);
  }

  /** fetches sent in the current day */
  used(): number {
    this.roll();
    return this.count;
  }

  /** true when n more fetches fit in the day's quota */
  allows(n: number): boolean {
    return this.used() + n <= this.limit;
  }

  /** when the current day's count started over (epoch ms), null before the first fetch */
  resetsAt(): number | null {
    this.roll();
    return this.since === null ? null : this.since + DAY_MS;
  }

  /**
   * An HttpPort that counts every request, fetchAll's one by one, and refuses (throws) a request that
   * would exceed the quota: the engine stops earlier (allows(STEP_RESERVE)); this is the last guard.
   */
  wrap(http: HttpPort, refusal: () => string): HttpPort {
    const take = (n: number) => {
      if (!this.allows(n)) throw new UrlFetchQuotaError(refusal());
      if (this.since === null) this.since = this.clock.now();
      this.count += n;
      this.dirty = true;
    };
    return {
      fetch: (req: HttpRequest): HttpResponse => {
        take(1);
        return http.fetch(req);
      },
      fetchAll: (reqs: HttpRequest[]): HttpResponse[] => {
        take(reqs.length);
        return http.fetchAll(reqs);
      },
    };
  }

  /** Writes the count when it changed since the last save. */
  save(): void {
    if (!this.dirty || this.since === null) return;
    this.props.set(KEY, JSON.stringify({ since: this.since, count: this.count }));
    this.dirty = false;
  }

  private roll(): void {
    if (this.since !== null && this.clock.now() - this.since >= DAY_MS) {
      this.since = null;
      this.count = 0;
    }
  }
}

/** A damaged value counts as a fresh day: the mall calls still stop at Google's own limit. */
function read(props: PropertiesPort): z.infer<typeof StoredSchema> | null {
  try {
    const parsed = StoredSchema.safeParse(JSON.parse(props.get(KEY) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
