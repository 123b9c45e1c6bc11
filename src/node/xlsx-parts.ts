import JSZip from 'jszip';

/**
 * Seller content of an .xlsx file that exceljs may not write back (it keeps cells, styles, images, notes and
 * tables, but drops charts, pivot tables, shapes, macros, slicers…). Counted per kind from the zip parts, so a
 * trial save can show what a real save would lose (docs/contract.md §5: nothing lost).
 */
export const AT_RISK_KINDS = [
  'charts',
  'chartSheets',
  'pivotTables',
  'images',
  'shapes',
  'macros',
  'slicers',
  'externalLinks',
] as const;
export type AtRiskKind = (typeof AT_RISK_KINDS)[number];

const PART_KIND: [RegExp, AtRiskKind][] = [
  [/^xl\/charts\/chart\d*\.xml$/, 'charts'],
  [/^xl\/chartsheets\/[^/]+\.xml$/, 'chartSheets'],
  [/^xl\/pivotTables\/[^/]+\.xml$/, 'pivotTables'],
  [/^xl\/media\/[^/]+$/, 'images'],
  [/^xl\/vbaProject\.bin$/, 'macros'],
  [/^xl\/slicers\/[^/]+\.xml$/, 'slicers'],
  [/^xl\/externalLinks\/[^/]+\.xml$/, 'externalLinks'],
];

export type PartCounts = Partial<Record<AtRiskKind, number>>;

/** How many of each at-risk kind a workbook file holds (shapes: drawing-shape elements in drawing parts). */
export async function countAtRisk(xlsx: Uint8Array): Promise<PartCounts> {
  const zip = await JSZip.loadAsync(xlsx);
  const counts: PartCounts = {};
  const add = (k: AtRiskKind, n = 1) => {
    if (n > 0) counts[k] = (counts[k] ?? 0) + n;
  };
  for (const name of Object.keys(zip.files)) {
    const kind = PART_KIND.find(([re]) => re.test(name))?.[1];
    if (kind) add(kind);
    if (/^xl\/drawings\/drawing\d*\.xml$/.test(name)) {
      const xml = await zip.files[name].async('string');
      add('shapes', (xml.match(/<xdr:(sp|cxnSp|grpSp)\b/g) ?? []).length);
    }
  }
  return counts;
}

/** Kinds (with counts) the saved file has fewer of than the original. */
export function lostBetween(before: PartCounts, after: PartCounts): { kind: AtRiskKind; count: number }[] {
  return AT_RISK_KINDS.filter((k) => (before[k] ?? 0) > (after[k] ?? 0)).map((k) => ({
    kind: k,
    count: (before[k] ?? 0) - (after[k] ?? 0),
  }));
}
