/** One problem in the settings: which shop, which field (docs/contract.md §4 path), and in Sheets which cell. */
export interface SettingsIssue {
  shop?: string;
  field: string;
  cell?: string;
  message: string;
}

/** Invalid settings (docs/contract.md §4): every problem at once, each naming shop, field and cell. */
export class SettingsError extends Error {
  constructor(
    readonly issues: SettingsIssue[],
    /** one line per issue, already in the settings' locale */
    readonly lines: string[],
  ) {
    super(lines.join('\n'));
    this.name = 'SettingsError';
  }
}
