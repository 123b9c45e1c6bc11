import { z } from 'zod';
import { translate } from '../../i18n';
import type { CellStyle, HighlightRule, LayoutChange, PropertiesPort, SheetPort } from '../../ports';
import { MANAGEMENT_STATUS_LABELS, MANAGEMENT_STATUSES, type ManagementStatus } from '../order-line';
import type { Locale } from '../settings/schema';
import { columnLetter, isEmptyChange, markedFormula, spansOf } from '../sheet/layout';
import { COLUMNS, type ColumnId } from './columns';

/**
 * The layout of 受注一覧 (docs/contract.md §2 Layout): frozen styled header, widths, dropdowns for
 * 管理ステータス and 配送業者, a date rule on 出荷日, row colours, warnings on engine columns. What was applied
 * is remembered in document properties, so a run whose layout inputs did not change makes no layout call.
 * Sheets moves validations, rules and protections with the cells when the seller inserts, moves or sorts,
 * so column moves need nothing; only a new tab, columns the engine adds back, the language and the
 * carrier table change what is applied.
 */

export const ORDERS_LAYOUT_KEY = 'layout:orders';
/** Bump when what a full layout sets changes: every tab then gets the new layout once. */
const LAYOUT_VERSION = 1;
const LayoutStateSchema = z.object({ v: z.number(), locale: z.string(), carriers: z.array(z.string()) });
type LayoutState = z.infer<typeof LayoutStateSchema>;

export const HEADER_STYLE: CellStyle = { background: '#1f3864', fontColor: '#ffffff', bold: true };

const ROW_STYLE: Record<ManagementStatus, CellStyle> = {
  new: { background: '#e8f0fe' },
  awaiting: { background: '#fef7e0' },
  done: { background: '#e6f4ea' },
  hold: { background: '#fce8d4' },
  cancelled: { background: '#eeeeee', fontColor: '#80868b' },
};
const FAILED_STYLE: CellStyle = { background: '#f4c7c3', fontColor: '#a50e0e', bold: true };
const OVERDUE_STYLE: CellStyle = { background: '#d93025', fontColor: '#ffffff', bold: true };

/** Pixels per column: wide enough for what each holds (a seller's own columns keep theirs). */
const WIDTH: Partial<Record<ColumnId, number>> = {
  shop: 120,
  mall: 90,
  orderId: 170,
  lineId: 170,
  mallStatus: 130,
  orderedAt: 130,
  shipBy: 130,
  item: 240,
  sku: 120,
  variant: 120,
  qty: 50,
  unitPrice: 80,
  amount: 80,
  currency: 50,
  recipient: 120,
  postalCode: 80,
  address: 260,
  phone: 110,
  status: 110,
  carrier: 110,
  tracking: 140,
  shippedOn: 100,
  memo: 160,
  exportedAt: 130,
  exportResult: 220,
  updatedAt: 130,
  exportedTracking: 140,
};
const DEFAULT_WIDTH = 110;

export interface OrdersLayoutInput {
  /** 0-based sheet column of every known column */
  at: Record<ColumnId, number>;
  /** columns in the header row, the seller's own included */
  width: number;
  locale: Locale;
  carriers: readonly string[];
}

const ref = (at: Record<ColumnId, number>, id: ColumnId) => `$${columnLetter(at[id] + 1)}2`;

/** 管理ステータス is one of these labels (either language: a sheet may still hold the other one's). */
function statusIs(at: Record<ColumnId, number>, ids: readonly ManagementStatus[]): string {
  const cell = ref(at, 'status');
  const labels = ids.flatMap((id) => [MANAGEMENT_STATUS_LABELS.ja[id], MANAGEMENT_STATUS_LABELS.en[id]]);
  return `OR(${labels.map((l) => `${cell}="${l}"`).join(',')})`;
}

/**
 * Cell rules first (Sheets applies the first matching rule's colours): a 書出結果 that is not OK, a 発送期限
 * today or past on a row not yet done; then the row colour by 管理ステータス. 発送期限 may be a date cell
 * (Sheets) or 'yyyy-MM-dd HH:mm' text (a workbook), so both are read.
 */
