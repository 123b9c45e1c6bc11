import type { ManagementStatus } from '../order-line';
import type { B2Settings, LabelFormat, Shipper } from '../settings/schema';
import { carry, cutToBytes, sjisBytes } from './charset';
import { itemName, splitAddress } from './fit';
import { type FittedShipment, type FittedShipper, LABEL_FORMAT_DEFS, type LabelFormatDef } from './formats';
import { normalizePhone, normalizePostal, type Recipient, recipientKey } from './normalize';

/**
 * The label CSV, planned without side effects (docs/contract.md §3 Label CSV): which rows ship, one line per
 * shipment (an order, or a 同梱 group), each with a fresh key; rows kept out with a reason; characters
 * Shift-JIS cannot carry replaced and named by row.
 */

/** One 受注一覧 row as the label rules see it. */
export interface LabelRowInput extends Recipient {
  /** the table's row index (for writing the key back) */
  index: number;
  /** the sheet row, for messages */
  row: number;
  shop: string;
  orderId: string;
  status: ManagementStatus | null;
  cancelledByMall: boolean;
  tracking: string;
  labelKey: string;
  combined: string;
  item: string;
  qty: number;
}

export interface LabelExportOptions {
  format: LabelFormat;
  shop?: string;
  /** rows that already have a 送り状キー get a new one (a label printed again) */
  reissue?: boolean;
  /** at most this many shipments (lines) */
  limit?: number;
  /** YYYYMMDD: 出荷予定日 and the keys' date */
  today: string;
  shipper: Shipper | undefined;
  b2: B2Settings | undefined;
  /** every 送り状キー in the workbook, so new keys are unique in it */
  existingKeys: ReadonlySet<string>;
}

/** Why a row is left out, or what was changed on its way into the file. */
export type LabelNote =
  | { kind: 'noAddress' | 'noName' | 'badPostal' | 'addressTooLong'; rows: number[] }
  | { kind: 'phonePlaceholder' | 'nameShortened'; rows: number[] }
  | { kind: 'replaced'; rows: number[]; chars: string[] }
  /** a 同梱 value the seller typed across shops or recipients: the whole group is kept out */
  | { kind: 'combinedMismatch'; rows: number[]; keys: string[] };

export interface PlannedShipment {
  key: string;
  shop: string;
  /** table row indexes */
  indexes: number[];
  rows: number[];
  line: string[];
}

export interface LabelPlan {
  format: LabelFormatDef;
  header: string[];
  shipments: PlannedShipment[];
  notes: LabelNote[];
  /** settings the format needs that are missing: nothing is planned */
  missingSettings: ('shipper' | 'labels.b2')[];
  /** rows skipped because they have a key already (no re-issue asked) */
  alreadyKeyed: number;
  /** shipments beyond the limit, left for the next file */
  beyondLimit: number;
}

/** Rows the label CSV may take (docs/contract.md §3): no tracking number, 新規受付 / 発送待ち, not cancelled by the mall. */
export function isLabelCandidate(r: LabelRowInput, shop: string | undefined): boolean {
  if (shop !== undefined && r.shop !== shop) return false;
  if (r.tracking.trim() !== '' || r.cancelledByMall) return false;
  return r.status === 'new' || r.status === 'awaiting';
}

