import type { Messages } from './en.js';

/** French. */
const fr: Messages = {
  'common.loading': 'Chargement…',
  'common.retry': 'Réessayer',
  'common.reconnect': 'Reconnecter',
  'common.dismiss': 'Fermer',
  'common.close': 'Fermer',
  'common.cancel': 'Annuler',
  'common.logo': 'Logo {name}',

  'status.pending': 'En attente d’autorisation',
  'status.linked': 'Connecté',
  'status.unlinked': 'Déconnecté',
  'status.deauthorized': 'Accès révoqué',
  'status.paused': 'En pause',
  'health.healthy': 'Opérationnel',
  'health.unhealthy': 'Échec de synchronisation',
  'health.unknown': 'État inconnu',
  'sync.last': 'Synchronisé {time}',
  'sync.never': 'Pas encore synchronisé',

  'statusIndicator.loading': 'Vérification de la connexion…',
  'statusIndicator.notFound': 'Connexion introuvable',
  'statusIndicator.error': 'État indisponible',
  'statusIndicator.none': 'Aucune connexion',

  'errorPanel.details': 'Détails techniques',
  'errorPanel.httpStatus': 'Statut HTTP {status}',
  'errorPanel.correlationId': 'Référence',
  'errorPanel.copy': 'Copier la référence',
  'errorPanel.copied': 'Référence copiée',
  'errorPanel.issuesTitle': '{name} demande votre attention',
  'errorPanel.issuesMessage':
    '{count, plural, one {Le fournisseur a signalé un problème avec cette connexion.} other {Le fournisseur a signalé # problèmes avec cette connexion.}}',
  'errorPanel.deauthorized': 'L’accès à {name} a été révoqué. Reconnectez-vous pour reprendre la synchronisation.',
  'errorPanel.issueWhen': 'Depuis {time}',

  'error.network.title': 'Problème de connexion',
  'error.network.message': 'Le service est injoignable. Vérifiez votre connexion Internet, puis réessayez.',
  'error.timeout.title': 'Délai dépassé',
  'error.timeout.message': 'Le service n’a pas répondu à temps. Réessayez dans un instant.',
  'error.http.title': 'Le service a renvoyé une erreur',
  'error.http.message':
    'Une erreur s’est produite sur le serveur. Réessayez, ou contactez l’assistance si le problème persiste.',
  'error.unauthorized.title': 'Autorisation requise',
  'error.unauthorized.message': 'L’accès a été refusé. Reconnectez le compte pour l’autoriser de nouveau.',
  'error.not-found.title': 'Introuvable',
  'error.not-found.message': 'La connexion ou l’intégration n’existe plus. Elle a peut-être été supprimée.',
  'error.rate-limited.title': 'Trop de requêtes',
  'error.rate-limited.message': 'Le service est surchargé. Patientez un instant, puis réessayez.',
  'error.invalid-response.title': 'Réponse inattendue',
  'error.invalid-response.message':
    'Le service a répondu sous une forme inattendue. Contactez l’assistance en indiquant la référence ci-dessous.',
  'error.unsafe-url.title': 'Lien dangereux bloqué',
  'error.unsafe-url.message': 'Le lien d’autorisation n’était pas sûr : rien n’a été ouvert.',
  'error.state-mismatch.title': 'Connexion impossible à vérifier',
  'error.state-mismatch.message':
    'Ce retour ne correspond à aucune connexion commencée ici : rien n’a été lié. Recommencez depuis cette page.',
  'error.popup-blocked.title': 'Fenêtre bloquée',
  'error.popup-blocked.message':
    'Votre navigateur a bloqué la fenêtre de connexion. Autorisez les fenêtres pour ce site, puis réessayez.',
  'error.cancelled.title': 'Annulé',
  'error.cancelled.message': 'La connexion n’a pas abouti. Vous pouvez recommencer quand vous le souhaitez.',
  'error.provider.title': 'Le fournisseur a signalé un problème',
  'error.provider.message': 'Le fournisseur n’a pas pu établir la connexion. Réessayez ou choisissez un autre compte.',
  'error.expired.title': 'Session expirée',
  'error.expired.message': 'L’autorisation a pris trop de temps et a expiré. Recommencez.',
};

export default fr;
