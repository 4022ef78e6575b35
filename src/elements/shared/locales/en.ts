// English, the reference catalogue: every key exists here, and every other locale has every key.
// Placeholders: `{name}`; plurals: `{count, plural, one {# item} other {# items}}`.
export const en = {
  // Shared
  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.reconnect': 'Reconnect',
  'common.dismiss': 'Dismiss',
  'common.close': 'Close',
  'common.cancel': 'Cancel',
  'common.logo': '{name} logo',

  // Connection status and health
  'status.pending': 'Waiting for authorization',
  'status.linked': 'Connected',
  'status.unlinked': 'Disconnected',
  'status.deauthorized': 'Access revoked',
  'status.paused': 'Paused',
  'health.healthy': 'Healthy',
  'health.unhealthy': 'Sync failing',
  'health.unknown': 'Health unknown',
  'sync.last': 'Synced {time}',
  'sync.never': 'Not synced yet',

  // lf-status-indicator
  'statusIndicator.loading': 'Checking connection…',
  'statusIndicator.notFound': 'Connection not found',
  'statusIndicator.error': 'Status unavailable',
  'statusIndicator.none': 'No connection',

  // lf-error-panel
  'errorPanel.details': 'Technical details',
  'errorPanel.httpStatus': 'HTTP status {status}',
  'errorPanel.correlationId': 'Reference',
  'errorPanel.copy': 'Copy reference',
  'errorPanel.copied': 'Reference copied',
  'errorPanel.issuesTitle': '{name} needs attention',
  'errorPanel.issuesMessage':
    '{count, plural, one {The provider reported a problem with this connection.} other {The provider reported # problems with this connection.}}',
  'errorPanel.deauthorized': 'Access to {name} was revoked. Reconnect to resume syncing.',
  'errorPanel.issueWhen': 'Since {time}',

  // lf-connection-picker
  'picker.search': 'Search integrations',
  'picker.searchPlaceholder': 'Search by name or category',
  'picker.category': 'Category',
  'picker.allCategories': 'All categories',
  'picker.list': 'Integrations',
  'picker.loading': 'Loading integrations…',
  'picker.empty': 'No integrations are available.',
  'picker.noMatch': 'No results for “{query}”.',
  'picker.results': '{count, plural, =0 {No results} one {# result} other {# results}}',
  'picker.error': 'The integrations could not be loaded.',
  'picker.beta': 'Beta',
  'picker.unavailable': 'Unavailable',

  // lf-connection-list
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

  // lf-link-flow
  'flow.choose': 'Connect an account',
  'flow.starting': 'Opening {name}…',
  'flow.authorizingPopup': 'Continue in the {name} window',
  'flow.authorizingRedirect': 'Taking you to {name}…',
  'flow.waitingHint': 'Sign in to {name} and approve access. This page updates when you are done.',
  'flow.verifying': 'Checking your {name} connection…',
  'flow.verifyingHint': 'Confirming with {name} that access was granted.',
  'flow.linked': '{name} is connected',
  'flow.another': 'Connect another account',
  'flow.failed': 'The connection did not complete',
  'flow.chooseAnother': 'Choose another integration',
  'flow.cancelled': 'Connecting {name} was cancelled',
  'flow.cancelledNoName': 'Connecting was cancelled',

  // Error titles and messages, one pair per LinkError code
  'error.network.title': 'Connection problem',
  'error.network.message': 'We could not reach the service. Check your internet connection and try again.',
  'error.timeout.title': 'This is taking too long',
  'error.timeout.message': 'The service did not answer in time. Please try again in a moment.',
  'error.http.title': 'The service returned an error',
  'error.http.message': 'Something went wrong on the server. Try again, or contact support if it keeps happening.',
  'error.unauthorized.title': 'Authorization needed',
  'error.unauthorized.message': 'Access was refused. Reconnect the account to grant access again.',
  'error.not-found.title': 'Not found',
  'error.not-found.message': 'The connection or integration no longer exists. It may have been removed.',
  'error.rate-limited.title': 'Too many requests',
  'error.rate-limited.message': 'The service is busy. Wait a moment, then try again.',
  'error.invalid-response.title': 'Unexpected answer',
  'error.invalid-response.message':
    'The service answered in a form we did not expect. Contact support and give them the reference below.',
  'error.unsafe-url.title': 'Unsafe link blocked',
  'error.unsafe-url.message': 'The authorization link was not safe to open, so nothing was opened.',
  'error.state-mismatch.title': 'Sign-in could not be verified',
  'error.state-mismatch.message':
    'This return did not match a sign-in started here, so nothing was linked. Start again from this page.',
  'error.popup-blocked.title': 'Pop-up blocked',
  'error.popup-blocked.message': 'Your browser blocked the sign-in window. Allow pop-ups for this site and try again.',
  'error.cancelled.title': 'Cancelled',
  'error.cancelled.message': 'The connection was not completed. You can start again whenever you are ready.',
  'error.provider.title': 'The provider reported a problem',
  'error.provider.message': 'The provider could not complete the connection. Try again, or choose another account.',
  'error.expired.title': 'Session expired',
  'error.expired.message': 'The authorization took too long and expired. Please start again.',
} as const;

/** Every message key. */
export type MessageKey = keyof typeof en;

/** A complete catalogue: one string per key. */
export type Messages = Record<MessageKey, string>;

export default en satisfies Messages;
