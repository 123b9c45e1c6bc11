import type { EngineEnv } from '../../engine';

/**
 * The settings model (docs/contract.md §4) as stored, before validation: the sidebar must show and fix settings
 * the engine would reject, so it reads them raw. Secret credential values are never part of it: they
 * live in document properties (see secrets.ts).
 */
export interface RawSettings {
  locale: unknown;
  timezone: unknown;
  /** ご依頼主 and label settings (docs/contract.md §4), kept as typed */
  shipper?: unknown;
  labels?: unknown;
  /** the alert entries as typed (the webhook is a secret: never read back) */
  alerts?: unknown;
  shops: Record<string, unknown>[];
  carriers: Record<string, unknown>[];
}

/** Where the sidebar reads and writes the settings: in Sheets the Settings tab (settings-tab-document.ts). */
export interface SettingsDocument {
  read(): RawSettings;
  /**
   * Replaces the stored settings with `next`, built from this document's last read() (its shop objects
   * tell where each shop was, so what else the store keeps beside a shop stays with it). Secret
   * credential fields are left out of `next`.
   */
  write(next: RawSettings): void;
}

/** What the sidebar's server functions get: the engine's EngineEnv plus the settings they edit. */
export interface UiEnv extends EngineEnv {
  settingsDoc: SettingsDocument;
  /** what the 納品書 dialog needs from the runtime; absent where nothing can be printed */
  printing?: PrintingPort;
  /** what the label dialogs need from the runtime; absent where no file can be made */
  labelFiles?: LabelFilePort;
}

/**
 * Label files' bytes (docs/shipping-labels.md §5): Windows-31J out, Shift-JIS or UTF-8 in. Apps Script does it
 * with Utilities (src/ui/gas/label-files.ts); the text itself comes from the engine, so both runtimes agree.
 */
export interface LabelFilePort {
  /** the CSV text (already within Windows-31J's repertoire) as Windows-31J bytes, base64 */
  encode(text: string): string;
  /** the file's CSV rows (UTF-8 when the bytes are UTF-8, else Windows-31J), or null when it is not CSV text */
  read(base64: string): string[][] | null;
}

/** The seller's selection on 受注一覧 and the HTML → PDF conversion (Apps Script: Utilities; tests: a fake). */
export interface PrintingPort {
  /** 1-based data rows of 受注一覧 the seller selected; [] for none or a single cell (the cursor) */
  selectedOrderRows(): number[];
  /** the PDF of `html`, base64 */
  htmlToPdf(html: string, fileName: string): string;
}
