import { atHouse, BUYERS, PRODUCTS, pick, rng, type SampleBuyer } from '../sample-data';

/** The sandbox's Qoo10 order lines: one per OrderNo, grouped in carts (PackNo). */
export interface SandboxLine {
  orderNo: string;
  packNo: string;
  /** every OrderNo of the cart */
  related: string[];
  /** ShippingStatus 1–5 (docs/malls/qoo10.md §3) */
  status: number;
  orderDate: number;
  paymentDate: number | null;
  estShipDate: number | null;
  shippingDate: number | null;
  deliveredDate: number | null;
  title: string;
  option: string;
  optionCode: string;
  sellerItemCode: string;
  qty: number;
  price: number;
  discount: number;
  shippingRate: number;
  buyer: SampleBuyer;
  /** receiver's phone goes in the landline field with an empty mobile ("+81--") */
  phoneInTel: boolean;
  deliveryCompany: string;
  trackingNo: string;
  /** cancellation claim (ClaimStat 1, 2, 3 or 16) */
  claim: { stat: string; requestDate: number; doneDate: number | null } | null;
}

const DAY = 86_400_000;

/**
 * Deterministic carts from the seed, spread over the last 10 days before `now`. Each cart draws from its
 * own generator (seed, index), so 10,000 orders cost one pass and no shared state.
 */
export function generateLines(seed: number, orders: number, now: number): SandboxLine[] {
  const out: SandboxLine[] = [];
  for (let i = 0; i < orders; i++) {
    const r = rng((seed * 100_003 + i * 7_919) >>> 0);
    r(); // decorrelate neighbouring seeds
    const packNo = String(700_000_000 + i);
    const count = 1 + (r() < 0.3 ? 1 : 0) + (r() < 0.1 ? 1 : 0);
    const related = Array.from({ length: count }, (_, j) => String(1_100_000_000 + i * 3 + j));
    const orderDate = Math.floor(now - r() * 10 * DAY);
    const roll = r();
    const status = roll < 0.08 ? 1 : roll < 0.5 ? 2 : roll < 0.75 ? 3 : roll < 0.85 ? 4 : roll < 0.9 ? 5 : 2;
    const claimStat = roll >= 0.9 ? (roll < 0.97 ? '3' : '1') : null;
    const picked = pick(r, BUYERS);
    // every third cart, when it and the cart before both wait for shipment, comes from that cart's buyer:
    // two carts one box can carry (同梱)
    const previous = out[out.length - 1];
    const waits = (s: number, claim: string | null) => (s === 2 || s === 3) && claim === null;
    const again =
      i % 3 === 2 && previous && waits(previous.status, previous.claim?.stat ?? null) && waits(status, claimStat);
    const buyer = again ? previous.buyer : atHouse(picked, i + 1);
    const phoneInTel = r() < 0.3;
    const shippingRate = r() < 0.5 ? 0 : 550;
    related.forEach((orderNo) => {
      const p = pick(r, PRODUCTS);
      const qty = 1 + Math.floor(r() * 3);
      const shipped = status >= 4;
      out.push({
        orderNo,
        packNo,
        related,
        status,
        orderDate,
        paymentDate: status === 1 ? null : orderDate + 60_000,
        estShipDate: status >= 3 ? orderDate + 3 * DAY : null,
        shippingDate: shipped ? orderDate + DAY : null,
        deliveredDate: status === 5 ? orderDate + 2 * DAY : null,
        title: p.name,
        option: p.variant,
        optionCode: p.sku,
        sellerItemCode: p.sku.split('-')[0] || p.sku,
        qty,
        price: p.price,
        discount: r() < 0.2 ? 100 : 0,
        shippingRate,
        buyer,
        phoneInTel,
        deliveryCompany: shipped ? 'ヤマト宅急便' : '',
        trackingNo: shipped ? String(400_000_000_000 + i) : '',
        claim: claimStat
          ? {
              stat: claimStat,
              requestDate: orderDate + 3_600_000,
              doneDate: claimStat === '3' ? orderDate + 7_200_000 : null,
            }
          : null,
      });
    });
  }
  return out;
}

/** Qoo10's phone form: "+81-90-1234-5678" (docs/malls/qoo10.md §3 Value formats). */
export function qoo10Phone(phone: string): string {
  const national = phone
    .trim()
    .replace(/^\+81[-\s]*/, '')
    .replace(/^0/, '')
    .replace(/\s+/g, '-');
  return `+81-${national}`;
}
