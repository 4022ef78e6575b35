// English, in parts: each element imports only the parts it shows, and English is what every other
// catalogue falls back to. `../en.ts` puts the parts together into the whole reference catalogue.

/** The error panel: one title and message per `LinkError` code, and the panel's own words. */
export const errorStrings = {
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
  'error.network.title': 'Connection problem',
  'error.network.message': 'We could not reach the service. Check your internet connection and try again.',
  'error.timeout.title': 'This is taking too long',
  'error.timeout.message': 'The service did not answer in time. Try again in a moment.',
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
  'error.expired.message': 'The authorization took too long and expired. Start again.',
} as const;
