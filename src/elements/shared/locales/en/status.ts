// English, in parts: each element imports only the parts it shows, and English is what every other
// catalogue falls back to. `../en.ts` puts the parts together into the whole reference catalogue.

/** A connection's status and health, as the picker, the list and the status indicator name them. */
export const statusStrings = {
  'status.pending': 'Waiting for authorization',
  'status.linked': 'Connected',
  'status.unlinked': 'Disconnected',
  'status.deauthorized': 'Access revoked',
  'status.paused': 'Paused',
  'health.healthy': 'Healthy',
  'health.unhealthy': 'Sync failing',
  'health.unknown': 'Health unknown',
} as const;

/** The status indicator's own words: last sync, and what it shows without a connection. */
export const indicatorStrings = {
  'sync.last': 'Synced {time}',
  'sync.never': 'Not synced yet',
  'statusIndicator.loading': 'Checking connection…',
  'statusIndicator.notFound': 'Connection not found',
  'statusIndicator.error': 'Status unavailable',
  'statusIndicator.none': 'No connection',
} as const;
