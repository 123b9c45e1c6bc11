/**
 * The engine's own error for "the mall could not be reached" (network failure, retries used up): a mall's
 * HTTP client throws a subclass, and the engine words it for the seller without knowing any mall.
 */
export class MallUnreachableError extends Error {
  constructor(
    /** the mall's label, as the Log shows it */
    readonly mall: string,
    /** why, readable and free of secrets (e.g. 'HTTP 503', 'timeout') */
    readonly reason: string,
  ) {
    super(`${mall}: ${reason}`);
    this.name = 'MallUnreachableError';
  }
}

/**
 * The request went out and no answer came within the runtime's limit (Apps Script's own, or the CLI's): a
 * mall that hangs. Retrying it costs that limit again, so the request path treats it apart.
 */
export class HttpTimeoutError extends Error {
  constructor(
    message: string,
    readonly timeoutMs: number,
  ) {
    super(message);
    this.name = 'HttpTimeoutError';
  }
}
