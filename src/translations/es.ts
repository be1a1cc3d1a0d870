import type { Translation } from './translation.js';

/**
 * Spanish for Spain and Latin America alike, addressing the user with «usted»; words shared by
 * both (cámara, foto, dispositivo), no regionalisms.
 */
const es: Translation = {
  $code: 'es',
  direction: 'ltr',
  label: 'Captura facial',
  introTitle: 'Tómese una selfie',
  introBody:
    'Usaremos su cámara para tomar una foto de su rostro. Primero se verifica en este dispositivo.',
  start: 'Comenzar',
  starting: 'Iniciando la cámara…',
  loadingDetector: 'Preparando…',
  cancel: 'Cancelar',
  previewLabel: 'Vista previa de la cámara',
  hints: {
    noFace: 'Coloque su rostro dentro del óvalo',
    multipleFaces: 'Solo un rostro, por favor',
    faceUnclear: 'Asegúrese de que su rostro se vea con claridad',
    moveCloser: 'Acérquese',
    moveBack: 'Aléjese un poco',
    centreFace: 'Centre su rostro en el óvalo',
    levelHead: 'Mantenga la cabeza recta',
    lookStraight: 'Mire directamente a la cámara',
    moreLight: 'Busque un lugar con más luz',
    lessLight: 'Demasiada luz: evite la luz directa',
    evenLight: 'Busque una luz uniforme sobre su rostro',
    blurry: 'Imagen borrosa: no se mueva',
    holdStill: 'No se mueva',
  },
  holding: 'Muy bien, no se mueva…',
  paused: 'En pausa',
  takePhoto: 'Tomar foto',
  detectorUnavailable: 'La captura automática no está disponible. Centre su rostro y tome la foto.',
  switchCamera: 'Cámara',
  cameraOption: (index) => `Cámara ${index}`,
  capturing: 'Tomando la foto…',
  capturedTitle: 'Foto tomada',
  capturedBody: 'Su foto está lista.',
  capturedImageAlt: 'Su foto',
  retake: 'Repetir foto',
  cancelledTitle: 'Cancelado',
  startAgain: 'Empezar de nuevo',
  cameraFailures: {
    'permission-denied': {
      title: 'El acceso a la cámara está bloqueado',
      body: 'Permita el acceso a la cámara para este sitio en la configuración del navegador (el icono de la cámara en la barra de direcciones) y vuelva a intentarlo.',
      action: 'Volver a intentar',
    },
    'no-camera': {
      title: 'No se encontró ninguna cámara',
      body: 'Conecte una cámara o use un dispositivo que tenga una y vuelva a intentarlo.',
      action: 'Volver a intentar',
    },
    'camera-busy': {
      title: 'La cámara está en uso',
      body: 'Cierre otras aplicaciones o pestañas que estén usando la cámara y vuelva a intentarlo.',
      action: 'Volver a intentar',
    },
    constraints: {
      title: 'No se puede usar la cámara',
      body: 'Su cámara no admite el modo de video necesario. Pruebe con otra cámara.',
      action: 'Volver a intentar',
    },
    'insecure-context': {
      title: 'Esta página no es segura',
      body: 'La cámara solo funciona en páginas abiertas con https. Abra la dirección segura de esta página.',
      action: 'Volver a intentar',
    },
    unsupported: {
      title: 'Este navegador no puede usar la cámara',
      body: 'Abra esta página en un navegador actualizado, como Chrome, Edge, Firefox o Safari.',
      action: 'Volver a intentar',
    },
    'track-ended': {
      title: 'La cámara se detuvo',
      body: 'La cámara se desconectó o la está usando otra aplicación. Revísela y vuelva a intentarlo.',
      action: 'Volver a intentar',
    },
  },
  errorTitle: 'Se produjo un error',
  captureFailed: 'No se pudo guardar la foto. Vuelva a intentarlo.',
  tryAgain: 'Volver a intentar',
  uploading: 'Enviando su foto…',
  uploadProgressLabel: 'Envío de la foto',
  checking: 'Verificando su identidad…',
  processing: 'Procesando…',
  resultGreenTitle: 'Identidad confirmada',
  resultGreenBody: 'Su rostro coincide. Puede continuar.',
  resultRedTitle: 'No pudimos confirmar su identidad',
  rejectReasons: {
    FACE_MISMATCH: 'El rostro de la foto no coincide con el registrado.',
    NO_FACE: 'No se encontró ningún rostro en la foto.',
    MULTIPLE_FACES: 'Había más de un rostro en la foto.',
    LOW_QUALITY: 'La foto no era lo bastante nítida: busque buena luz y no se mueva.',
    livenessTurns:
      'No pudimos ver el giro de la cabeza: gire la cabeza despacio hacia el lado indicado y vuelva a mirar al frente.',
    livenessReflection:
      'Los colores de la pantalla no se vieron en su cara: mire a la pantalla, acérquese un poco y evite la luz intensa.',
    livenessRecording:
      'El vídeo fue demasiado corto o se interrumpió: mantenga la página abierta hasta que termine la comprobación.',
    livenessNotConfirmed: 'No pudimos confirmar que hubiera una persona real delante de la cámara.',
  },
  rejectOther: 'La foto no superó la verificación.',
  resultFinal:
    'Esta verificación no se puede repetir. Si cree que se trata de un error, comuníquese con atención al cliente.',
  resultErrorTitle: 'No se pudo realizar la verificación',
  resultErrorBody:
    'Se produjo un error de nuestra parte al verificar su foto. Vuelva a intentarlo.',
  onHoldTitle: 'Le informaremos',
  onHoldBody: 'Una persona debe revisar su foto con más detalle. Le comunicaremos el resultado.',
  actionErrors: {
    config: 'Esta página no está configurada correctamente para la autenticación facial.',
    token:
      'No se pudo iniciar la verificación: el servicio no permitió el acceso. Vuelva a intentarlo.',
    'token-expired': 'Su sesión ha expirado. Vuelva a intentarlo.',
    network:
      'No hay conexión con el servicio. Revise su conexión a internet y vuelva a intentarlo.',
    'provider-rejected': 'El servicio no aceptó la solicitud.',
    'provider-unavailable':
      'El servicio no está disponible en este momento. Vuelva a intentarlo en unos instantes.',
    'provider-response': 'El servicio respondió de forma inesperada.',
    timeout: 'La verificación está tardando demasiado. Vuelva a intentarlo más tarde.',
    'liveness-unsupported':
      'La verificación necesita un vídeo corto y este navegador no puede grabarlo. Abra esta página en una versión actual de Chrome, Edge, Firefox o Safari.',
    'liveness-locked':
      'Por su seguridad, la verificación por vídeo está en pausa tras varios intentos fallidos. Vuelva a intentarlo en unos minutos.',
    aborted: 'Cancelado.',
  },
  livenessLabel: 'Verificación por vídeo',
  livenessPreparing: 'Un paso más: un vídeo corto…',
  livenessHoldStill: 'No se mueva mientras la pantalla cambia de color',
  livenessTurns: {
    left: 'Gire la cabeza hacia la izquierda',
    right: 'Gire la cabeza hacia la derecha',
    up: 'Levante un poco la cabeza',
  },
  livenessLookBack: 'Ahora vuelva a mirar la pantalla',
  livenessLockedTitle: 'Demasiados intentos',
  livenessUnsupportedTitle: 'Este navegador no puede grabar vídeo',
  errorDetail: (text) => `Detalles: ${text}`,
};

export default es;
