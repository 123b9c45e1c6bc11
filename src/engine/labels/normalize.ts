/**
 * Phone numbers, postal codes and recipients as carriers and 同梱 compare them (docs/shipping-labels.md §5, §6):
 * full-width → half-width, no spaces, +81 → 0, hyphens kept only where the carrier wants them.
 */

const DASHES = /[-‐‑‒–—―−－ー]/g;

/** Half-width digits and letters (NFKC), trimmed. */
export function halfWidth(v: string): string {
  return v.normalize('NFKC').trim();
}

/**
 * A phone number as a Japanese carrier takes it: +81 (or 0081) becomes 0, spaces and brackets go, hyphens stay
 * as the buyer wrote them. '' when it holds no phone number (too few digits or letters in it).
 */
export function normalizePhone(raw: string): string {
  let v = halfWidth(raw)
    .replace(/[\s()（）]/g, '')
    .replace(DASHES, '-');
  v = v.replace(/^(\+|00)81-?/, '0').replace(/^0-?0/, '0');
  if (!/^[\d-]+$/.test(v)) return '';
  const digits = v.replace(/-/g, '');
  if (digits.length < 10 || digits.length > 11) return '';
  return v.replace(/^-+|-+$/g, '').replace(/-{2,}/g, '-');
}

/** NNN-NNNN, or '' when the text holds no 7-digit postal code. */
export function normalizePostal(raw: string): string {
  const digits = halfWidth(raw).replace(/^〒/, '').replace(DASHES, '').replace(/\s/g, '');
  return /^\d{7}$/.test(digits) ? `${digits.slice(0, 3)}-${digits.slice(3)}` : '';
}

/** Text compared for 同梱: half-width, case-folded, without spaces or hyphens. */
export function sameKey(v: string): string {
  return halfWidth(v).toLowerCase().replace(/\s+/g, '').replace(DASHES, '');
}

/** Who a row ships to, as 受注一覧 holds it (送付先氏名, 郵便番号, 住所, 電話番号). */
export interface Recipient {
  recipient: string;
  postalCode: string;
  address: string;
  phone: string;
}

/** The recipient as one comparable string (name, postal code, address, phone; phone digits with +81 → 0). */
export function recipientKey(r: Recipient): string {
  const phone = sameKey(r.phone).replace(/^(\+|00)81/, '0');
  return [sameKey(r.recipient), sameKey(r.postalCode), sameKey(r.address), phone].join('\u0000');
}
