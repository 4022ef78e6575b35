import type { Messages } from './en.js';

/** German. */
const de: Messages = {
  'common.loading': 'Wird geladen…',
  'common.retry': 'Erneut versuchen',
  'common.reconnect': 'Neu verbinden',
  'common.dismiss': 'Schließen',
  'common.close': 'Schließen',
  'common.cancel': 'Abbrechen',
  'common.logo': 'Logo von {name}',

  'status.pending': 'Wartet auf Autorisierung',
  'status.linked': 'Verbunden',
  'status.unlinked': 'Getrennt',
  'status.deauthorized': 'Zugriff widerrufen',
  'status.paused': 'Pausiert',
  'health.healthy': 'Funktioniert',
  'health.unhealthy': 'Synchronisierung schlägt fehl',
  'health.unknown': 'Zustand unbekannt',
  'sync.last': 'Synchronisiert {time}',
  'sync.never': 'Noch nicht synchronisiert',

  'statusIndicator.loading': 'Verbindung wird geprüft…',
  'statusIndicator.notFound': 'Verbindung nicht gefunden',
  'statusIndicator.error': 'Status nicht verfügbar',
  'statusIndicator.none': 'Keine Verbindung',

  'errorPanel.details': 'Technische Details',
  'errorPanel.httpStatus': 'HTTP-Status {status}',
  'errorPanel.correlationId': 'Referenz',
  'errorPanel.copy': 'Referenz kopieren',
  'errorPanel.copied': 'Referenz kopiert',
  'errorPanel.issuesTitle': '{name} erfordert Ihre Aufmerksamkeit',
  'errorPanel.issuesMessage':
    '{count, plural, one {Der Anbieter hat ein Problem mit dieser Verbindung gemeldet.} other {Der Anbieter hat # Probleme mit dieser Verbindung gemeldet.}}',
  'errorPanel.deauthorized':
    'Der Zugriff auf {name} wurde widerrufen. Verbinden Sie das Konto neu, um die Synchronisierung fortzusetzen.',
  'errorPanel.issueWhen': 'Seit {time}',

  'picker.search': 'Integrationen durchsuchen',
  'picker.searchPlaceholder': 'Nach Name oder Kategorie suchen',
  'picker.category': 'Kategorie',
  'picker.allCategories': 'Alle Kategorien',
  'picker.list': 'Integrationen',
  'picker.loading': 'Integrationen werden geladen…',
  'picker.empty': 'Keine Integrationen verfügbar.',
  'picker.noMatch': 'Keine Ergebnisse für „{query}“.',
  'picker.results': '{count, plural, =0 {Keine Ergebnisse} one {# Ergebnis} other {# Ergebnisse}}',
  'picker.error': 'Die Integrationen konnten nicht geladen werden.',
  'picker.beta': 'Beta',
  'picker.unavailable': 'Nicht verfügbar',
  'connectionList.heading': 'Verbindungen',
  'connectionList.loading': 'Verbindungen werden geladen…',
  'connectionList.empty': 'Noch keine Verbindungen.',
  'connectionList.error': 'Die Verbindungen konnten nicht geladen werden.',
  'connectionList.unlink': 'Trennen',
  'connectionList.remove': 'Entfernen',
  'connectionList.reconnectLabel': '{name} neu verbinden',
  'connectionList.unlinkLabel': '{name} trennen',
  'connectionList.removeLabel': '{name} entfernen',
  'connectionList.confirmRemove': '{name} entfernen? Die Verbindung wird gelöscht.',
  'connectionList.confirmRemoveButton': 'Ja, entfernen',
  'connectionList.issues': '{count, plural, one {# aktives Problem} other {# aktive Probleme}}',
  'connectionList.actionFailed': 'Das hat nicht geklappt: {message}',
  'connectionList.removed': '{name} entfernt.',
  'connectionList.unlinked': '{name} getrennt.',

  'error.network.title': 'Verbindungsproblem',
  'error.network.message':
    'Der Dienst ist nicht erreichbar. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
  'error.timeout.title': 'Zeitüberschreitung',
  'error.timeout.message': 'Der Dienst hat nicht rechtzeitig geantwortet. Versuchen Sie es gleich noch einmal.',
  'error.http.title': 'Der Dienst hat einen Fehler gemeldet',
  'error.http.message':
    'Auf dem Server ist ein Fehler aufgetreten. Versuchen Sie es erneut oder wenden Sie sich an den Support, wenn das Problem bleibt.',
  'error.unauthorized.title': 'Autorisierung erforderlich',
  'error.unauthorized.message': 'Der Zugriff wurde verweigert. Verbinden Sie das Konto neu, um ihn wieder zu erlauben.',
  'error.not-found.title': 'Nicht gefunden',
  'error.not-found.message': 'Die Verbindung oder Integration existiert nicht mehr. Sie wurde möglicherweise entfernt.',
  'error.rate-limited.title': 'Zu viele Anfragen',
  'error.rate-limited.message': 'Der Dienst ist ausgelastet. Warten Sie einen Moment und versuchen Sie es dann erneut.',
  'error.invalid-response.title': 'Unerwartete Antwort',
  'error.invalid-response.message':
    'Der Dienst hat in unerwarteter Form geantwortet. Wenden Sie sich an den Support und nennen Sie die Referenz unten.',
  'error.unsafe-url.title': 'Unsicherer Link blockiert',
  'error.unsafe-url.message': 'Der Autorisierungslink war nicht sicher, daher wurde nichts geöffnet.',
  'error.state-mismatch.title': 'Anmeldung konnte nicht bestätigt werden',
  'error.state-mismatch.message':
    'Diese Rückkehr passt zu keiner hier begonnenen Anmeldung, daher wurde nichts verbunden. Beginnen Sie auf dieser Seite neu.',
  'error.popup-blocked.title': 'Pop-up blockiert',
  'error.popup-blocked.message':
    'Ihr Browser hat das Anmeldefenster blockiert. Erlauben Sie Pop-ups für diese Website und versuchen Sie es erneut.',
  'error.cancelled.title': 'Abgebrochen',
  'error.cancelled.message': 'Die Verbindung wurde nicht hergestellt. Sie können jederzeit neu beginnen.',
  'error.provider.title': 'Der Anbieter hat ein Problem gemeldet',
  'error.provider.message':
    'Der Anbieter konnte die Verbindung nicht herstellen. Versuchen Sie es erneut oder wählen Sie ein anderes Konto.',
  'error.expired.title': 'Sitzung abgelaufen',
  'error.expired.message': 'Die Autorisierung hat zu lange gedauert und ist abgelaufen. Bitte beginnen Sie neu.',
};

export default de;
