import type { ExportLine, ExportOrder } from '../../engine/connector';

/**
 * Which Temu calls an export makes, pure (docs/malls/temu.md §1.2, §1.4 and the Order Fulfillment Guide):
 * - Partial fulfilment within a parent is allowed: the ready children of a parent ship now; a sibling that is
 *   not ready, or that the mall already shows shipped, never holds them. Children with one tracking number go
 *   in the same call (a tracking number succeeds once), so a sibling with that number that is not ready yet
 *   holds them.
 * - 同梱: parents of the shop exported with the same tracking number go in one sendType 2 call, every child of
 *   each parent in it (Temu refuses partial fulfilment across merged parents); a parent that cannot send all
 *   its children with that number is held, the others still combine.
 * - A line the mall accepted earlier with another number changes that package's number
 *   (bg.logistics.shipment.shippingtype.update); every line of the package must carry the same new number.
 */

export interface PlannedPackage {
  tracking: string;
  lines: ExportLine[];
}

export interface ConfirmPlan {
  /** parentOrderSn of each parent in the call (several for sendType 2) */
  parents: string[];
  sendType: 0 | 1 | 2;
  packages: PlannedPackage[];
}

export interface EditPlan {
  parent: string;
  /** the number the mall accepted, and the one to replace it with */
  from: string;
  to: string;
  lines: ExportLine[];
}

export type HoldReason =
  | { kind: 'sameTracking'; tracking: string; waiting: ExportLine[] }
  | { kind: 'combinedIncomplete'; tracking: string; order: string; blocking: ExportLine[] }
  | { kind: 'packageShared'; from: string; to: string; others: ExportLine[] };

export interface Held {
  lines: ExportLine[];
  reason: HoldReason;
}

export interface Plan {
  confirms: ConfirmPlan[];
  edits: EditPlan[];
  held: Held[];
}

export interface PlanDeps {
  isCancelledStatus(mallStatus: string): boolean;
  /** Temu's own clean-up of a number (the engine applies it too; repeated here so plans never depend on it) */
  normalizeTracking(tracking: string): string;
}

/** Mall statuses of a child Temu shows shipped (docs/malls/temu.md §3.1). */
const SHIPPED_STATUSES: ReadonlySet<string> = new Set(['SHIPPED', 'RECEIPTED']);

interface ParentPart {
  order: ExportOrder;
  packages: PlannedPackage[];
}

export function planExport(orders: ExportOrder[], deps: PlanDeps): Plan {
  const held: Held[] = [];
  const open = (l: ExportLine) => l.status !== 'cancelled' && !deps.isCancelledStatus(l.mallStatus);
  const number = (l: ExportLine) => deps.normalizeTracking(l.tracking);
  const parts: ParentPart[] = [];
  const changed: ExportLine[] = [];

  for (const order of orders) {
    const packages: PlannedPackage[] = [];
    for (const [tracking, lines] of byTracking(
      order.lines.filter((l) => l.ready && l.exportedTracking === ''),
      number,
    )) {
      const waiting = order.lines.filter(
        (s) => !s.ready && open(s) && s.exportedTracking === '' && number(s) === tracking,
      );
      if (waiting.length > 0) held.push({ lines, reason: { kind: 'sameTracking', tracking, waiting } });
      else packages.push({ tracking, lines });
    }
    if (packages.length > 0) parts.push({ order, packages });
    changed.push(...order.lines.filter((l) => l.ready && l.exportedTracking !== ''));
  }

  const combined = combine(parts, open, held);
  const single = parts.filter((p) => !combined.used.has(p)).map((p) => singleParent(p, open));
  return { confirms: [...combined.confirms, ...single], edits: editsOf(orders, changed, number, held), held };
}

/** A parent alone: sendType 0 when the call ships everything of it still open in one package, else 1. */
function singleParent(p: ParentPart, open: (l: ExportLine) => boolean): ConfirmPlan {
  const sent = new Set(p.packages.flatMap((k) => k.lines));
  const rest = p.order.lines.filter((l) => open(l) && !shipped(l) && !sent.has(l));
  // the docs name sendType 1 "part of a parent"; one package of part of a parent is 1 as well (an official
  // example sends 1 with one package), the safer reading where the docs do not say
  return {
    parents: [p.order.orderId],
    sendType: p.packages.length === 1 && rest.length === 0 ? 0 : 1,
    packages: p.packages,
  };
}

/**
 * Tracking numbers several parents share: one sendType 2 call of the parents that send every open child
 * with that number; the others are held. A parent left alone in its group ships by itself.
 */
function combine(parts: ParentPart[], open: (l: ExportLine) => boolean, held: Held[]) {
  const used = new Set<ParentPart>();
  const confirms: ConfirmPlan[] = [];
  /** tracking → each parent with a package of that number, and that package's lines */
  const sharing = new Map<string, { part: ParentPart; mine: ExportLine[] }[]>();
  for (const part of parts)
    for (const k of part.packages)
      sharing.set(k.tracking, [...(sharing.get(k.tracking) ?? []), { part, mine: k.lines }]);
  for (const [tracking, group] of sharing) {
    const members = group.filter((m) => !used.has(m.part));
    if (members.length < 2) continue;
    const joining: { part: ParentPart; mine: ExportLine[] }[] = [];
    for (const member of members) {
      const { part: p, mine } = member;
      const blocking = p.order.lines.filter((l) => open(l) && !mine.includes(l));
      if (blocking.length === 0) {
        joining.push(member);
      } else {
        used.add(p);
        held.push({
          lines: p.packages.flatMap((k) => k.lines),
          reason: { kind: 'combinedIncomplete', tracking, order: p.order.orderId, blocking },
        });
      }
    }
    if (joining.length < 2) continue;
    for (const m of joining) used.add(m.part);
    confirms.push({
      parents: joining.map((m) => m.part.order.orderId),
      sendType: 2,
      packages: [{ tracking, lines: joining.flatMap((m) => m.mine) }],
    });
  }
  return { confirms, used };
}

/**
 * Changed numbers, grouped by (accepted number → new number). Temu changes a package, so every line the
 * mall accepted with the old number must now carry the same new one; otherwise the group is held.
 */
function editsOf(
  orders: ExportOrder[],
  changed: ExportLine[],
  number: (l: ExportLine) => string,
  held: Held[],
): EditPlan[] {
  const groups = new Map<string, EditPlan>();
  for (const l of changed) {
    const key = `${l.orderId}\u0000${l.exportedTracking}\u0000${number(l)}`;
    const g = groups.get(key) ?? { parent: l.orderId, from: l.exportedTracking, to: number(l), lines: [] };
    g.lines.push(l);
    groups.set(key, g);
  }
  const everyLine = orders.flatMap((o) => o.lines);
  const edits: EditPlan[] = [];
  for (const g of groups.values()) {
    const others = everyLine.filter((l) => l.exportedTracking === g.from && !g.lines.includes(l) && number(l) !== g.to);
    if (others.length > 0)
      held.push({ lines: g.lines, reason: { kind: 'packageShared', from: g.from, to: g.to, others } });
    else edits.push(g);
  }
  return edits;
}

function shipped(l: ExportLine): boolean {
  return l.exportedTracking !== '' || SHIPPED_STATUSES.has(l.mallStatus);
}

function byTracking(lines: ExportLine[], number: (l: ExportLine) => string): Map<string, ExportLine[]> {
  const out = new Map<string, ExportLine[]>();
  for (const l of lines) out.set(number(l), [...(out.get(number(l)) ?? []), l]);
  return out;
}
