import { cutToBytes, sjisBytes } from './charset';

/**
 * Fitting text into a carrier's fields (docs/shipping-labels.md §5: split 住所 into the carrier's field sizes).
 * Sizes are Shift-JIS bytes.
 */

/**
 * The address over successive fields: each takes as much as fits, cut at a space when there is one in its
 * second half (so a building name starts the next field), and the last must take the rest. null when the
 * address does not fit at all: a label with half an address is worse than none.
 */
export function splitAddress(address: string, fields: readonly number[]): string[] | null {
  let rest = address.replace(/\s+/g, ' ').trim();
  const out: string[] = [];
  fields.forEach((size, i) => {
    if (sjisBytes(rest) <= size || i === fields.length - 1) {
      out.push(rest);
      rest = '';
      return;
    }
    const head = cutToBytes(rest, size);
    const space = Math.max(head.lastIndexOf(' '), head.lastIndexOf('　'));
    const cut = space > head.length / 2 ? space : head.length;
    out.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  });
  return out.length > 0 && sjisBytes(out[out.length - 1]) <= fields[fields.length - 1] ? out : null;
}

/** 品名 from the items: the first item's name, with 他N点 when there are more, cut to the field. */
export function itemName(items: readonly { name: string; qty: number }[], bytes: number, fallback: string): string {
  const names = items.map((i) => i.name.replace(/\s+/g, ' ').trim()).filter((n) => n !== '');
  if (names.length === 0) return cutToBytes(fallback, bytes);
  const more = names.length > 1 ? ` 他${names.length - 1}点` : '';
  const room = Math.max(bytes - sjisBytes(more), 0);
  const first = sjisBytes(names[0]) <= room ? names[0] : `${cutToBytes(names[0], Math.max(room - 2, 0))}…`;
  return cutToBytes(first + more, bytes);
}
