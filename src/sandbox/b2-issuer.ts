/**
 * A stand-in for B2クラウド's 発行済データ出力 (docs/shipping-labels.md §2.2): the label file's rows come back
 * with 伝票番号 filled — 12 digits, the last a check digit (the first 11 digits mod 7; docs/shipping-labels.md
 * §2.2 marks this [verify]). For the demo and the tests; a real file comes from B2クラウド itself.
 */

export function yamatoNumber(serial: number): string {
  const body = String(serial).padStart(11, '0').slice(-11);
  return body + String(Number(BigInt(body) % 7n));
}

/** The issued rows for a B2 label file (header first): 伝票番号 by header name, numbers from `firstSerial`. */
export function issueB2(labelRows: readonly (readonly string[])[], firstSerial: number): string[][] {
  const [header, ...lines] = labelRows;
  const at = header.indexOf('伝票番号');
  if (at < 0) throw new Error('not a B2 label file: no 伝票番号 column');
  return [[...header], ...lines.map((l, i) => l.map((v, c) => (c === at ? yamatoNumber(firstSerial + i) : v)))];
}
