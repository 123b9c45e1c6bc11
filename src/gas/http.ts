import type { HttpPort, HttpRequest, HttpResponse } from '../ports';

export type UrlFetchApi = Pick<GoogleAppsScript.URL_Fetch.UrlFetchApp, 'fetch' | 'fetchAll'>;

/** HttpPort over UrlFetchApp (docs/apps-script.md §C3): statuses never throw (muteHttpExceptions); fetchAll is parallel. */
export class GasHttp implements HttpPort {
  constructor(private readonly urlFetch: UrlFetchApi) {}

  fetch(req: HttpRequest): HttpResponse {
    return toResponse(this.urlFetch.fetch(req.url, toParams(req)));
  }

  fetchAll(reqs: HttpRequest[]): HttpResponse[] {
    if (reqs.length === 0) return [];
    return this.urlFetch.fetchAll(reqs.map((r) => ({ url: r.url, ...toParams(r) }))).map(toResponse);
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

function toResponse(res: GoogleAppsScript.URL_Fetch.HTTPResponse): HttpResponse {
  const headers: Record<string, string> = {};
  const all = res.getAllHeaders() as Record<string, string | string[]>;
  for (const [k, v] of Object.entries(all)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  return { status: res.getResponseCode(), body: res.getContentText(), headers };
}
