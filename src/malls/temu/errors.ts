/** A readable, already translated failure; `code` is Temu's errorCode when there was one. */
export class TemuError extends Error {
  constructor(
    message: string,
    readonly code: number | null,
  ) {
    super(message);
    this.name = 'TemuError';
  }
}
