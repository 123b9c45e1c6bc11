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
