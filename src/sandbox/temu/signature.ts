import { createHash } from 'node:crypto';

/**
 * The sandbox gateway's own signature check, written from Temu's signing page (docs/malls/temu.md §6.1)
 * and its Python sample, not from the connector's signer: a signing bug in the connector must fail here.
 * The Python sample serialises each value with json.dumps(v, ensure_ascii=False, separators=(',', ':'))
 * and strips the surrounding quotes, so strings lose their quotes and nested values stay compact JSON in
 * the key order of the body received.
 */

export function expectedSign(received: Record<string, unknown>, appSecret: string): string {
  const pieces: string[] = [];
  for (const key of Object.keys(received).sort(asciiOrder)) {
    if (key === 'sign') continue;
    pieces.push(key, pythonDumpsStripped(received[key]));
  }
  return createHash('md5')
    .update(`${appSecret}${pieces.join('')}${appSecret}`, 'utf8')
    .digest('hex')
    .toUpperCase();
}

/** Ascending ASCII by code unit, as the signing page describes (not locale order). */
function asciiOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** json.dumps(...).strip('"'): the quotes at both ends go, every other character as the JSON text has it. */
function pythonDumpsStripped(value: unknown): string {
  return (JSON.stringify(value) ?? '').replace(/^"+|"+$/g, '');
}
