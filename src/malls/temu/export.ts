import type { ExportLine, ExportOrder, LineOutcome, ShopContext } from '../../engine/connector';
import { type MallCarrier, matchCarrier } from '../shared/carriers';
import type { TemuAnswer, TemuCall, TemuClient } from './client';
import { ALREADY_SHIPPED } from './codes';
import { TemuError } from './errors';
import { RunLookups } from './lookups';
import { type ConfirmPlan, type EditPlan, type Held, type PlanDeps, planExport } from './plan';
import { ConfirmResultSchema, ShipmentInfoSchema } from './schemas';

/**
 * Tracking export (docs/malls/temu.md §1): ./plan decides the calls; this file resolves carriers and the
 * warehouse, sends bg.logistics.shipment.v2.confirm per planned call, changes accepted numbers with
 * bg.logistics.shipment.shippingtype.update, and reads bg.logistics.shipment.v2.get where Temu says
 * "already shipped" or a package must be found. A row is OK only when Temu holds its number.
 */

export type ExportDeps = PlanDeps;

interface Resolved<P> {
  plan: P;
  lines: ExportLine[];
  call: TemuCall;
}

type Outcomes = LineOutcome[];

/** A line sent with this (normalised) tracking number. */
interface Sent {
  line: ExportLine;
  tracking: string;
}

const CONFIRM = 'bg.logistics.shipment.v2.confirm';
const SHIPMENT_GET = 'bg.logistics.shipment.v2.get';
const EDIT = 'bg.logistics.shipment.shippingtype.update';
/** calls built and sent together: requests are signed when built (timestamp ±300 s, docs/malls/temu.md §5) */
const CALL_GROUP = 100;

export function exportOrders(
  client: TemuClient,
  ctx: ShopContext,
  orders: ExportOrder[],
  opts: { dryRun: boolean },
  deps: ExportDeps,
): Outcomes {
  const outcomes: Outcomes = [];
  const plan = planExport(orders, deps);
  for (const h of plan.held)
    for (const l of h.lines) outcomes.push({ key: l.key, kind: 'held', message: heldMessage(ctx, h) });
  if (plan.confirms.length === 0 && plan.edits.length === 0) return outcomes;

  const lookups = new RunLookups(client, ctx);
  const fail = (lines: ExportLine[], message: string) => {
    for (const l of lines) outcomes.push({ key: l.key, kind: 'error', message });
  };
  let warehouseId: string;
  try {
    warehouseId = lookups.warehouseId();
  } catch (e) {
    if (!(e instanceof TemuError)) throw e;
    fail([...plan.confirms.flatMap(linesOf), ...plan.edits.flatMap((g) => g.lines)], e.message);
    return outcomes;
  }

  const carrierOf = (l: ExportLine) => resolveCarrier(l, lookups, ctx);
  const confirms = resolveAll(plan.confirms, linesOf, (p) => confirmCall(p, carrierOf, warehouseId), fail);
  const edits = resolveAll(
    plan.edits,
    (g) => g.lines,
    (g) => editParams(g, carrierOf, warehouseId),
    fail,
  );

  if (opts.dryRun) {
    for (const c of confirms) preview(outcomes, c.lines, confirmPreview(ctx, c, warehouseId));
    for (const e of edits)
      preview(outcomes, e.lines, ctx.t('temu.previewEdit', { order: e.plan.parent, from: e.plan.from, to: e.plan.to }));
    return outcomes;
  }

  const budget = new Budget(ctx, outcomes);
  const alreadyShipped: Sent[] = [];
  for (const group of budget.groups(confirms)) {
    const answers = sendAll(
      client,
      group.map((c) => c.call),
      group,
      fail,
    );
    answers?.forEach((a, i) => {
      const lines = group[i].lines;
      if (a.ok) confirmed(ctx, outcomes, lines, a.result);
      else if (a.code === ALREADY_SHIPPED)
        alreadyShipped.push(
          ...group[i].plan.packages.flatMap((k) => k.lines.map((line) => ({ line, tracking: k.tracking }))),
        );
      else fail(lines, a.message);
    });
  }
  const runnable = [...budget.groups(edits)].flat();
  verifyAndEdit(client, ctx, { alreadyShipped, edits: runnable }, outcomes, fail, budget);
  return outcomes;
}

function linesOf(p: ConfirmPlan): ExportLine[] {
  return p.packages.flatMap((k) => k.lines);
}

/** Builds each plan's call; a plan whose carrier cannot be resolved fails with the reason. */
function resolveAll<P>(
  plans: P[],
  lines: (p: P) => ExportLine[],
  build: (p: P) => TemuCall,
  fail: (lines: ExportLine[], message: string) => void,
): Resolved<P>[] {
  const out: Resolved<P>[] = [];
  for (const plan of plans) {
    try {
      out.push({ plan, lines: lines(plan), call: build(plan) });
    } catch (e) {
      if (!(e instanceof TemuError)) throw e;
      fail(lines(plan), e.message);
    }
  }
  return out;
}