export function planLabelExport(rows: readonly LabelRowInput[], opts: LabelExportOptions): LabelPlan {
  const format = LABEL_FORMAT_DEFS[opts.format];
  const plan: LabelPlan = {
    format,
    header: format.columns.map((c) => c.header),
    shipments: [],
    notes: [],
    missingSettings: [],
    alreadyKeyed: 0,
    beyondLimit: 0,
  };
  if (format.needsShipper && !opts.shipper) plan.missingSettings.push('shipper');
  if (format.needsB2 && !opts.b2) plan.missingSettings.push('labels.b2');
  if (plan.missingSettings.length > 0) return plan;

  const groups = new Map<string, LabelRowInput[]>();
  for (const r of rows) {
    if (!isLabelCandidate(r, opts.shop)) continue;
    if (r.labelKey.trim() !== '' && !opts.reissue) {
      plan.alreadyKeyed++;
      continue;
    }
    // rows of one order, or of one 同梱 group (a key unique in the workbook, whatever the shop), are one shipment
    const id = r.combined.trim() !== '' ? `c\u0000${r.combined.trim()}` : `o\u0000${r.shop}\u0000${r.orderId}`;
    const g = groups.get(id);
    if (g) g.push(r);
    else groups.set(id, [r]);
  }

  const note = (kind: Exclude<LabelNote['kind'], 'replaced'>, group: LabelRowInput[]) => {
    const found = plan.notes.find((n) => n.kind === kind);
    const rowsOf = group.map((r) => r.row);
    if (found) found.rows.push(...rowsOf);
    else plan.notes.push({ kind, rows: rowsOf } as LabelNote);
  };
  const keys = keyMaker(opts.today, opts.existingKeys);
  const shipper = opts.shipper ? fitShipper(opts.shipper, format) : emptyShipper();
  const replaced = new Map<string, number[]>(); // chars (joined) → rows

  for (const group of groups.values()) {
    const who = group.find((r) => r.address.trim() !== '') ?? group[0];
    if (group[0].combined.trim() !== '' && !oneRecipient(group)) {
      const found = plan.notes.find((n) => n.kind === 'combinedMismatch');
      const rowsOf = group.map((r) => r.row);
      if (found?.kind === 'combinedMismatch') {
        found.rows.push(...rowsOf);
        found.keys.push(group[0].combined.trim());
      } else plan.notes.push({ kind: 'combinedMismatch', rows: rowsOf, keys: [group[0].combined.trim()] });
      continue;
    }
    if (who.address.trim() === '') {
      note('noAddress', group);
      continue;
    }
    if (who.recipient.trim() === '') {
      note('noName', group);
      continue;
    }
    const postalCode = normalizePostal(who.postalCode);
    if (postalCode === '') {
      note('badPostal', group);
      continue;
    }
    const address = splitAddress(carry(who.address).text, format.addressFields);
    if (!address) {
      note('addressTooLong', group);
      continue;
    }
    if (plan.shipments.length >= (opts.limit ?? Infinity)) {
      plan.beyondLimit++;
      continue;
    }
    let phone = normalizePhone(who.phone);
    if (phone === '') {
      // a carrier needs a phone: the shipper's stands in, as peers do (docs/shipping-labels.md §5)
      phone = normalizePhone(shipper.phone);
      note('phonePlaceholder', group);
    }
    const name = carry(who.recipient.replace(/\s+/g, ' ').trim()).text;
    const fittedName = fitName(name, format.nameBytes);
    if (fittedName !== name) note('nameShortened', group);
    const items = group.map((r) => ({ name: carry(r.item).text, qty: r.qty }));
    const fitted: FittedShipment = {
      // clickpost has no key column, but the key still marks the rows as sent to a label file
      key: keys.next(),
      postalCode,
      phone,
      address: [...address, '', '', '', ''].slice(0, Math.max(format.addressFields.length, 4)),
      name: fittedName,
      item: itemName(items, format.itemBytes, carry(opts.b2?.itemName ?? '').text),
      shipDate: opts.today,
      shipper,
      b2: opts.b2,
    };
    const lost = [
      ...new Set([who.recipient, who.address, ...group.map((r) => r.item)].flatMap((t) => carry(t).replaced)),
    ];
    if (lost.length > 0) {
      const k = lost.join('');
      replaced.set(k, [...(replaced.get(k) ?? []), ...group.map((r) => r.row)]);
    }
    plan.shipments.push({
      key: fitted.key,
      shop: who.shop,
      indexes: group.map((r) => r.index),
      rows: group.map((r) => r.row),
      line: format.columns.map((c) => csvSafe(c.value ? c.value(fitted) : '')),
    });
  }
  for (const [chars, rowsOf] of replaced) plan.notes.push({ kind: 'replaced', rows: rowsOf, chars: [...chars] });
  return plan;
}

/** A 同梱 group ships to one address of one shop: rows with an address all name the same recipient. */
function oneRecipient(group: readonly LabelRowInput[]): boolean {
  if (new Set(group.map((r) => r.shop)).size > 1) return false;
  const who = new Set(group.filter((r) => r.address.trim() !== '').map(recipientKey));
  return who.size <= 1;
}

/** A name longer than the field is cut (the carrier prints no more); the Log says so. */
function fitName(name: string, bytes: number): string {
  return sjisBytes(name) <= bytes ? name : cutToBytes(name, bytes).trim();
}

/** No line breaks or tabs inside a value: carriers read one line per record (docs/shipping-labels.md §5). */
function csvSafe(v: string): string {
  return v.replace(/[\r\n\t]+/g, ' ');
}

function fitShipper(s: Shipper, format: LabelFormatDef): FittedShipper {
  const fields = format.shipperAddressFields;
  const parts = fields.length > 0 ? (splitAddress(carry(s.address).text, fields) ?? [carry(s.address).text]) : [];
  return {
    name: fitName(carry(s.name).text, format.nameBytes),
    postalCode: normalizePostal(s.postalCode),
    address: s.address,
    phone: normalizePhone(s.phone) || s.phone,
    address1: parts[0] ?? '',
    address2: parts[1] ?? '',
    address3: parts[2] ?? '',
  };
}

function emptyShipper(): FittedShipper {
  return { name: '', postalCode: '', address: '', phone: '', address1: '', address2: '', address3: '' };
}

/**
 * Keys as `L` + YYMMDD + a 5-digit sequence (12 half-width characters: within B2's 20 and e飛伝's 16), the
 * sequence continuing after the day's highest key in the workbook, so a key is never given twice.
 */
export function keyMaker(today: string, existing: ReadonlySet<string>): { next(): string } {
  const prefix = `L${today.slice(2, 8)}`;
  let seq = 0;
  for (const k of existing) {
    if (k.startsWith(prefix) && /^\d{5}$/.test(k.slice(prefix.length)))
      seq = Math.max(seq, Number(k.slice(prefix.length)));
  }
  return {
    next() {
      let key: string;
      do key = `${prefix}${String(++seq).padStart(5, '0')}`;
      while (existing.has(key));
      return key;
    },
  };
}
