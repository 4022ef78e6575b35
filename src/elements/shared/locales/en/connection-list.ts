// English, in parts: each element imports only the parts it shows, and English is what every other
// catalogue falls back to. `../en.ts` puts the parts together into the whole reference catalogue.

/** `lf-connection-list`. */
export const connectionListStrings = {
  'connectionList.heading': 'Connections',
  'connectionList.loading': 'Loading connections…',
  'connectionList.empty': 'No connections yet.',
  'connectionList.error': 'The connections could not be loaded.',
  'connectionList.unlink': 'Unlink',
  'connectionList.remove': 'Remove',
  'connectionList.reconnectLabel': 'Reconnect {name}',
  'connectionList.unlinkLabel': 'Unlink {name}',
  'connectionList.removeLabel': 'Remove {name}',
  'connectionList.confirmRemove': 'Remove {name}? The connection will be deleted.',
  'connectionList.confirmRemoveButton': 'Yes, remove',
  'connectionList.issues': '{count, plural, one {# active issue} other {# active issues}}',
  'connectionList.actionFailed': 'That did not work: {message}',
  'connectionList.removed': '{name} removed.',
  'connectionList.unlinked': '{name} unlinked.',
} as const;
