/**
 * Where an endpoint override may point (docs/contract.md §4 endpoints). Requests carry signatures, tokens and
 * the Qoo10 password, so the override exists for the local sandbox only: a loopback address, or one of the
 * mall's own official hosts (each connector declares them), with a real port. Pure.
 */

export type EndpointProblem = 'port' | 'host';

const SHAPE = /^(https?):\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/;

interface Origin {
  scheme: string;
  host: string;
  port: number;
}

function originOf(url: string): Origin | null {
  const m = SHAPE.exec(url.trim());
  if (!m) return null;
  const scheme = m[1];
  return {
    scheme,
    host: m[2].toLowerCase(),
    port: m[3] === undefined ? (scheme === 'https' ? 443 : 80) : Number(m[3]),
  };
}

/** 127.0.0.0/8, localhost and [::1]: this machine only. */
function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '[::1]') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (m === null) return false;
  return m.slice(1).every((o) => Number(o) <= 255);
}

/**
 * null when `url` (already of the scheme://host[:port] shape) may be used; otherwise what is wrong with it.
 * An official host must match scheme, host and port of one the mall declares.
 */
export function endpointProblem(url: string, officialHosts: readonly string[]): EndpointProblem | null {
  const o = originOf(url);
  if (!o) return 'host';
  if (o.port < 1 || o.port > 65535) return 'port';
  if (isLoopback(o.host)) return null;
  const official = officialHosts
    .map(originOf)
    .some((h) => h !== null && h.scheme === o.scheme && h.host === o.host && h.port === o.port);
  return official ? null : 'host';
}
