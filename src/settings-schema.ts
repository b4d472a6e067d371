/** The reader's settings as stored (version 1). Declared once; see src/settings.ts. */
export interface Settings {
  /** Sites (see siteOf) where the extension is switched off. */
  disabledSites: string[];
}

export const DEFAULT_SETTINGS: Settings = { disabledSites: [] };
