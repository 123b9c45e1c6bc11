import { translate, type MessageKey } from '../../i18n';
import type { Locale } from '../settings/schema';
import type { PickingList, SlipDocument, SlipItem, SlipShipment } from './document';

/**
 * The one HTML template of 納品書 and ピッキングリスト: Chromium prints it for the CLI, Apps Script turns it
 * into a PDF (docs/shipping-labels.md §7). Layout is tables and block boxes only, which both renderers
 * agree on. Every value from a mall or the seller goes through `esc`: a formula, a tag or a 600-character
 * name prints as the text it is.
 */

/** Fonts that carry every character a Japanese sheet holds: Noto CJK first (Debian's fonts-noto-cjk). */
const SLIP_FONT_STACK =
  '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Kaku Gothic ProN", "Yu Gothic", Meiryo, sans-serif';

const CSS = `
@page { size: A4 portrait; margin: 14mm 13mm 14mm 13mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: ${SLIP_FONT_STACK}; font-size: 9.5pt; line-height: 1.55; color: #111;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.page { break-after: page; page-break-after: always; }
.page:last-child { break-after: auto; page-break-after: auto; }
.wrap { overflow-wrap: anywhere; word-wrap: break-word; }
h1 { font-size: 20pt; font-weight: 700; letter-spacing: 0.15em; margin: 0 0 2mm; }
.slip h1 { letter-spacing: 0.5em; }
.head { width: 100%; border-collapse: collapse; margin-bottom: 5mm; border-bottom: 0.6mm solid #111; }
.head td { vertical-align: bottom; padding: 0 0 2mm; }
.head .meta { text-align: right; font-size: 9pt; }
.parties { width: 100%; border-collapse: collapse; table-layout: fixed; margin-bottom: 5mm; }
.parties td { vertical-align: top; padding: 0; }
.to { padding-right: 8mm !important; }
.label { font-size: 8pt; color: #555; letter-spacing: 0.1em; margin-bottom: 1mm; }
.name { font-size: 14pt; font-weight: 700; margin: 1mm 0; }
.from { font-size: 8.5pt; border-left: 0.3mm solid #999; padding-left: 4mm !important; }
.from .shop { font-size: 11pt; font-weight: 700; }
.orders { width: 100%; border-collapse: collapse; table-layout: fixed; margin-bottom: 4mm; font-size: 9pt; }
.orders th { width: 22mm; text-align: left; font-weight: 400; color: #555; padding: 0.8mm 0; vertical-align: top; }
.orders td { padding: 0.8mm 0; vertical-align: top; }
.lead { margin: 0 0 3mm; font-size: 9pt; }
table.items { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.items th { background: #eee; font-weight: 700; font-size: 8.5pt; text-align: left; padding: 1.6mm 1.8mm;
  border-top: 0.4mm solid #111; border-bottom: 0.3mm solid #111; }
table.items td { padding: 1.8mm; border-bottom: 0.2mm solid #bbb; vertical-align: top; }
table.items thead { display: table-header-group; }
table.items tr { break-inside: avoid; page-break-inside: avoid; }
.num { text-align: right !important; white-space: nowrap; font-variant-numeric: tabular-nums; }
.sku { font-family: "Noto Sans Mono CJK JP", ${SLIP_FONT_STACK}; font-size: 8.5pt; }
.total td { border-bottom: 0.4mm solid #111; font-weight: 700; }
.comment { margin-top: 6mm; border: 0.3mm solid #999; padding: 3mm 4mm; white-space: pre-wrap; }
.check { width: 4.5mm; height: 4.5mm; border: 0.35mm solid #111; display: inline-block; }
.served { font-size: 8pt; line-height: 1.45; }
.served .who { color: #555; }
.totals { margin-top: 4mm; text-align: right; font-weight: 700; font-size: 10.5pt; }
.empty { font-size: 12pt; padding: 20mm 0; text-align: center; }
@media screen {
  body { background: #e8eaed; padding: 6mm 0; }
  .page { background: #fff; width: 210mm; min-height: 297mm; margin: 0 auto 6mm; padding: 14mm 13mm;
    box-shadow: 0 1px 3px rgba(0, 0, 0, 0.25); }
}
`;

