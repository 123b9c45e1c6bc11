import { connectorOf } from '../connector';
import { errorText } from '../error-text';
import { buildSlipDocument, type SlipDocument } from '../slips/document';
import { renderSlipsHtml } from '../slips/html';
import { pickSlipRows } from '../slips/rows';
import { formatDate } from '../text/dates';
import { record, selectShops, shopReport } from './report';
import type { EngineEnv, RunReport, Trigger } from './types';
import { withRun } from './with-run';

export interface SlipsOptions {
  trigger: Trigger;
  shop?: string;
  /** 1-based 受注一覧 rows the seller selected; without them, the rows a label CSV would carry */
  rows?: readonly number[];
  /** a preview: the HTML only; no file, no Log row, no status change */
  preview?: boolean;
  /**
   * Turns the HTML into the printed file (Chromium for the CLI, Apps Script's PDF converter in Sheets);
   * throws when it cannot. Statuses change only after it returned.
   */
  render?: (html: string) => void;
}

export interface SlipsReport extends RunReport {
  /** '' when the run stopped before (busy, invalid settings) */
  html: string;
  document: SlipDocument | null;
  /** rows moved 新規受付 → 発送待ち after printing (the slips.advanceStatus setting) */
  advanced: number;
  /** the settings ask for that move after a print */
  advancesStatus: boolean;
  /** readable lines about what prints (no shipper set) */
  notes: string[];
}

/**
 * 納品書 and ピッキングリスト (docs/shipping-labels.md §7): reads 受注一覧 once, renders one HTML, hands it to
 * `render`, then — when the settings ask — moves the printed 新規受付 rows to 発送待ち in one write.
 * One Log row per shop printed.
 */
export function runSlips(env: EngineEnv, opts: SlipsOptions): SlipsReport {
  let html = '';
  let document: SlipDocument | null = null;
  let advanced = 0;
  let advancesStatus = false;
  let notes: string[] = [];
  const report = withRun(env, { action: 'slips', trigger: opts.trigger, quiet: opts.preview === true }, (run) => {
    const shops = selectShops(run, opts.shop, true);
    const table = shops ? run.table() : null;
    if (!shops || !table) return;
    const started = env.clock.now();
    const { settings } = run;
    const mallOf = new Map(shops.map((s) => [s.name, connectorOf(env.connectors, s)]));
    const rows = table.slipRows(mallOf);
    const picked = pickSlipRows(rows, opts.rows);
    document = buildSlipDocument(picked, {
      comments: new Map(shops.map((s) => [s.name, s.slipComment ?? ''])),
      shipper: settings.shipper ?? null,
      issuedOn: formatDate(started, settings.timezone),
    });
    html = renderSlipsHtml(document, run.locale);
    advancesStatus = settings.slips?.advanceStatus === true;
    notes = settings.shipper ? [] : [run.t('slips.noShipper')];
    if (opts.preview) return;

    const { shipments } = document;
    const printed = shops.filter((s) => shipments.some((x) => x.shop === s.name));
    if (printed.length === 0) {
      // nothing to print is news, not a failure: one line saying which rows would have been printed
      const none = {
        shop: '',
        mall: '',
        action: 'slips' as const,
        fetched: 0,
        new: 0,
        updated: 0,
        exported: 0,
        failed: 0,
      };
      record(run, 'slips', { ...none, ok: true, message: run.t('slips.empty') }, env.clock.now() - started);
      return;
    }
    let failure = '';
    try {
      opts.render?.(html);
    } catch (e) {
      failure = run.redact(errorText(e, run.locale));
    }
    const moved = new Set<number>();
    if (!failure && advancesStatus) {
      for (const r of table.markAwaiting(document.shipments.flatMap((s) => s.rows))) moved.add(r);
      table.flush();
      advanced = moved.size;
    }
    for (const shop of printed) {
      const mine = document.shipments.filter((s) => s.shop === shop.name);
      const r = shopReport(shop, 'slips', connectorOf(env.connectors, shop).label);
      const lines = new Set(
        mine.flatMap((s) => s.items.map((i) => `${i.sku}\u0000${i.variant}\u0000${i.sku ? '' : i.item}`)),
      );
      const summary = run.t('slips.summary', {
        shipments: mine.length,
        lines: lines.size,
        rows: mine.reduce((n, s) => n + s.rows.length, 0),
      });
      const movedHere = mine.reduce((n, s) => n + s.rows.filter((row) => moved.has(row)).length, 0);
      const advancedHere = movedHere > 0 ? [run.t('slips.advanced', { count: movedHere })] : [];
      if (failure) {
        r.ok = false;
        r.failed = mine.length;
      }
      r.message = [...(failure ? [failure] : [summary, ...advancedHere]), ...notes].join(' / ');
      record(run, 'slips', r, env.clock.now() - started);
    }
  });
  return { ...report, html, document, advanced, advancesStatus, notes };
}
