// English, in parts: each element imports only the parts it shows, and English is what every other
// catalogue falls back to. `../en.ts` puts the parts together into the whole reference catalogue.

/** Words every element may use. */
export const commonStrings = {
  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.reconnect': 'Reconnect',
  'common.dismiss': 'Dismiss',
  'common.close': 'Close',
  'common.cancel': 'Cancel',
  'common.logo': '{name} logo',
} as const;