/** One string; `&<>"'` become references, so nothing a value holds is read as markup. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderSlipsHtml(doc: SlipDocument, locale: Locale): string {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const pages =
    doc.shipments.length === 0
      ? [`<section class="page"><p class="empty">${esc(t('slips.empty'))}</p></section>`]
      : [...doc.shipments.map((s, i) => slipPage(doc, s, i, locale)), pickingPage(doc, doc.picking, locale)];
  return [
    '<!DOCTYPE html>',
    `<html lang="${locale}"><head><meta charset="utf-8">`,
    `<title>${esc(t('slips.docTitle'))} ${esc(dateText(doc.issuedOn, locale))}</title>`,
    `<style>${CSS}</style></head><body>`,
    ...pages,
    '</body></html>',
  ].join('\n');
}

function slipPage(doc: SlipDocument, s: SlipShipment, index: number, locale: Locale): string {
  const t = (key: MessageKey) => translate(locale, key);
  const honorific = t('slips.honorific');
  const shipper = doc.shipper;
  const from = [
    `<div class="label">${esc(t('slips.from'))}</div>`,
    `<div class="shop wrap">${esc(s.shop)}</div>`,
    ...(shipper
      ? [
          `<div class="wrap">${esc(shipper.name)}</div>`,
          `<div class="wrap">〒${esc(shipper.postalCode)} ${esc(shipper.address)}</div>`,
          `<div class="wrap">${esc(t('slips.tel'))} ${esc(shipper.phone)}</div>`,
        ]
      : []),
  ].join('');
  const to = [
    `<div class="label">${esc(t('slips.to'))}</div>`,
    s.postalCode ? `<div class="wrap">〒${esc(s.postalCode)}</div>` : '',
    `<div class="wrap">${esc(s.address)}</div>`,
    `<div class="name wrap">${esc(s.recipient)}${honorific ? ` ${esc(honorific)}` : ''}</div>`,
    s.phone ? `<div class="wrap">${esc(t('slips.tel'))} ${esc(s.phone)}</div>` : '',
  ].join('');
  const meta: [MessageKey, string][] = [
    ['slips.orderIds', s.orderIds.join(', ')],
    ['slips.orderedAt', s.orderedAt ? dateText(s.orderedAt, locale) : ''],
    ['slips.shop', s.shop],
  ];
  return [
    `<section class="page slip" data-shipment="${index + 1}">`,
    '<table class="head"><tr>',
    `<td><h1>${esc(t('slips.title'))}</h1></td>`,
    `<td class="meta">${esc(t('slips.issuedOn'))} ${esc(dateText(doc.issuedOn, locale))}</td>`,
    '</tr></table>',
    `<table class="parties"><tr><td class="to">${to}</td><td class="from">${from}</td></tr></table>`,
    '<table class="orders">',
    ...meta.map(([k, v]) => `<tr><th>${esc(t(k))}</th><td class="wrap">${esc(v)}</td></tr>`),
    '</table>',
    `<p class="lead">${esc(t('slips.lead'))}</p>`,
    itemsTable(s, locale),
    s.comment ? `<div class="comment wrap">${esc(s.comment)}</div>` : '',
    '</section>',
  ].join('\n');
}

function itemsTable(s: SlipShipment, locale: Locale): string {
  const t = (key: MessageKey) => translate(locale, key);
  const head = [
    `<col style="width:38%"><col style="width:17%"><col style="width:15%"><col style="width:8%">`,
    `<col style="width:11%"><col style="width:11%">`,
  ].join('');
  const row = (i: SlipItem) =>
    [
      '<tr>',
      `<td class="wrap">${esc(i.item)}</td>`,
      `<td class="wrap sku">${esc(i.sku)}</td>`,
      `<td class="wrap">${esc(i.variant)}</td>`,
      `<td class="num">${i.qty === null ? '' : esc(groupDigits(i.qty))}</td>`,
      `<td class="num">${i.unitPrice === null ? '' : esc(money(i.unitPrice, i.currency))}</td>`,
      `<td class="num">${i.amount === null ? '' : esc(money(i.amount, i.currency))}</td>`,
      '</tr>',
    ].join('');
  const qty = s.items.reduce((n, i) => n + (i.qty ?? 0), 0);
  const total = [
    '<tr class="total">',
    `<td colspan="3">${esc(t('slips.total'))}</td>`,
    `<td class="num">${esc(groupDigits(qty))}</td><td></td>`,
    `<td class="num">${s.total ? esc(money(s.total.amount, s.total.currency)) : ''}</td>`,
    '</tr>',
  ].join('');
  const cols: [MessageKey, boolean][] = [
    ['slips.col.item', false],
    ['slips.col.sku', false],
    ['slips.col.variant', false],
    ['slips.col.qty', true],
    ['slips.col.unitPrice', true],
    ['slips.col.amount', true],
  ];
  return [
    `<table class="items"><colgroup>${head}</colgroup><thead><tr>`,
    ...cols.map(([k, num]) => `<th${num ? ' class="num"' : ''}>${esc(t(k))}</th>`),
    '</tr></thead><tbody>',
    ...s.items.map(row),
    total,
    '</tbody></table>',
  ].join('\n');
}

function pickingPage(doc: SlipDocument, list: PickingList, locale: Locale): string {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const shops = new Set(list.lines.flatMap((l) => l.orders.map((o) => o.shop)));
  // with one shop the order numbers say enough; with several, one line per shop names it
  const served = (orders: { shop: string; orderId: string }[]) =>
    [...new Set(orders.map((o) => o.shop))]
      .map((shop) => {
        const ids = orders.filter((o) => o.shop === shop).map((o) => o.orderId).join(', ');
        return `<div>${shops.size > 1 ? `<span class="who">${esc(shop)}:</span> ` : ''}${esc(ids)}</div>`;
      })
      .join('');
  return [
    '<section class="page picking">',
    '<table class="head"><tr>',
    `<td><h1>${esc(t('slips.picking.title'))}</h1></td>`,
    `<td class="meta">${esc(t('slips.issuedOn'))} ${esc(dateText(doc.issuedOn, locale))}</td>`,
    '</tr></table>',
    '<table class="items"><colgroup>',
    '<col style="width:6%"><col style="width:16%"><col style="width:25%"><col style="width:13%">',
    '<col style="width:7%"><col style="width:33%">',
    '</colgroup><thead><tr>',
    `<th>${esc(t('slips.picking.check'))}</th><th>${esc(t('slips.col.sku'))}</th><th>${esc(t('slips.col.item'))}</th>`,
    `<th>${esc(t('slips.col.variant'))}</th><th class="num">${esc(t('slips.col.qty'))}</th>`,
    `<th>${esc(t('slips.picking.orders'))}</th>`,
    '</tr></thead><tbody>',
    ...list.lines.map((l) =>
      [
        '<tr>',
        '<td><span class="check"></span></td>',
        `<td class="wrap sku">${esc(l.sku)}</td>`,
        `<td class="wrap">${esc(l.item)}</td>`,
        `<td class="wrap">${esc(l.variant)}</td>`,
        `<td class="num">${esc(groupDigits(l.qty))}</td>`,
        `<td class="wrap served">${served(l.orders)}</td>`,
        '</tr>',
      ].join(''),
    ),
    '</tbody></table>',
    `<p class="totals">${esc(t('slips.picking.totals', { qty: groupDigits(list.totalQty), lines: list.lines.length, shipments: list.shipments }))}</p>`,
    '</section>',
  ].join('\n');
}

/** 2026-11-22 (or 2026-11-22 09:30) → 2026年11月22日 in Japanese; as given in English or when unreadable. */
function dateText(text: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!m) return text;
  return locale === 'ja' ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : `${m[1]}-${m[2]}-${m[3]}`;
}

/** ¥1,980 for yen; 12.50 USD for others (no Intl: Apps Script and Node print the same). */
function money(amount: number, currency: string): string {
  if (currency === 'JPY' || currency === '') {
    return `${currency === 'JPY' ? '¥' : ''}${groupDigits(amount)}`;
  }
  return `${groupDigits(amount, 2)} ${currency}`;
}

function groupDigits(n: number, decimals?: number): string {
  const fixed = decimals === undefined ? String(Math.round(n * 100) / 100) : n.toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}
