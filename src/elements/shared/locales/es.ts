import type { Messages } from './en.js';

/** Spanish. */
const es: Messages = {
  'common.loading': 'Cargando…',
  'common.retry': 'Reintentar',
  'common.reconnect': 'Volver a conectar',
  'common.dismiss': 'Descartar',
  'common.close': 'Cerrar',
  'common.cancel': 'Cancelar',
  'common.logo': 'Logotipo de {name}',

  'status.pending': 'Esperando autorización',
  'status.linked': 'Conectado',
  'status.unlinked': 'Desconectado',
  'status.deauthorized': 'Acceso revocado',
  'status.paused': 'En pausa',
  'health.healthy': 'Funciona correctamente',
  'health.unhealthy': 'La sincronización falla',
  'health.unknown': 'Estado desconocido',
  'sync.last': 'Sincronizado {time}',
  'sync.never': 'Aún no sincronizado',

  'statusIndicator.loading': 'Comprobando la conexión…',
  'statusIndicator.notFound': 'Conexión no encontrada',
  'statusIndicator.error': 'Estado no disponible',
  'statusIndicator.none': 'Sin conexión',

  'errorPanel.details': 'Detalles técnicos',
  'errorPanel.httpStatus': 'Estado HTTP {status}',
  'errorPanel.correlationId': 'Referencia',
  'errorPanel.copy': 'Copiar referencia',
  'errorPanel.copied': 'Referencia copiada',
  'errorPanel.issuesTitle': '{name} requiere atención',
  'errorPanel.issuesMessage':
    '{count, plural, one {El proveedor informó de un problema con esta conexión.} other {El proveedor informó de # problemas con esta conexión.}}',
  'errorPanel.deauthorized':
    'Se revocó el acceso a {name}. Vuelva a conectar la cuenta para reanudar la sincronización.',
  'errorPanel.issueWhen': 'Desde {time}',

  'error.network.title': 'Problema de conexión',
  'error.network.message':
    'No se pudo contactar con el servicio. Compruebe su conexión a Internet e inténtelo de nuevo.',
  'error.timeout.title': 'Está tardando demasiado',
  'error.timeout.message': 'El servicio no respondió a tiempo. Inténtelo de nuevo en un momento.',
  'error.http.title': 'El servicio devolvió un error',
  'error.http.message': 'Algo falló en el servidor. Inténtelo de nuevo o contacte con soporte si sigue ocurriendo.',
  'error.unauthorized.title': 'Se necesita autorización',
  'error.unauthorized.message': 'Se denegó el acceso. Vuelva a conectar la cuenta para concederlo de nuevo.',
  'error.not-found.title': 'No encontrado',
  'error.not-found.message': 'La conexión o la integración ya no existe. Puede que se haya eliminado.',
  'error.rate-limited.title': 'Demasiadas solicitudes',
  'error.rate-limited.message': 'El servicio está ocupado. Espere un momento e inténtelo de nuevo.',
  'error.invalid-response.title': 'Respuesta inesperada',
  'error.invalid-response.message':
    'El servicio respondió de una forma inesperada. Contacte con soporte e indique la referencia de abajo.',
  'error.unsafe-url.title': 'Enlace no seguro bloqueado',
  'error.unsafe-url.message': 'El enlace de autorización no era seguro, así que no se abrió nada.',
  'error.state-mismatch.title': 'No se pudo verificar el inicio de sesión',
  'error.state-mismatch.message':
    'Este regreso no corresponde a ningún inicio de sesión empezado aquí, así que no se conectó nada. Empiece de nuevo desde esta página.',
  'error.popup-blocked.title': 'Ventana emergente bloqueada',
  'error.popup-blocked.message':
    'Su navegador bloqueó la ventana de inicio de sesión. Permita las ventanas emergentes en este sitio e inténtelo de nuevo.',
  'error.cancelled.title': 'Cancelado',
  'error.cancelled.message': 'La conexión no se completó. Puede empezar de nuevo cuando quiera.',
  'error.provider.title': 'El proveedor informó de un problema',
  'error.provider.message': 'El proveedor no pudo completar la conexión. Inténtelo de nuevo o elija otra cuenta.',
  'error.expired.title': 'Sesión caducada',
  'error.expired.message': 'La autorización tardó demasiado y caducó. Empiece de nuevo.',
};

export default es;