function resolveCarrier(l: ExportLine, lookups: RunLookups, ctx: ShopContext): MallCarrier {
  const value = (l.carrier?.temu ?? '').trim() || l.carrierName.trim();
  if (!value) throw new TemuError(ctx.t('temu.err.carrierMissing'), null);
  const match = matchCarrier(value, lookups.carriers());
  if (!match.ok)
    throw new TemuError(ctx.t('temu.err.carrierUnknown', { value, candidates: match.candidates.join(', ') }), null);
  return match.carrier;
}

/** The carrier of a package is that of its first line. */
function confirmCall(p: ConfirmPlan, carrierOf: (l: ExportLine) => MallCarrier, warehouseId: string): TemuCall {
  return {
    type: CONFIRM,
    params: {
      sendType: p.sendType,
      sendRequestList: p.packages.map((k) => ({
        carrierId: longValue(carrierOf(k.lines[0]).id),
        trackingNumber: k.tracking,
        selfShippingWarehouseId: warehouseId,
        orderSendInfoList: k.lines.map((l) => ({ parentOrderSn: l.orderId, orderSn: l.lineId, quantity: l.qty })),
      })),
    },
  };
}

/** The edit call; its packageSn is filled in once bg.logistics.shipment.v2.get has named the package. */
function editParams(g: EditPlan, carrierOf: (l: ExportLine) => MallCarrier, warehouseId: string): TemuCall {
  return {
    type: EDIT,
    params: {
      trackingNumber: g.to,
      shipCompanyId: longValue(carrierOf(g.lines[0]).id),
      selfShippingWarehouseId: warehouseId,
    },
  };
}

/** carrierId is a LONG (docs/malls/temu.md §1.2): sent as a JSON number while it is exact, else as its digits. */
function longValue(id: string): number | string {
  return /^\d{1,15}$/.test(id) ? Number(id) : id;
}

function sendAll(
  client: TemuClient,
  calls: TemuCall[],
  items: { lines: ExportLine[] }[],
  fail: (lines: ExportLine[], message: string) => void,
): TemuAnswer[] | null {
  try {
    return client.callAll(calls);
  } catch (e) {
    if (!(e instanceof TemuError)) throw e;
    for (const x of items) fail(x.lines, e.message);
    return null;
  }
}

function confirmed(ctx: ShopContext, outcomes: Outcomes, lines: ExportLine[], result: unknown): void {
  const parsed = ConfirmResultSchema.safeParse(result);
  const warnings = parsed.success ? parsed.data : [];
  const note = warnings.length > 0 ? ctx.t('temu.note.warning', { warning: warnings.join(' / ') }) : undefined;
  for (const l of lines) outcomes.push(note ? { key: l.key, kind: 'ok', note } : { key: l.key, kind: 'ok' });
}

/**
 * "Already shipped" counts only when Temu holds this line's number; a changed number goes through the
 * package edit. Both read bg.logistics.shipment.v2.get first (one call per line or edit group).
 */
function verifyAndEdit(
  client: TemuClient,
  ctx: ShopContext,
  work: { alreadyShipped: Sent[]; edits: Resolved<EditPlan>[] },
  outcomes: Outcomes,
  fail: (lines: ExportLine[], message: string) => void,
  budget: Budget,
): void {
  const lookupsFor = [...work.alreadyShipped.map((x) => x.line), ...work.edits.map((e) => e.lines[0])];
  if (lookupsFor.length === 0) return;
  const shown = budget.allows(lookupsFor.length) ? mallShipments(client, lookupsFor) : null;
  if (shown === null) {
    budget.defer(lookupsFor.slice(0, work.alreadyShipped.length).concat(work.edits.flatMap((e) => e.lines)));
    return;
  }
  for (const [i, { line, tracking }] of work.alreadyShipped.entries()) {
    const mall = shown[i];
    if (mall.ok && mall.packages.some((p) => p.numbers.includes(tracking))) {
      outcomes.push({ key: line.key, kind: 'already', note: ctx.t('temu.note.alreadyShipped', { tracking }) });
    } else if (mall.ok && mall.packages.length > 0) {
      fail(
        [line],
        ctx.t('temu.err.mallKeepsOther', { mall: mall.packages.flatMap((p) => p.numbers).join(', '), tracking }),
      );
    } else {
      fail(
        [line],
        ctx.t('temu.err.alreadyUnverified', { detail: mall.ok ? ctx.t('temu.what.noPackage') : mall.message }),
      );
    }
  }

  const sendable: { edit: Resolved<EditPlan>; call: TemuCall }[] = [];
  for (const [k, e] of work.edits.entries()) {
    const mall = shown[work.alreadyShipped.length + k];
    const { from, to } = e.plan;
    if (!mall.ok) {
      fail(e.lines, ctx.t('temu.err.editFailed', { from, to, message: mall.message }));
      continue;
    }
    if (mall.packages.some((p) => p.numbers.includes(to))) {
      for (const l of e.lines)
        outcomes.push({ key: l.key, kind: 'already', note: ctx.t('temu.note.alreadyShipped', { tracking: to }) });
      continue;
    }
    const pkg = mall.packages.find((p) => p.tracking === from);
    if (!pkg) {
      const numbers = mall.packages.flatMap((p) => p.numbers).join(', ') || '-';
      fail(e.lines, ctx.t('temu.err.mallKeepsOther', { mall: numbers, tracking: to }));
      continue;
    }
    const { params } = e.call;
    sendable.push({
      edit: e,
      call: { type: EDIT, params: { editPackageRequestList: [{ packageSn: pkg.packageSn, ...params }] } },
    });
  }
  if (sendable.length === 0) return;
  if (!budget.allows(sendable.length)) {
    budget.defer(sendable.flatMap((s) => s.edit.lines));
    return;
  }
  const answers = sendAll(
    client,
    sendable.map((s) => s.call),
    sendable.map((s) => s.edit),
    fail,
  );
  answers?.forEach((a, i) => {
    const { plan, lines } = sendable[i].edit;
    if (a.ok && a.result !== false) {
      const note = ctx.t('temu.note.trackingChanged', { from: plan.from, to: plan.to });
      for (const l of lines) outcomes.push({ key: l.key, kind: 'ok', note });
    } else {
      fail(lines, ctx.t('temu.err.editFailed', { from: plan.from, to: plan.to, message: a.ok ? '-' : a.message }));
    }
  });
}