export function ordersHighlights(at: Record<ColumnId, number>, width: number): HighlightRule[] {
  const result = ref(at, 'exportResult');
  const shipBy = ref(at, 'shipBy');
  const whole = { first: 1, last: width };
  const only = (id: ColumnId) => ({ first: at[id] + 1, last: at[id] + 1 });
  const shipByDay = `IF(ISNUMBER(${shipBy}),${shipBy},DATEVALUE(LEFT(${shipBy},10)))`;
  return [
    {
      span: only('exportResult'),
      formula: markedFormula(`${result}<>"",LEFT(${result},2)<>"OK"`),
      style: FAILED_STYLE,
    },
    {
      span: only('shipBy'),
      formula: markedFormula(
        `${shipBy}<>"",IFERROR(${shipByDay}<TODAY()+1,FALSE),NOT(${statusIs(at, ['done', 'cancelled'])})`,
      ),
      style: OVERDUE_STYLE,
    },
    ...MANAGEMENT_STATUSES.map((id) => ({
      span: whole,
      formula: markedFormula(statusIs(at, [id])),
      style: ROW_STYLE[id],
    })),
  ];
}

type Validation = NonNullable<LayoutChange['validations']>[number];

function statusValidation(input: OrdersLayoutInput): Validation {
  const labels = MANAGEMENT_STATUSES.map((id) => MANAGEMENT_STATUS_LABELS[input.locale][id]);
  const help = translate(input.locale, 'layout.help.status', { values: labels.join(' / ') });
  return { col: input.at.status + 1, rule: { kind: 'list', values: labels, help } };
}

function carrierValidation(input: OrdersLayoutInput): Validation {
  const names = carrierNames(input);
  const help = translate(input.locale, 'layout.help.carrier');
  return { col: input.at.carrier + 1, rule: names.length ? { kind: 'list', values: names, help } : null };
}

function dateValidation(input: OrdersLayoutInput): Validation {
  return {
    col: input.at.shippedOn + 1,
    rule: { kind: 'date', help: translate(input.locale, 'layout.help.shippedOn') },
  };
}

/** Everything but the header style and widths, which are the seller's to change once the tab exists. */
function fullRules(input: OrdersLayoutInput): LayoutChange {
  const { at, width } = input;
  return {
    frozenRows: 1,
    validations: [statusValidation(input), carrierValidation(input), dateValidation(input)],
    highlights: ordersHighlights(at, width),
    protect: spansOf(COLUMNS.filter((c) => c.owner === 'engine').map((c) => at[c.id])),
  };
}

function looks(input: OrdersLayoutInput, ids: readonly ColumnId[]): LayoutChange {
  const cols = ids.map((id) => input.at[id]);
  return {
    header: { spans: spansOf(cols), style: HEADER_STYLE },
    widths: ids.map((id) => ({ col: input.at[id] + 1, px: WIDTH[id] ?? DEFAULT_WIDTH })),
  };
}

/**
 * What must be applied now, given what was applied before (null: never, or unreadable). A new tab gets
 * everything; columns the engine added back get their header style and width and the rules are
 * reapplied over the new extent; otherwise only a changed language or carrier table is followed.
 */
export function planOrdersLayout(
  input: OrdersLayoutInput,
  before: LayoutState | null,
  tab: { created: boolean; added: readonly ColumnId[] },
): LayoutChange {
  if (tab.created)
    return {
      ...fullRules(input),
      ...looks(
        input,
        COLUMNS.map((c) => c.id),
      ),
    };
  if (!before || before.v !== LAYOUT_VERSION || tab.added.length > 0) {
    return { ...fullRules(input), ...(tab.added.length ? looks(input, tab.added) : {}) };
  }
  const validations: Validation[] = [];
  if (before.locale !== input.locale) validations.push(statusValidation(input));
  if (!sameList(before.carriers, carrierNames(input))) validations.push(carrierValidation(input));
  return validations.length ? { validations } : {};
}

const carrierNames = (input: OrdersLayoutInput) => [...new Set(input.carriers.filter((n) => n !== ''))];
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function readLayoutState(props: PropertiesPort): LayoutState | null {
  try {
    const parsed = LayoutStateSchema.safeParse(JSON.parse(props.get(ORDERS_LAYOUT_KEY) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Applies what planOrdersLayout says (nothing at all when nothing changed) and remembers it. */
export function ensureOrdersLayout(
  sheet: SheetPort,
  props: PropertiesPort,
  input: OrdersLayoutInput,
  tab: { created: boolean; added: readonly ColumnId[]; repair?: boolean },
): LayoutChange {
  const before = tab.repair ? null : readLayoutState(props);
  const change = planOrdersLayout(input, before, tab);
  if (isEmptyChange(change)) return change;
  sheet.applyLayout(change);
  const state: LayoutState = { v: LAYOUT_VERSION, locale: input.locale, carriers: carrierNames(input) };
  props.set(ORDERS_LAYOUT_KEY, JSON.stringify(state));
  return change;
}
