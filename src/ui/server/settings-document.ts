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
}

/** The seller's selection on 受注一覧 and the HTML → PDF conversion (Apps Script: Utilities; tests: a fake). */
export interface PrintingPort {
  /** 1-based data rows of 受注一覧 the seller selected; [] for none or a single cell (the cursor) */
  selectedOrderRows(): number[];
  /** the PDF of `html`, base64 */
  htmlToPdf(html: string, fileName: string): string;
}