type MallShipment =
  | { ok: true; packages: { packageSn: string; tracking: string; numbers: string[] }[] }
  | { ok: false; message: string };

/** What Temu holds for each line: its packages, each with its number and its sub-packages' numbers. */
function mallShipments(client: TemuClient, lines: ExportLine[]): MallShipment[] {
  let answers: TemuAnswer[];
  try {
    answers = client.callAll(
      lines.map((l) => ({ type: SHIPMENT_GET, params: { parentOrderSn: l.orderId, orderSn: l.lineId } })),
    );
  } catch (e) {
    if (!(e instanceof TemuError)) throw e;
    return lines.map(() => ({ ok: false, message: e.message }));
  }
  return answers.map((a): MallShipment => {
    if (!a.ok) return { ok: false, message: a.message };
    try {
      const dto = client.parseResult(SHIPMENT_GET, a.result, ShipmentInfoSchema);
      return {
        ok: true,
        packages: dto.map((p) => ({
          packageSn: p.packageSn,
          tracking: p.trackingNumber,
          numbers: [p.trackingNumber, ...p.subPackageShipmentInfoList.map((s) => s.trackingNumber)].filter(
            (n) => n !== '',
          ),
        })),
      };
    } catch (e) {
      if (!(e instanceof TemuError)) throw e;
      return { ok: false, message: e.message };
    }
  });
}

/** Calls sent in groups while the run's budget allows; what does not fit waits for the next export. */
class Budget {
  private stopped = false;
  private sentAny = false;
  constructor(
    private readonly ctx: ShopContext,
    private readonly outcomes: Outcomes,
  ) {}

  allows(calls: number): boolean {
    if (!this.stopped && this.ctx.clock.now() + Math.ceil(calls / 20) * 1000 + 2000 > this.ctx.deadline)
      this.stopped = true;
    return !this.stopped;
  }

  defer(lines: ExportLine[]): void {
    for (const l of lines)
      this.outcomes.push({ key: l.key, kind: 'deferred', message: this.ctx.t('temu.held.budget') });
  }

  /** The export's first group always goes (progress); later ones only within the budget. */
  *groups<T extends { lines: ExportLine[] }>(items: T[]): Generator<T[]> {
    for (let i = 0; i < items.length; i += CALL_GROUP) {
      const group = items.slice(i, i + CALL_GROUP);
      if (this.sentAny && !this.allows(group.length)) {
        this.defer(items.slice(i).flatMap((x) => x.lines));
        return;
      }
      this.sentAny = true;
      yield group;
    }
  }
}

function preview(outcomes: Outcomes, lines: ExportLine[], message: string): void {
  for (const l of lines) outcomes.push({ key: l.key, kind: 'preview', message });
}

function confirmPreview(ctx: ShopContext, c: Resolved<ConfirmPlan>, warehouse: string): string {
  // each package's call entry carries its number and one orderSendInfoList item per line (confirmCall)
  const packages = c.plan.packages.map((k) => `${k.tracking} ×${k.lines.length}`);
  return ctx.t('temu.preview', {
    order: c.plan.parents.join(' + '),
    packages: packages.join(', '),
    sendType: c.plan.sendType,
    warehouse,
  });
}

function heldMessage(ctx: ShopContext, h: Held): string {
  const rows = (lines: ExportLine[]) => lines.map((l) => l.lineId).join(', ');
  const r = h.reason;
  switch (r.kind) {
    case 'sameTracking':
      return ctx.t('temu.held.sameTracking', { tracking: r.tracking, lines: rows(r.waiting) });
    case 'combinedIncomplete':
      return ctx.t('temu.held.combinedIncomplete', { tracking: r.tracking, order: r.order, lines: rows(r.blocking) });
    case 'packageShared':
      return ctx.t('temu.held.packageShared', { from: r.from, to: r.to, lines: rows(r.others) });
  }
}
