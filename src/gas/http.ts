import { HttpTimeoutError } from '../engine/errors';
import type { HttpPort, HttpRequest, HttpResponse } from '../ports';

/** UrlFetchApp's own limit for one call, not configurable (docs/apps-script.md §C3). */
const URL_FETCH_LIMIT_MS = 60_000;

export type UrlFetchApi = Pick<GoogleAppsScript.URL_Fetch.UrlFetchApp, 'fetch' | 'fetchAll'>;

/** HttpPort over UrlFetchApp (docs/apps-script.md §C3): statuses never throw (muteHttpExceptions); fetchAll is parallel. */
export class GasHttp implements HttpPort {
  constructor(private readonly urlFetch: UrlFetchApi) {}

  fetch(req: HttpRequest): HttpResponse {
    return asTimeout(() => toResponse(this.urlFetch.fetch(req.url, toParams(req))));
  }

  fetchAll(reqs: HttpRequest[]): HttpResponse[] {
    if (reqs.length === 0) return [];
    return asTimeout(() => this.urlFetch.fetchAll(reqs.map((r) => ({ url: r.url, ...toParams(r) }))).map(toResponse));
  }
}

export function toParams(req: HttpRequest): GoogleAppsScript.URL_Fetch.URLFetchRequestOptions {
  const params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {
    method: req.method,
    muteHttpExceptions: true,
    headers: { ...(req.headers ?? {}) },
  };
  if (req.contentType !== undefined) params.contentType = req.contentType;
  // the body goes exactly as given: signatures were computed over this very string
  if (req.body !== undefined) params.payload = req.body;
  return params;
}

/** UrlFetchApp says "Timeout: <url>" when the mall never answered: the request path treats that apart. */
function asTimeout<T>(call: () => T): T {
  try {
    return call();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/\btime(d)? ?out\b/i.test(message)) throw new HttpTimeoutError(message, URL_FETCH_LIMIT_MS);
    throw e;
  }
}

function toResponse(res: GoogleAppsScript.URL_Fetch.HTTPResponse): HttpResponse {
  const headers: Record<string, string> = {};
  const all = res.getAllHeaders() as Record<string, string | string[]>;
  for (const [k, v] of Object.entries(all)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  return { status: res.getResponseCode(), body: res.getContentText(), headers };
}
